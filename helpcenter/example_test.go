package helpcenter_test

import (
	"fmt"

	"github.com/claimdesk/claimdesk/helpcenter"
)

func ExampleLibrary_Search() {
	lib := helpcenter.NewLibrary(helpcenter.SeedArticles())
	for _, q := range []helpcenter.Query{
		{Shop: "dustin", Q: "När har ni öppet?", Lang: "sv"},
		{Shop: "digitallassmed", Q: "how long is the right of withdrawal"},
		{Shop: "dustin", Q: "Har dere gavekort?"},
	} {
		r := lib.Search(q)
		if r.Answer == nil {
			fmt.Printf("%s: no answer\n", q.Q)
			continue
		}
		fmt.Printf("%s: %s\n", q.Q, r.Answer.Title)
	}
	// Output:
	// När har ni öppet?: Åpningstider?
	// how long is the right of withdrawal: Ångerrätt
	// Har dere gavekort?: no answer
}
