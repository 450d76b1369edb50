package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestAccountProfileAndPassword: "Min konto" changes name, phone and
// language, and the password (current one first; every other session is
// signed out, this browser stays in); errors stand next to their fields.
func TestAccountProfileAndPassword(t *testing.T) {
	f := newFixture(t)
	ingrid := "ingrid.haugen@example.net"
	b := f.signIn(ingrid)
	other := f.signIn(ingrid)
	if p := b.get("/s/dustin/account"); p.status != 200 || p.byID("profile") == nil || p.byID("current_password") == nil || p.byID("delete-link") == nil {
		t.Fatalf("account page: %d", p.status)
	}
	forms := []struct {
		name, path string
		form       url.Values
		field      string
	}{
		{"profile without a name", "/s/dustin/account/profile", url.Values{"name": {""}}, "name"},
		{"profile in an unknown language", "/s/dustin/account/profile", url.Values{"name": {"Ingrid"}, "lang": {"de"}}, "lang"},
		{"no current password", "/s/dustin/account/password", url.Values{"new_password": {"fjell og fjord 2026"}, "new_password2": {"fjell og fjord 2026"}}, "current_password"},
		{"wrong current password", "/s/dustin/account/password", url.Values{"current_password": {"feil"}, "new_password": {"fjell og fjord 2026"}, "new_password2": {"fjell og fjord 2026"}}, "current_password"},
		{"short new password", "/s/dustin/account/password", url.Values{"current_password": {f.logins[ingrid].Password}, "new_password": {"kort"}, "new_password2": {"kort"}}, "new_password"},
		{"not repeated", "/s/dustin/account/password", url.Values{"current_password": {f.logins[ingrid].Password}, "new_password": {"fjell og fjord 2026"}, "new_password2": {"fjell"}}, "new_password2"},
	}
	for _, tt := range forms {
		t.Run(tt.name, func(t *testing.T) {
			p := b.post(tt.path, tt.form)
			if p.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", p.status)
			}
			wantFieldError(t, p, tt.field)
		})
	}
	p := b.post("/s/dustin/account/profile", url.Values{"name": {"Ingrid H. Haugen"}, "phone": {"+47 900 00 000"}, "lang": {"nn"}})
	if p.url != "/s/dustin/account?done=profile" || !strings.Contains(p.body, "Ingrid H. Haugen") || !strings.Contains(p.body, "Opplysningene dine er lagret.") {
		t.Errorf("profile saved: %d at %s", p.status, p.url)
	}
	p = b.post("/s/dustin/account/password", url.Values{"current_password": {f.logins[ingrid].Password}, "new_password": {"fjell og fjord 2026"}, "new_password2": {"fjell og fjord 2026"}})
	if p.url != "/s/dustin/account?done=password" {
		t.Fatalf("password changed: %d at %s", p.status, p.url)
	}
	if p := other.get("/s/dustin/orders"); !strings.Contains(p.url, "/login") {
		t.Error("another browser is still signed in after the password change")
	}
	if p := b.get("/s/dustin/orders"); p.status != 200 || strings.Contains(p.url, "/login") {
		t.Error("the browser that changed the password was signed out")
	}
}

// TestAccountAddressBook: a consumer adds, changes and removes addresses;
// a company's book is its admins', not its buyers'.
func TestAccountAddressBook(t *testing.T) {
	f := newFixture(t)
	b := f.signIn("ingrid.haugen@example.net")
	if p := b.get("/s/dustin/account/addresses/new"); p.status != 200 || p.byID("street") == nil {
		t.Fatalf("new address form: %d", p.status)
	}
	p := b.post("/s/dustin/account/addresses", url.Values{"kind": {"delivery"}, "name": {"Ingrid Haugen"}, "postal_code": {"3570"}, "city": {"Ål"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("address without a street: %d", p.status)
	}
	wantFieldError(t, p, "street")
	p = b.post("/s/dustin/account/addresses", url.Values{"kind": {"delivery"}, "label": {"Hytta"}, "name": {"Ingrid Haugen"}, "street": {"Fjellvegen 9"},
		"postal_code": {"3570"}, "city": {"Ål"}, "country": {"NO"}, "default": {"yes"}})
	if p.url != "/s/dustin/account?done=address" || !strings.Contains(p.body, "Fjellvegen 9") {
		t.Fatalf("address saved: %d at %s", p.status, p.url)
	}
	edit := regexp.MustCompile(`/s/dustin/account/addresses/(\d+)"[^>]*aria-label="Endre adressen Hytta"`).FindStringSubmatch(p.body)
	if edit == nil {
		t.Fatal("no change link for the new address")
	}
	if p := b.get("/s/dustin/account/addresses/" + edit[1]); attr(p.byID("street"), "value") != "Fjellvegen 9" {
		t.Errorf("edit form: street %q", attr(p.byID("street"), "value"))
	}
	p = b.post("/s/dustin/account/addresses", url.Values{"id": {edit[1]}, "kind": {"delivery"}, "label": {"Hytta"}, "name": {"Ingrid Haugen"},
		"street": {"Fjellvegen 11"}, "postal_code": {"3570"}, "city": {"Ål"}})
	if !strings.Contains(p.body, "Fjellvegen 11") || strings.Contains(p.body, "Fjellvegen 9") {
		t.Error("the changed address is not shown instead of the old one")
	}
	p = b.post("/s/dustin/account/addresses/"+edit[1]+"/delete", nil)
	if p.url != "/s/dustin/account?done=address_deleted" || strings.Contains(p.body, "Fjellvegen 11") {
		t.Errorf("address removed: %s", p.url)
	}
	if p := b.get("/s/dustin/account/addresses/999999"); p.status != 404 {
		t.Errorf("someone else's address: %d", p.status)
	}

	magnus := f.signIn("magnus@nordvik-regnskap.example")
	if p := magnus.get("/s/dustin/account"); p.byID("add-address") != nil {
		t.Error("a company buyer is offered to change the company's address book")
	}
	if p := magnus.post("/s/dustin/account/addresses", url.Values{"kind": {"delivery"}, "name": {"X"}, "street": {"Y"}, "postal_code": {"9008"}, "city": {"Tromsø"}}); p.status != http.StatusForbidden {
		t.Errorf("a company buyer saves an address: %d", p.status)
	}
	sigrid := f.signIn("sigrid@nordvik-regnskap.example")
	if p := sigrid.post("/s/dustin/account/addresses", url.Values{"kind": {"business"}, "label": {"Filial"}, "name": {"Nordvik Regnskap AS"}, "street": {"Havnegata 2"}, "postal_code": {"8006"}, "city": {"Bodø"}}); p.url != "/s/dustin/account?done=address" {
		t.Errorf("a company admin saves a business address: %d at %s", p.status, p.url)
	}
}

// TestCompanyColleagues: a company admin changes a colleague's role and
// disables a login (signing it out), never their own.
func TestCompanyColleagues(t *testing.T) {
	f := newFixture(t)
	sigrid := f.signIn("sigrid@nordvik-regnskap.example")
	hanne := f.signIn("hanne@nordvik-regnskap.example")
	p := sigrid.get("/s/dustin/company/users")
	ids := map[string]string{}
	for _, m := range regexp.MustCompile(`id="role-of-(\d+)"`).FindAllStringSubmatch(p.body, -1) {
		ids[m[1]] = m[1]
	}
	if len(ids) != 2 {
		t.Fatalf("role forms for %d colleagues, want 2 (not for the admin herself)", len(ids))
	}
	idOf := func(email string) string {
		m := regexp.MustCompile(`(?s)` + regexp.QuoteMeta(email) + `.*?id="role-of-(\d+)"`).FindStringSubmatch(p.body)
		if m == nil {
			t.Fatalf("no row for %s", email)
		}
		return m[1]
	}
	magnusID, hanneID := idOf("magnus@nordvik-regnskap.example"), idOf("hanne@nordvik-regnskap.example")
	if r := sigrid.post("/s/dustin/company/users/"+magnusID, url.Values{"action": {"role"}, "role": {"viewer"}}); r.url != "/s/dustin/company/users?done=colleague" {
		t.Errorf("change role: %d at %s", r.status, r.url)
	}
	if r := sigrid.post("/s/dustin/company/users/"+hanneID, url.Values{"action": {"disable"}}); r.url != "/s/dustin/company/users?done=colleague" || !strings.Contains(r.body, "Deaktivert") && !strings.Contains(r.body, "badge-closed") {
		t.Errorf("disable: %d at %s", r.status, r.url)
	}
	if r := hanne.get("/s/dustin/orders"); !strings.Contains(r.url, "/login") {
		t.Error("a disabled colleague is still signed in")
	}
	if r := sigrid.post("/s/dustin/company/users/"+hanneID, url.Values{"action": {"enable"}}); r.url != "/s/dustin/company/users?done=colleague" {
		t.Errorf("enable: %d at %s", r.status, r.url)
	}
	a, err := f.svc.SessionActor(t.Context(), sessionOf(t, f, sigrid))
	if err != nil {
		t.Fatal(err)
	}
	sigridID := strconv.FormatInt(a.UserID, 10)
	if r := sigrid.post("/s/dustin/company/users/"+sigridID, url.Values{"action": {"disable"}}); r.status != http.StatusUnprocessableEntity || r.byID("error-summary") == nil {
		t.Errorf("an admin disables herself: %d", r.status)
	}
	if r := f.signIn("magnus@nordvik-regnskap.example").post("/s/dustin/company/users/"+hanneID, url.Values{"action": {"disable"}}); r.status != http.StatusForbidden {
		t.Errorf("a non-admin disables a colleague: %d", r.status)
	}
}

// TestAccountDeletion: the page says what goes and what the shop keeps
// (5 years for a Norwegian shop's bookkeeping); the request, confirmed with
// the password, reaches the shop's queue and signs the customer out.
func TestAccountDeletion(t *testing.T) {
	f := newFixture(t)
	ingrid := "ingrid.haugen@example.net"
	b := f.signIn(ingrid)
	p := b.get("/s/dustin/account/delete")
	if p.status != 200 || !strings.Contains(text(p.byID("kept")), "5 år") {
		t.Fatalf("deletion page: %d, kept: %s", p.status, text(p.byID("kept")))
	}
	p = b.post("/s/dustin/account/delete", url.Values{"password": {"feil passord"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", p.status)
	}
	wantFieldError(t, p, "password")
	p = b.post("/s/dustin/account/delete", url.Values{"password": {f.logins[ingrid].Password}})
	sent := text(p.byID("deletion-sent"))
	number := regexp.MustCompile(`DUS-\d+-\d+(-\d+)?`).FindString(sent)
	if p.status != 200 || number == "" {
		t.Fatalf("deletion requested: %d %q", p.status, sent)
	}
	if p := b.get("/s/dustin/orders"); !strings.Contains(p.url, "/login") {
		t.Error("still signed in after asking for deletion")
	}
	if p := f.browser().post("/s/dustin/login", url.Values{"email": {ingrid}, "password": {f.logins[ingrid].Password}}); p.status != http.StatusUnauthorized {
		t.Errorf("signing in after the deletion request: %d", p.status)
	}
	if p := f.signIn("henrik.moe@dustin.example").get("/desk/cases/" + number); p.status != 200 || !strings.Contains(p.body, "Ønsker å slette kontoen") {
		t.Errorf("the agent's view of the request: %d", p.status)
	}
}
