package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/mail"
)

// outbox returns the account mail the fixture's real notifier wrote, oldest
// first (the fixture sends no case mail, so the outbox holds only these).
func (f *fixture) outbox() []*claimdesk.OutboundMail {
	f.t.Helper()
	var out []*claimdesk.OutboundMail
	for id := int64(1); ; id++ {
		m, err := f.db.Stores().Mail.FindOutboundMail(context.Background(), id)
		if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return out
		}
		if err != nil {
			f.t.Fatal(err)
		}
		out = append(out, m)
	}
}

var linkRE = regexp.MustCompile(`https?://[^\s"<>]+token=[A-Za-z0-9_-]+`)

// mailedLink returns the link in the newest account mail to the address,
// read from the message as it would be sent; "" if there is none.
func (f *fixture) mailedLink(to string) string {
	f.t.Helper()
	list := f.outbox()
	for i := len(list) - 1; i >= 0; i-- {
		if !strings.Contains(strings.ToLower(list[i].To), strings.ToLower(to)) {
			continue
		}
		in, err := mail.ParseInbound(list[i].Raw)
		if err != nil {
			f.t.Fatal(err)
		}
		return linkRE.FindString(in.FullText)
	}
	return ""
}

// localPath turns a mailed link into a path on the fixture's server.
func (f *fixture) localPath(link string) string {
	f.t.Helper()
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(link, f.ts.URL) {
		f.t.Fatalf("link %q does not point at the server %s", link, f.ts.URL)
	}
	return u.RequestURI()
}

func wantFieldError(t *testing.T, p page, field string) {
	t.Helper()
	in := p.byID(field)
	if attr(in, "aria-invalid") != "true" || !strings.Contains(attr(in, "aria-describedby"), field+"-error") {
		t.Errorf("field %s: aria-invalid=%q aria-describedby=%q", field, attr(in, "aria-invalid"), attr(in, "aria-describedby"))
	}
	if p.byID(field+"-error") == nil || p.byID("error-summary") == nil {
		t.Errorf("field %s: no error text or no error summary", field)
	}
}

// TestSignInWithEmailedLink: the link request says the same for known and
// unknown addresses; the mailed link opens a page with a button (a GET does
// not use it up); the POST signs in with the session cookie, once.
func TestSignInWithEmailedLink(t *testing.T) {
	f := newFixture(t)
	ingrid := "ingrid.haugen@example.net"
	b := f.browser()

	p := b.post("/s/dustin/login/email", url.Values{"link_email": {""}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("empty address: %d", p.status)
	}
	wantFieldError(t, p, "link_email")

	known := b.post("/s/dustin/login/email", url.Values{"link_email": {ingrid}})
	unknown := b.post("/s/dustin/login/email", url.Values{"link_email": {"nobody@example.net"}})
	for _, p := range []page{known, unknown} {
		if p.status != 200 || !strings.Contains(p.body, "Sjekk e-posten din") {
			t.Fatalf("check-your-email page: %d\n%s", p.status, p.body)
		}
	}
	if a, b := text(known.byID("sent")), text(unknown.byID("sent")); strings.ReplaceAll(a, ingrid, "X") != strings.ReplaceAll(b, "nobody@example.net", "X") {
		t.Errorf("the pages differ by whether the address is known:\n%s\n%s", a, b)
	}
	if f.mailedLink("nobody@example.net") != "" {
		t.Error("mail sent to an unknown address")
	}
	link := f.mailedLink(ingrid)
	if !strings.Contains(link, "/s/dustin/login/link?token=") {
		t.Fatalf("mailed link %q", link)
	}
	path := f.localPath(link)
	for range 2 { // a mail scanner's fetch first, then the person's
		p = b.get(path)
		if p.status != 200 || p.byID("use-link") == nil {
			t.Fatalf("link page: %d\n%s", p.status, p.body)
		}
	}
	if p := b.get("/s/dustin/orders"); !strings.Contains(p.url, "/login") {
		t.Fatal("opening the link signed in without pressing the button")
	}
	token := attr(findInput(p, "token"), "value")
	p = b.post("/s/dustin/login/link", url.Values{"token": {token}})
	if p.status != 200 || p.url != "/s/dustin/orders" || !strings.Contains(p.body, "Ingrid Haugen") {
		t.Fatalf("after pressing the button: %d at %s", p.status, p.url)
	}
	again := f.browser().post("/s/dustin/login/link", url.Values{"token": {token}})
	if again.status != http.StatusUnauthorized || again.byID("error-summary") == nil {
		t.Errorf("second use: %d, want 401 with the error", again.status)
	}
}

// findInput returns the input with the name.
func findInput(p page, name string) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == name {
			found = n
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.doc)
	return found
}

// TestPasswordResetAndInvitation: "forgot password" mails a link whose page
// sets a new password under casework's rules, signs other sessions out and
// this browser in; an invited colleague sets theirs on the same page; an
// agent's reset works in the workspace.
func TestPasswordResetAndInvitation(t *testing.T) {
	f := newFixture(t)
	ingrid := "ingrid.haugen@example.net"
	old := f.signIn(ingrid)
	b := f.browser()
	if p := b.get("/s/dustin/login"); p.byID("forgot") == nil || p.byID("link_email") == nil {
		t.Fatal("the sign-in page lacks the forgotten-password link or the sign-in-link form")
	}
	if p := b.get("/s/dustin/password/forgot"); p.status != 200 || !strings.Contains(p.body, "Glemt passord") {
		t.Fatalf("forgot page: %d", p.status)
	}
	p := b.post("/s/dustin/password/forgot", url.Values{"email": {""}})
	wantFieldError(t, p, "email")
	if p = b.post("/s/dustin/password/forgot", url.Values{"email": {ingrid}}); p.status != 200 || p.byID("sent") == nil {
		t.Fatalf("reset request: %d", p.status)
	}
	link := f.mailedLink(ingrid)
	if !strings.Contains(link, "/s/dustin/password?token=") {
		t.Fatalf("mailed link %q", link)
	}
	p = b.get(f.localPath(link))
	token := attr(findInput(p, "token"), "value")
	if p.status != 200 || token == "" {
		t.Fatalf("password page: %d", p.status)
	}
	tests := []struct {
		name, pw, pw2, field string
	}{
		{"too short", "kort", "kort", "password"},
		{"not repeated", "lang nok passord her", "lang nok passord", "password2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.post("/s/dustin/password", url.Values{"token": {token}, "password": {tt.pw}, "password2": {tt.pw2}})
			if p.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", p.status)
			}
			wantFieldError(t, p, tt.field)
			if strings.Contains(p.body, tt.pw2) {
				t.Error("the page repeats the password")
			}
		})
	}
	p = b.post("/s/dustin/password", url.Values{"token": {token}, "password": {"fjell og fjord 2026"}, "password2": {"fjell og fjord 2026"}})
	if p.status != 200 || p.url != "/s/dustin/orders" {
		t.Fatalf("set password: %d at %s", p.status, p.url)
	}
	if p := old.get("/s/dustin/orders"); !strings.Contains(p.url, "/login") {
		t.Error("the session from before the reset is still signed in")
	}
	if p := f.browser().post("/s/dustin/login", url.Values{"email": {ingrid}, "password": {"fjell og fjord 2026"}}); p.url != "/s/dustin/orders" {
		t.Errorf("the new password does not sign in: %s", p.url)
	}
	if p := b.post("/s/dustin/password", url.Values{"token": {token}, "password": {"enda et nytt passord"}, "password2": {"enda et nytt passord"}}); p.status != http.StatusUnauthorized {
		t.Errorf("reset link used twice: %d", p.status)
	}

	t.Run("invitation", func(t *testing.T) {
		kristian := f.signIn("kristian@fjordlys.example")
		a, err := f.svc.SessionActor(context.Background(), sessionOf(t, f, kristian))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.InviteColleague(claimdesk.WithActor(context.Background(), a), "belysning", a.CustomerID, "ny@fjordlys.example", "Nora Ny", claimdesk.CompanyBuyer); err != nil {
			t.Fatal(err)
		}
		nb := f.browser()
		p := nb.get(f.localPath(f.mailedLink("ny@fjordlys.example")))
		tok := attr(findInput(p, "token"), "value")
		p = nb.post("/s/belysning/password", url.Values{"token": {tok}, "password": {"lys i mørket 1234"}, "password2": {"lys i mørket 1234"}})
		if p.url != "/s/belysning/orders" || !strings.Contains(p.body, "Nora Ny") {
			t.Fatalf("invited colleague: %d at %s", p.status, p.url)
		}
	})
	t.Run("agent in the workspace", func(t *testing.T) {
		ab := f.browser()
		if p := ab.get("/desk/login"); p.byID("forgot") == nil {
			t.Fatal("the workspace sign-in lacks the forgotten-password link")
		}
		ab.post("/desk/password/forgot", url.Values{"email": {"henrik.moe@dustin.example"}})
		link := f.mailedLink("henrik.moe@dustin.example")
		if !strings.Contains(link, "/desk/password?token=") {
			t.Fatalf("agent's link %q", link)
		}
		p := ab.get(f.localPath(link))
		tok := attr(findInput(p, "token"), "value")
		p = ab.post("/desk/password", url.Values{"token": {tok}, "password": {"kø og saker 2026"}, "password2": {"kø og saker 2026"}})
		if p.url != "/desk/cases" {
			t.Fatalf("agent after reset at %s", p.url)
		}
	})
}

// sessionOf returns a browser's session cookie.
func sessionOf(t *testing.T, f *fixture, b *browser) string {
	t.Helper()
	u, _ := url.Parse(f.ts.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == "claimdesk_session" {
			return c.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}
