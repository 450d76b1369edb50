package helpcenter

import "github.com/claimdesk/claimdesk/seeds"

// SeedArticles imports the demo shops' seed documents (seeds.All) as
// articles, in file order. It panics if an embedded seed file is missing,
// which cannot happen in a correct build.
func SeedArticles() []Article {
	var out []Article
	for _, d := range seeds.All {
		text, err := seeds.Read(d.File)
		if err != nil {
			panic("helpcenter: seed document " + d.File + ": " + err.Error())
		}
		out = append(out, ImportText(d.Shop, d.Lang, d.File, text)...)
	}
	return out
}
