package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// TestMacros: a shop admin writes a macro (errors beside fields), an agent
// picks it on the case page without JavaScript and gets it filled in the
// reply box, sends it and the macro's action sets the case waiting.
func TestMacros(t *testing.T) {
	f := newFixture(t)
	admin := f.signIn("camilla.strand@dustin.example")
	agent := f.signIn("henrik.moe@dustin.example")
	base := "/desk/shops/dustin/macros"
	if p := admin.get("/desk/cases?lang=en"); !strings.Contains(p.body, `href="`+base+`"`) {
		t.Error("no link to the macros for the shop's admin")
	}

	errorTests := []struct {
		name        string
		form        url.Values
		field, want string
	}{
		{"no title", url.Values{"title": {""}, "body_nb": {"Hei"}}, "title", "Enter a title."},
		{"no text", url.Values{"title": {"Tom"}}, "body_nb", "Write the text in at least one language."},
		{"an unknown placeholder", url.Values{"title": {"Rar"}, "body_sv": {"Hej {kund}"}}, "body_sv", "placeholder that does not exist"},
	}
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			fieldError(t, admin.post(base+"?lang=en", tt.form), tt.field, tt.want)
		})
	}
	admin.get(base + "?lang=en")
	p := admin.post(base, url.Values{"title": {"Be om bilder"}, "action": {"wait_customer"},
		"body_nb": {"Hei {customer_name}! Kan du sende oss bilder av skaden? Vennlig hilsen {agent_name}, {shop_name} ({case_number})"},
		"body_en": {"Hi {customer_name}, could you send us photos of the damage?"}})
	if !strings.Contains(p.body, "The macro has been saved.") || !strings.Contains(text(p.byID("macro-list")), "Be om bilder") {
		t.Fatalf("after saving: %s", text(p.byID("main")))
	}
	fieldError(t, admin.post(base, url.Values{"title": {"Be om bilder"}, "body_nb": {"x"}}), "title", "has a macro with this title")
	edit := regexp.MustCompile(base + `/(\d+)"`).FindStringSubmatch(p.body)
	if edit == nil {
		t.Fatal("no edit link")
	}
	if p := admin.get(base + "/" + edit[1]); attr(p.byID("title"), "value") != "Be om bilder" {
		t.Error("the edit form is not filled")
	}

	if p := agent.get(base); p.byID("macro-form") != nil {
		t.Error("an agent gets the form to write macros")
	}
	if p := agent.post(base, url.Values{"title": {"Min"}, "body_nb": {"x"}}); p.status != 403 {
		t.Errorf("an agent creates a macro: %d", p.status)
	}
	if p := f.signIn("knut.hovland@digitallassmed.example").get(base); p.status != 403 {
		t.Errorf("another shop's admin: %d", p.status)
	}

	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "DELL-U2724D", Quantity: 1}}, Description: "Skjermen har fått en sprekk i hjørnet."})
	path := "/desk/cases/" + c.Number
	fieldError(t, agent.post(path+"/messages", url.Values{"mode": {"reply"}, "macro": {""}, "use_macro": {"1"}}), "macro", "Choose a macro.")
	p = agent.post(path+"/messages", url.Values{"mode": {"reply"}, "body": {"Takk for saken."}, "macro": {edit[1]}, "use_macro": {"1"}})
	got := text(p.byID("body"))
	want := "Takk for saken.\n\nHei Ingrid Haugen! Kan du sende oss bilder av skaden? Vennlig hilsen Henrik Moe, Dustin (" + c.Number + ")"
	if p.status != 200 || strings.Join(strings.Fields(want), " ") != got {
		t.Fatalf("the reply box holds %q, want %q", got, want)
	}
	p = agent.post(path+"/messages", url.Values{"mode": {"reply"}, "body": {want}, "macro_id": {edit[1]}})
	if !strings.Contains(p.body, "Your message has been sent.") || !strings.Contains(text(p.byID("main")), "Waiting on the customer") {
		t.Errorf("after sending with the macro: %s", text(p.byID("main")))
	}

	p = admin.post(base+"/"+edit[1]+"/delete", nil)
	if !strings.Contains(p.body, "The macro has been deleted.") {
		t.Errorf("after deleting: %s", text(p.byID("main")))
	}
}
