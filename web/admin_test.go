package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// adminPaths are every admin page and form of the dustin shop, for the
// authorisation table.
var adminPaths = []struct{ method, path string }{
	{"GET", "/desk/shops/dustin/settings"},
	{"POST", "/desk/shops/dustin/settings"},
	{"GET", "/desk/shops/dustin/agents"},
	{"POST", "/desk/shops/dustin/agents"},
	{"POST", "/desk/shops/dustin/agents/1/role"},
	{"POST", "/desk/shops/dustin/agents/1/remove"},
	{"GET", "/desk/shops/dustin/webhooks"},
	{"POST", "/desk/shops/dustin/webhooks"},
	{"POST", "/desk/shops/dustin/webhooks/1/disable"},
	{"POST", "/desk/shops/dustin/webhooks/1/replay"},
	{"POST", "/desk/shops/dustin/webhooks/1/enable"},
	{"POST", "/desk/shops/dustin/webhooks/1/delete"},
	{"GET", "/desk/shops/dustin/terms"},
	{"POST", "/desk/shops/dustin/terms"},
	{"GET", "/desk/shops/dustin/terms/download"},
	{"POST", "/desk/shops/dustin/terms/dustin-2026/activate"},
}

// TestAdminForbidden: agents who are not the shop's admin get 403 on
// every admin page and form; the admin of another shop too; anyone not
// signed in is sent to the sign-in page.
func TestAdminForbidden(t *testing.T) {
	f := newFixture(t)
	who := map[string]*browser{
		"agent":                 f.signIn("henrik.moe@dustin.example"),
		"ombudsman":             f.signIn("kundeombud@dustin.example"),
		"admin of another shop": f.signIn("knut.hovland@digitallassmed.example"),
		"customer":              f.signIn("ola.berg@example.net"),
		"anonymous":             f.browser(),
	}
	for name, b := range who {
		for _, p := range adminPaths {
			t.Run(name+" "+p.method+" "+p.path, func(t *testing.T) {
				var res page
				if p.method == "GET" {
					res = b.get(p.path)
				} else {
					res = b.post(p.path, url.Values{"name": {"X"}, "role": {"admin"}})
				}
				switch name {
				case "customer", "anonymous":
					if !strings.HasPrefix(res.url, "/desk/login") {
						t.Fatalf("%d at %s", res.status, res.url)
					}
				default:
					if res.status != 403 {
						t.Fatalf("status %d", res.status)
					}
				}
			})
		}
	}
}

// TestAdminSettingsPage: the admin changes opening hours to a split shift
// and other settings; errors come back beside their fields; the mail
// server's password is never shown.
func TestAdminSettingsPage(t *testing.T) {
	f := newFixture(t)
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	if _, err := f.svc.UpdateShopSettings(sys, "dustin", casework.ShopSettings{Mail: &claimdesk.ShopMail{SMTPURL: "smtps://kundeservice:Hemmelig-42@smtp.dustin.example:465"}}); err != nil {
		t.Fatal(err)
	}
	admin := f.signIn("camilla.strand@dustin.example")
	p := admin.get("/desk/shops/dustin/settings?lang=en")
	if p.status != 200 || attr(p.byID("name"), "value") != "Dustin" {
		t.Fatalf("settings: %d, name %q", p.status, attr(p.byID("name"), "value"))
	}
	if strings.Contains(p.body, "Hemmelig-42") || !strings.Contains(text(p.byID("smtp_url-hint")), "smtp.dustin.example:465") {
		t.Fatalf("the SMTP password is shown, or not that a server is set: %s", text(p.byID("smtp_url-hint")))
	}
	if !strings.Contains(p.body, `href="/desk/shops/dustin/settings" aria-current="page"`) {
		t.Error("the navigation does not mark the admin page")
	}

	form := func(change map[string]string) url.Values { return settingsValues(p, change) }
	errTests := []struct {
		name, field string
		change      map[string]string
	}{
		{"overlapping shifts", "hours_2", map[string]string{"hours_2": "08:00-12:00, 11:00-16:00"}},
		{"a shift without an end", "hours_3", map[string]string{"hours_3": "08:00"}},
		{"unknown time zone", "time_zone", map[string]string{"time_zone": "Europe/Bergen"}},
		{"retention not a number", "retention_years", map[string]string{"retention_years": "tre"}},
		{"retention too long", "retention_years", map[string]string{"retention_years": "40"}},
		{"incomplete return address", "ret_name", map[string]string{"ret_street": ""}},
		{"no name", "name", map[string]string{"name": " "}},
		{"bad SMTP server", "smtp_url", map[string]string{"smtp_url": "http://mail.example"}},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.post("/desk/shops/dustin/settings", form(tt.change))
			if res.status != 422 || res.byID(tt.field+"-error") == nil || attr(res.byID(tt.field), "aria-invalid") != "true" {
				t.Fatalf("status %d, error beside %s: %v\n%s", res.status, tt.field, res.byID(tt.field+"-error") != nil, text(res.byID("error-summary")))
			}
			if !strings.Contains(attr(res.byID(tt.field), "aria-describedby"), tt.field+"-error") || res.byID("error-summary") == nil {
				t.Error("the error is not tied to its field, or there is no summary")
			}
			if strings.Contains(res.body, "Hemmelig-42") {
				t.Error("the SMTP password is echoed")
			}
		})
	}

	res := admin.post("/desk/shops/dustin/settings", form(map[string]string{"hours_1": "08:00-12:00, 13:00-16:00", "hours_6": "", "name": "Dustin Norge", "retention_years": "5"}))
	if res.status != 200 || !strings.Contains(res.body, "The settings have been saved.") {
		t.Fatalf("save: %d at %s\n%s", res.status, res.url, text(res.byID("error-summary")))
	}
	if got := attr(res.byID("hours_1"), "value"); got != "08:00-12:00, 13:00-16:00" {
		t.Errorf("Monday is %q", got)
	}
	shop, _ := f.svc.GetShop(sys, "dustin")
	if shop.Name != "Dustin Norge" || shop.RetentionYears != 5 || shop.Mail.SMTPURL != "smtps://kundeservice:Hemmelig-42@smtp.dustin.example:465" {
		t.Errorf("saved %q, %d years, SMTP %q (an empty field must keep the server)", shop.Name, shop.RetentionYears, shop.Mail.SMTPURL)
	}
	admin.post("/desk/shops/dustin/settings", form(map[string]string{"smtp_url_clear": "1"}))
	if shop, _ := f.svc.GetShop(sys, "dustin"); shop.Mail.SMTPURL != "" {
		t.Errorf("the clear box left %q", shop.Mail.SMTPURL)
	}
}

// settingsValues is the settings form as the page p fills it, with
// changes: what a browser sends.
func settingsValues(p page, change map[string]string) url.Values {
	v := url.Values{}
	for _, in := range []string{"name", "lang", "time_zone", "support_email", "phone", "retention_years", "sla_first", "sla_next", "ret_name", "ret_attention", "ret_street", "ret_street2", "ret_postal", "ret_city", "ret_country", "mail_from", "mail_from_name", "mail_reply_domain", "hours_0", "hours_1", "hours_2", "hours_3", "hours_4", "hours_5", "hours_6", "brand_color"} {
		v.Set(in, attr(p.byID(in), "value"))
	}
	v.Set("lang", "nb")
	v.Set("ret_country", "NO")
	v.Set("sla_clock", "business_hours")
	for k, x := range change {
		v.Set(k, x)
	}
	return v
}

// TestAdminAgentsPage: the admin adds a new agent with a first password
// and an agent of another shop by email, changes a role and removes an
// agent; the last admin and yourself are protected.
func TestAdminAgentsPage(t *testing.T) {
	f := newFixture(t)
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	idOf := func(email string) string {
		list, _ := f.svc.ListAgents(sys, "dustin")
		for _, u := range list {
			if u.Email == email {
				return strconv.FormatInt(u.ID, 10)
			}
		}
		return "0"
	}
	admin := f.signIn("camilla.strand@dustin.example")
	p := admin.get("/desk/shops/dustin/agents?lang=en")
	agents := text(p.byID("agents"))
	for _, w := range []string{"Camilla Strand", "Henrik Moe", "Eva Lie", "Customer ombudsman"} {
		if !strings.Contains(agents, w) {
			t.Errorf("the list lacks %q", w)
		}
	}

	errTests := []struct {
		name, field string
		form        url.Values
	}{
		{"short first password", "password", url.Values{"email": {"jonas@dustin.example"}, "name": {"Jonas"}, "role": {"agent"}, "password": {"kort"}}},
		{"no name for someone new", "name", url.Values{"email": {"jonas@dustin.example"}, "role": {"agent"}, "password": {"forste-passord-1"}}},
		{"already works here", "email", url.Values{"email": {"henrik.moe@dustin.example"}, "role": {"lead"}}},
		{"no email", "email", url.Values{"role": {"lead"}}},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.post("/desk/shops/dustin/agents", tt.form)
			if res.status != 422 || res.byID(tt.field+"-error") == nil || attr(res.byID(tt.field), "aria-invalid") != "true" {
				t.Fatalf("status %d, no error on %s: %s", res.status, tt.field, text(res.byID("error-summary")))
			}
			if strings.Contains(res.body, "forste-passord-1") {
				t.Error("the password is echoed")
			}
		})
	}

	res := admin.post("/desk/shops/dustin/agents", url.Values{"email": {"jonas.berg@dustin.example"}, "name": {"Jonas Berg"}, "role": {"lead"}, "password": {"forste-passord-1"}})
	if !strings.Contains(res.body, "The agent has been added.") || !strings.Contains(text(res.byID("agent-"+idOf("jonas.berg@dustin.example"))), "Jonas Berg") {
		t.Fatalf("add: %d at %s", res.status, res.url)
	}
	jonas := f.browser()
	if res := jonas.post("/desk/login", url.Values{"email": {"jonas.berg@dustin.example"}, "password": {"forste-passord-1"}}); !strings.HasPrefix(res.url, "/desk/cases") {
		t.Errorf("the new agent cannot sign in: %s", res.url)
	}
	res = admin.post("/desk/shops/dustin/agents", url.Values{"email": {"knut.hovland@digitallassmed.example"}, "role": {"ombudsman"}})
	if !strings.Contains(res.body, "now works for this shop too") {
		t.Fatalf("join: %d %s", res.status, res.url)
	}

	camilla, henrik := idOf("camilla.strand@dustin.example"), idOf("henrik.moe@dustin.example")
	res = admin.post("/desk/shops/dustin/agents/"+camilla+"/role", url.Values{"role": {"agent"}})
	if res.status != 409 || res.byID("role-"+camilla+"-error") == nil || !strings.Contains(text(res.byID("error-summary")), "own admin role") {
		t.Fatalf("self-demotion: %d %s", res.status, text(res.byID("error-summary")))
	}
	if strings.Contains(admin.get("/desk/shops/dustin/agents").body, "/agents/"+camilla+"/remove") {
		t.Error("the admin is offered to remove themselves")
	}
	if res := admin.post("/desk/shops/dustin/agents/"+camilla+"/remove", nil); res.status != 409 {
		t.Errorf("self-removal: %d", res.status)
	}
	res = admin.post("/desk/shops/dustin/agents/"+henrik+"/role", url.Values{"role": {"ombudsman"}})
	if !strings.Contains(res.body, "The role has been changed.") {
		t.Fatalf("role: %d", res.status)
	}
	res = admin.post("/desk/shops/dustin/agents/"+henrik+"/remove", nil)
	if !strings.Contains(res.body, "has been removed") || strings.Contains(text(res.byID("agents")), "Henrik Moe") {
		t.Fatalf("remove: %d", res.status)
	}
	if res := admin.post("/desk/shops/dustin/agents/99999/remove", nil); res.status != 404 {
		t.Errorf("unknown agent: %d", res.status)
	}
}

// TestAdminWebhooksPage: the admin registers an endpoint for two events
// (secret shown once), sees its deliveries, sends one again and disables it.
func TestAdminWebhooksPage(t *testing.T) {
	f := newFixture(t)
	admin := f.signIn("camilla.strand@dustin.example")
	for _, tt := range []struct{ name, field, url, event string }{
		{"not an http address", "url", "ftp://erp.dustin.example/hooks", "case.opened"},
		{"unknown event", "events", "https://erp.dustin.example/hooks", "case.exploded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.post("/desk/shops/dustin/webhooks", url.Values{"url": {tt.url}, "events": {tt.event}})
			if res.status != 422 || res.byID(tt.field+"-error") == nil || res.byID("secret") != nil {
				t.Fatalf("status %d, error on %s: %v", res.status, tt.field, res.byID(tt.field+"-error") != nil)
			}
		})
	}
	res := admin.post("/desk/shops/dustin/webhooks?lang=en", url.Values{"url": {"https://erp.dustin.example/hooks"}, "description": {"ERP"}, "events": {"case.opened", "case.decided"}})
	secret := attr(res.byID("secret"), "value")
	if res.status != 201 || !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("create: %d, secret %q", res.status, secret)
	}
	list, err := f.svc.ListWebhooks(claimdesk.WithActor(context.Background(), claimdesk.System), "dustin")
	if err != nil || len(list) != 1 {
		t.Fatalf("endpoints %d: %v", len(list), err)
	}
	ep := list[0]
	if err := f.svc.DB().Stores().Webhooks.AddWebhookDelivery(context.Background(), &claimdesk.WebhookDelivery{EndpointID: ep.ID, MessageID: "msg_2kq9", EventType: "case.opened",
		Payload: []byte(`{"type":"case.opened","timestamp":"2026-11-23T09:30:00Z","data":{}}`), Attempt: 1, Status: 503, Error: "service unavailable", At: testNow}); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(ep.ID, 10)
	p := admin.get("/desk/shops/dustin/webhooks")
	box := text(p.byID("webhook-" + id))
	for _, w := range []string{"https://erp.dustin.example/hooks", "Case opened, Case decided", "Failed (503)", "service unavailable"} {
		if !strings.Contains(box, w) {
			t.Errorf("the endpoint lacks %q: %s", w, box)
		}
	}
	if strings.Contains(p.body, secret) {
		t.Error("the secret is shown again")
	}
	res = admin.post("/desk/shops/dustin/webhooks/"+id+"/replay", url.Values{"message": {"msg_2kq9"}})
	if !strings.Contains(res.body, "will be sent again") {
		t.Fatalf("replay: %d %s", res.status, res.url)
	}
	if res := admin.post("/desk/shops/dustin/webhooks/"+id+"/replay", url.Values{"message": {"msg_nope"}}); res.status != 404 {
		t.Errorf("replay of an unknown message: %d", res.status)
	}
	res = admin.post("/desk/shops/dustin/webhooks/"+id+"/disable", nil)
	if !strings.Contains(res.body, "has been disabled") || !strings.Contains(text(res.byID("webhook-"+id)), "Disabled") {
		t.Fatalf("disable: %d", res.status)
	}
	if f.signIn("camilla.strand@dustin.example").post("/desk/shops/belysning/webhooks/"+id+"/disable", nil).status != 403 {
		t.Error("an admin of another shop may disable the endpoint")
	}
}

// TestAdminWebhooksEnableDelete: with JavaScript off, the admin enables a
// disabled endpoint again; Delete first asks (the endpoint stays until the
// admin says yes), then removes the endpoint and its log; others may not.
func TestAdminWebhooksEnableDelete(t *testing.T) {
	f := newFixture(t)
	sys := claimdesk.WithActor(context.Background(), claimdesk.System)
	ep, _, err := f.svc.CreateWebhook(sys, "dustin", casework.WebhookInput{URL: "https://erp.dustin.example/hooks"})
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(ep.ID, 10)
	base, box := "/desk/shops/dustin/webhooks/"+id, "webhook-"+id
	admin := f.signIn("camilla.strand@dustin.example")
	admin.get("/desk/shops/dustin/webhooks?lang=en")
	exists := func() bool {
		_, err := f.svc.DB().Stores().Webhooks.FindWebhookEndpoint(sys, ep.ID)
		return err == nil
	}

	res := admin.post(base+"/disable", nil)
	if !strings.Contains(res.body, `action="`+base+`/enable"`) || strings.Contains(res.body, `action="`+base+`/disable"`) {
		t.Fatalf("a disabled endpoint offers no Enable (or still Disable): %s", text(res.byID(box)))
	}
	res = admin.post(base+"/enable", nil)
	if !strings.Contains(res.body, "has been enabled") || !strings.Contains(text(res.byID(box)), "Active") || !strings.Contains(res.body, `action="`+base+`/disable"`) {
		t.Fatalf("enable: %d %s", res.status, text(res.byID(box)))
	}

	res = admin.post(base+"/delete", nil)
	confirm := text(res.byID("delete-" + id))
	if res.status != 200 || !strings.Contains(confirm, "https://erp.dustin.example/hooks and its delivery log?") || res.byID("delete-"+id+"-yes") == nil || !exists() {
		t.Fatalf("delete without confirmation: %d, exists %v, asks %q", res.status, exists(), confirm)
	}
	if res.byID(box) == nil {
		t.Error("the endpoint is not shown while the admin decides")
	}
	if p := admin.get("/desk/shops/dustin/webhooks"); p.byID("delete-"+id) != nil {
		t.Error("the question stays on the page after leaving it")
	}
	for who, b := range map[string]*browser{"agent": f.signIn("henrik.moe@dustin.example"), "admin of another shop": f.signIn("knut.hovland@digitallassmed.example")} {
		for _, action := range []string{"/enable", "/delete"} {
			if res := b.post(base+action, url.Values{"confirm": {"yes"}}); res.status != 403 || !exists() {
				t.Errorf("%s %s: %d, endpoint exists %v", who, action, res.status, exists())
			}
		}
	}
	res = admin.post(base+"/delete", url.Values{"confirm": {"yes"}})
	if !strings.Contains(res.body, "have been deleted") || res.byID(box) != nil || exists() {
		t.Fatalf("delete: %d at %s, still shown %v, exists %v", res.status, res.url, res.byID(box) != nil, exists())
	}
	for _, v := range []url.Values{nil, {"confirm": {"yes"}}} {
		if res := admin.post(base+"/delete", v); res.status != 404 {
			t.Errorf("delete a deleted endpoint (%v): %d", v, res.status)
		}
	}
	if res := admin.post(base+"/enable", nil); res.status != 404 {
		t.Errorf("enable a deleted endpoint: %d", res.status)
	}
}

// uploadFile posts one file under field as a multipart form, as a browser does.
func (b *browser) uploadFile(path, field, name string, data []byte) page {
	b.f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if name != "" {
		fw, _ := mw.CreateFormFile(field, name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// termsFile reads a terms file of the repository, with its version replaced.
func termsFile(t *testing.T, path, oldVersion, newVersion string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Replace(data, []byte(`version = "`+oldVersion+`"`), []byte(`version = "`+newVersion+`"`), 1)
	if bytes.Equal(out, data) {
		t.Fatalf("%s has no version %s", path, oldVersion)
	}
	return out
}

// TestAdminTermsPage: the admin sees the shop's terms and the linter's
// findings on them, downloads the file, uploads one the linter flags (the
// report shows errors with the law and clause, no activation), then a clean
// one, and activates it.
func TestAdminTermsPage(t *testing.T) {
	f := newFixture(t)
	admin := f.signIn("camilla.strand@dustin.example")
	p := admin.get("/desk/shops/dustin/terms?lang=en")
	cur := text(p.byID("current"))
	if p.status != 200 || !strings.Contains(cur, "dustin") || !strings.Contains(cur, "Shipped with claimdesk") {
		t.Fatalf("terms page: %d %s", p.status, cur)
	}
	req, _ := http.NewRequest(http.MethodGet, f.ts.URL+"/desk/shops/dustin/terms/download", nil)
	dl, err := admin.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(dl.Body)
	dl.Body.Close()
	if dl.StatusCode != 200 || !strings.HasPrefix(dl.Header.Get("Content-Type"), "application/toml") || !strings.Contains(dl.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(body.String(), `id = "dustin"`) {
		t.Fatalf("download: %d %s %s", dl.StatusCode, dl.Header.Get("Content-Type"), dl.Header.Get("Content-Disposition"))
	}

	flagged := termsFile(t, "../policy/terms/digitallassmed.toml", "digitallassmed-2022-05-01.1", "dustin-2026-12-01")
	clean := termsFile(t, "../policy/testdata/clean.toml", "clean-2026-11-01.1", "dustin-2026-12-01")
	tests := []struct {
		name, file string
		data       []byte
		want       []string // in the report
		field      bool     // an error on the file field
	}{
		{"no file", "", nil, nil, true},
		{"too large", "big.toml", bytes.Repeat([]byte("#"), 200<<10), nil, true},
		{"not TOML", "broken.toml", []byte("id = \"x\"\nversion = \n"), []string{"could not be read (line 2)"}, false},
		{"the linter finds errors", "vilkar.toml", flagged, []string{"has errors and cannot be activated", "The EU ODR platform has been discontinued", "Law: forordning (EU) 2024/3228", "odr: Tvister", "Warning"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := admin.uploadFile("/desk/shops/dustin/terms", "file", tt.file, tt.data)
			if res.status != 422 || res.byID("activate") != nil {
				t.Fatalf("status %d, activate %v", res.status, res.byID("activate") != nil)
			}
			if tt.field && (res.byID("file-error") == nil || attr(res.byID("file"), "aria-invalid") != "true") {
				t.Errorf("no error beside the file field")
			}
			report := text(res.byID("report"))
			for _, w := range tt.want {
				if !strings.Contains(report, w) {
					t.Errorf("the report lacks %q:\n%s", w, report)
				}
			}
		})
	}
	res := admin.uploadFile("/desk/shops/dustin/terms", "file", "vilkar.toml", clean)
	if res.status != 201 || res.byID("activate") == nil || !strings.Contains(text(res.byID("ready")), "dustin-2026-12-01") {
		t.Fatalf("clean upload: %d\n%s", res.status, text(res.byID("report")))
	}
	if res := admin.uploadFile("/desk/shops/dustin/terms", "file", "vilkar.toml", clean); res.status != 422 || res.byID("version-taken") == nil {
		t.Errorf("the same version again: %d", res.status)
	}
	res = admin.post("/desk/shops/dustin/terms/dustin-2026-12-01/activate", nil)
	if !strings.Contains(res.body, "The terms are active") || !strings.Contains(text(res.byID("current")), "dustin-2026-12-01") || !strings.Contains(text(res.byID("current")), "active since") {
		t.Fatalf("activate: %d %s", res.status, text(res.byID("current")))
	}
	if res := admin.post("/desk/shops/dustin/terms/nope/activate", nil); res.status != 404 {
		t.Errorf("activating an unknown version: %d", res.status)
	}
}
