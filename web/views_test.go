package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// TestSavedViews: an agent saves the queue's filter privately and shared,
// sees them as links with counts, renames and deletes them; a colleague
// sees only the shared one, and the shop's admin may delete it.
func TestSavedViews(t *testing.T) {
	f := newFixture(t)
	f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "DELL-U2724D", Quantity: 1}}, Description: "Skjermen flimrer etter ti minutter."})
	henrik := f.signIn("henrik.moe@dustin.example")
	filter := url.Values{"shop": {"dustin"}, "kind": {"defect"}, "status": {"active"}, "queue": {""}, "q": {""}, "sort": {"newest"}}
	p := henrik.get("/desk/cases?lang=en&" + filter.Encode())
	if attr(p.byID("save-view"), "action") != "/desk/views" {
		t.Fatal("no form to save the filter")
	}
	with := func(v url.Values, kv ...string) url.Values {
		out := url.Values{}
		for k, x := range v {
			out[k] = x
		}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	fieldError(t, henrik.post("/desk/views", with(filter, "name", " ")), "view-name", "Give the view a name.")
	fieldError(t, henrik.post("/desk/views", with(filter, "name", "Alle", "shop", "", "shared", "yes")), "view-shared", "Choose one shop")

	p = henrik.post("/desk/views", with(filter, "name", "Dustin reklamasjoner", "shared", "yes"))
	if !strings.Contains(p.body, "The view has been saved.") || !strings.Contains(p.url, "kind=defect") || !strings.Contains(p.body, `<option value="newest" selected>`) {
		t.Fatalf("after saving: %s %s", p.url, text(p.byID("main")))
	}
	tabs := text(p.byID("view-tabs"))
	if !strings.Contains(tabs, "Dustin reklamasjoner 1 (shared)") {
		t.Errorf("the tabs: %q", tabs)
	}
	henrik.post("/desk/views", with(filter, "name", "Mine", "kind", ""))
	fieldError(t, henrik.post("/desk/views", with(filter, "name", "Mine")), "view-name", "You have a view with this name already.")

	colleague := f.signIn("camilla.strand@dustin.example")
	list := colleague.get("/desk/views?lang=en")
	if got := text(list.byID("view-list")); !strings.Contains(got, "Dustin reklamasjoner") || strings.Contains(got, "Mine") {
		t.Errorf("the colleague sees %q", got)
	}
	if f.signIn("knut.hovland@digitallassmed.example").get("/desk/views").byID("view-list") != nil {
		t.Error("another shop's agent sees the views")
	}

	own := henrik.get("/desk/views")
	ids := regexp.MustCompile(`action="/desk/views/(\d+)"`).FindAllStringSubmatch(own.body, -1)
	if len(ids) != 2 {
		t.Fatalf("rename forms: %v", ids)
	}
	shared, mine := ids[0][1], ids[1][1]
	fieldError(t, henrik.post("/desk/views/"+mine, url.Values{"name": {""}}), "view-"+mine+"-name", "Give the view a name.")
	if p := henrik.post("/desk/views/"+mine, url.Values{"name": {"Mine åpne"}}); !strings.Contains(text(p.byID("view-list")), "Mine åpne") {
		t.Errorf("after renaming: %s", text(p.byID("main")))
	}
	if p := colleague.post("/desk/views/"+shared, url.Values{"name": {"Kapret"}}); p.status != 403 {
		t.Errorf("a colleague renames: %d", p.status)
	}
	if p := colleague.post("/desk/views/"+mine+"/delete", nil); p.status != 404 {
		t.Errorf("a colleague deletes a private view: %d", p.status)
	}
	if p := colleague.post("/desk/views/"+shared+"/delete", nil); !strings.Contains(p.body, "The view has been deleted.") {
		t.Errorf("the admin deletes the shared view: %d %s", p.status, text(p.byID("main")))
	}
}
