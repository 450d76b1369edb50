package web_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// TestDesk covers the agent workspace: the queue with its filters, a case
// with its decision and suggestions, replies and notes, and what the
// customer sees of them.
func TestDesk(t *testing.T) {
	f := newFixture(t)
	withdrawal := f.createCase("silje.bakken@example.net", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457",
		Lines: []claimdesk.CaseLine{{SKU: "HANG-ABUS-55", Quantity: 2}}, Description: "Jeg angrer kjøpet av hengelåsene. Hvor lang er angrefristen?"})
	defect := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "DELL-U2724D", Quantity: 1}}, Description: "Skjermen flimrer etter ti minutter."})
	knut := f.signIn("knut.hovland@digitallassmed.example")
	henrik := f.signIn("henrik.moe@dustin.example")

	queueTests := []struct {
		name    string
		b       *browser
		query   string
		want    []string
		notWant []string
	}{
		{"an agent sees their shop", knut, "", []string{withdrawal.Number, "Digital Låssmed"}, []string{defect.Number}},
		{"and only theirs", henrik, "", []string{defect.Number}, []string{withdrawal.Number}},
		{"kind filter", knut, "?kind=defect", []string{"No cases match."}, []string{withdrawal.Number}},
		{"status filter", knut, "?status=closed", []string{"No cases match."}, []string{withdrawal.Number}},
		{"shop filter keeps values", knut, "?shop=digitallassmed&kind=withdrawal", []string{withdrawal.Number, `<option value="withdrawal" selected>`}, nil},
	}
	for _, tt := range queueTests {
		t.Run("queue/"+tt.name, func(t *testing.T) {
			p := tt.b.get("/desk/cases" + tt.query + "&lang=en")
			if tt.query == "" {
				p = tt.b.get("/desk/cases?lang=en")
			}
			if p.status != 200 {
				t.Fatalf("status %d", p.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("queue lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(p.body, w) {
					t.Errorf("queue shows %q", w)
				}
			}
		})
	}

	t.Run("case page", func(t *testing.T) {
		p := knut.get("/desk/cases/" + withdrawal.Number)
		main := text(p.byID("main"))
		for _, w := range []string{"HANG-ABUS-55", "DL-100457", "250,00 NOK", "angrerettloven", "Case opened", "Jeg angrer kjøpet"} {
			if !strings.Contains(main, w) {
				t.Errorf("case page lacks %q", w)
			}
		}
		if !strings.Contains(p.body, `class="suggestions"`) {
			t.Error("no help-center suggestions for the customer's message")
		}
	})

	t.Run("empty reply", func(t *testing.T) {
		p := knut.post("/desk/cases/"+withdrawal.Number+"/messages", url.Values{"mode": {"reply"}, "body": {"  "}})
		if p.status != 422 || p.byID("body-error") == nil || attr(p.byID("body"), "aria-invalid") != "true" {
			t.Fatalf("status %d, error %v", p.status, p.byID("body-error"))
		}
	})

	t.Run("note and reply", func(t *testing.T) {
		p := knut.post("/desk/cases/"+withdrawal.Number+"/messages", url.Values{"mode": {"note"}, "body": {"Sjekk at låsene er ubrukte."}})
		if !strings.Contains(p.body, "The internal note has been saved.") {
			t.Fatalf("note: %d %s", p.status, p.url)
		}
		p = knut.post("/desk/cases/"+withdrawal.Number+"/messages", url.Values{"mode": {"reply"}, "body": {"Hei Silje! Angrefristen er 14 dager fra levering."}})
		if !strings.Contains(p.body, "Your message has been sent.") {
			t.Fatalf("reply: %d %s", p.status, p.url)
		}
		customer := f.signIn("silje.bakken@example.net").get("/s/digitallassmed/cases/" + withdrawal.Number)
		body := text(customer.byID("messages"))
		if !strings.Contains(body, "Angrefristen er 14 dager") {
			t.Error("the customer does not see the reply")
		}
		if strings.Contains(customer.body, "ubrukte") || strings.Contains(customer.body, "Internt notat") {
			t.Error("the customer sees the internal note")
		}
	})

	t.Run("customers are sent to the workspace sign-in", func(t *testing.T) {
		p := f.signIn("silje.bakken@example.net").get("/desk/cases")
		if !strings.HasPrefix(p.url, "/desk/login") {
			t.Fatalf("customer at %s", p.url)
		}
	})
}

// TestAPIKeysPage: a shop admin creates a key (shown once), lists and
// revokes it; an agent who is no admin is refused.
func TestAPIKeysPage(t *testing.T) {
	f := newFixture(t)
	admin := f.signIn("camilla.strand@dustin.example")
	p := admin.post("/desk/shops/dustin/api-keys", url.Values{"name": {"Nettbutikk produksjon"}})
	if p.status != 201 {
		t.Fatalf("create: %d", p.status)
	}
	secret := attr(p.byID("secret"), "value")
	if !regexp.MustCompile(`^cdk_dustin_`).MatchString(secret) {
		t.Fatalf("secret %q", secret)
	}
	list := admin.get("/desk/shops/dustin/api-keys")
	if strings.Contains(list.body, secret) || !strings.Contains(list.body, "Nettbutikk produksjon") {
		t.Fatal("the list shows the secret again, or not the key")
	}
	m := regexp.MustCompile(`/desk/shops/dustin/api-keys/(\d+)/revoke`).FindStringSubmatch(list.body)
	if m == nil {
		t.Fatal("no revoke button")
	}
	p = admin.post(m[0], nil)
	if !strings.Contains(p.body, "Trukket tilbake") && !strings.Contains(p.body, "Revoked") {
		t.Fatalf("after revoking: %s", text(p.byID("main")))
	}
	tests := []struct {
		name, who, path string
		status          int
	}{
		{"agent who is no admin", "henrik.moe@dustin.example", "/desk/shops/dustin/api-keys", 403},
		{"admin of another shop", "camilla.strand@dustin.example", "/desk/shops/belysning/api-keys", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p := f.signIn(tt.who).get(tt.path); p.status != tt.status {
				t.Fatalf("status %d", p.status)
			}
		})
	}
}

// TestCompanyUsers: a company admin at belysning adds a colleague, who
// then signs in and sees the company's orders; buyers cannot add anyone.
func TestCompanyUsers(t *testing.T) {
	f := newFixture(t)
	admin := f.signIn("kristian@fjordlys.example")
	if p := admin.get("/s/belysning/orders"); !strings.Contains(p.body, "Bedriftsbrukere") {
		t.Fatal("no company users link for the admin")
	}
	errTests := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"no name", url.Values{"email": {"a@fjordlys.example"}, "role": {"buyer"}, "password": {"langt-passord-1"}}, "name"},
		{"short password", url.Values{"name": {"Per"}, "email": {"per@fjordlys.example"}, "role": {"buyer"}, "password": {"kort"}}, "password"},
		{"taken email", url.Values{"name": {"Line"}, "email": {"line@fjordlys.example"}, "role": {"buyer"}, "password": {"langt-passord-1"}}, "email"},
		{"bad email", url.Values{"name": {"Ola"}, "email": {"ola"}, "role": {"buyer"}, "password": {"langt-passord-1"}}, "email"},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			p := admin.post("/s/belysning/company/users", tt.form)
			if p.status != 422 || p.byID(tt.field+"-error") == nil {
				t.Fatalf("status %d, no error on %s", p.status, tt.field)
			}
			if strings.Contains(p.body, "langt-passord-1") {
				t.Error("the password is echoed")
			}
		})
	}
	p := admin.post("/s/belysning/company/users", url.Values{"name": {"Siri Fjord"}, "email": {"siri@fjordlys.example"}, "role": {"buyer"}, "password": {"lys-i-fjorden-2026"}})
	if p.status != 200 || !strings.Contains(text(p.byID("added")), "Siri Fjord") {
		t.Fatalf("add: %d %s", p.status, text(p.byID("main")))
	}
	list := text(p.byID("colleagues"))
	for _, w := range []string{"Siri Fjord", "Line Vik", "Kristian Solheim", "Innkjøper"} {
		if !strings.Contains(list, w) {
			t.Errorf("the colleague list lacks %q: %s", w, list)
		}
	}
	if strings.Contains(list, "Marte Lunde") {
		t.Error("the list shows another company's user")
	}
	f.logins["siri@fjordlys.example"] = f.logins["kristian@fjordlys.example"]
	l := f.logins["siri@fjordlys.example"]
	l.Email, l.Password = "siri@fjordlys.example", "lys-i-fjorden-2026"
	f.logins[l.Email] = l
	siri := f.signIn(l.Email)
	orders := siri.get("/s/belysning/orders")
	for _, w := range []string{"BP-240318", "BP-240355"} {
		if !strings.Contains(orders.body, w) {
			t.Errorf("the new colleague does not see order %s", w)
		}
	}
	if strings.Contains(orders.body, "BP-239902") {
		t.Error("the new colleague sees another company's order")
	}
	if p := siri.get("/s/belysning/company/users"); p.status != 403 {
		t.Errorf("a buyer reaches company users: %d", p.status)
	}
}

// TestQueueOrderAndPaging: breaching cases come first, marked overdue, and
// the queue pages with the store's cursor, keeping the filters.
func TestQueueOrderAndPaging(t *testing.T) {
	f := newFixture(t)
	var late *claimdesk.Case
	f.at(testNow.AddDate(0, 0, -5), func() {
		late = f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "5003988120",
			Subject: "Hvor er garantibeviset?", Description: "Jeg finner ikke garantibeviset for PC-en."})
	})
	for i := 0; i < 26; i++ {
		f.createCase("ola.berg@example.net", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "5004131902",
			Subject: fmt.Sprintf("Spørsmål %d", i), Description: "Når kjem pakken?"})
	}
	agent := f.signIn("henrik.moe@dustin.example")
	first := agent.get("/desk/cases?shop=dustin&kind=general&lang=en")
	rows := regexp.MustCompile(`<tr class="row-([a-z]+)">`).FindAllStringSubmatch(first.body, -1)
	if len(rows) != 25 {
		t.Fatalf("first page has %d rows, want 25", len(rows))
	}
	if rows[0][1] != "overdue" || !strings.Contains(first.body, late.Number) || strings.Index(first.body, late.Number) > strings.Index(first.body, "Spørsmål") {
		t.Errorf("the breaching case is not first: %v", rows[0])
	}
	next := regexp.MustCompile(`href="(/desk/cases\?[^"]*cursor=[^"]*)"`).FindStringSubmatch(first.body)
	if next == nil {
		t.Fatal("no next-page link")
	}
	link := strings.ReplaceAll(next[1], "&amp;", "&")
	if !strings.Contains(link, "kind=general") || !strings.Contains(link, "shop=dustin") {
		t.Errorf("the next-page link loses the filters: %s", link)
	}
	second := agent.get(link)
	if n := strings.Count(second.body, `<tr class="row-`); n != 2 {
		t.Errorf("second page has %d rows, want 2", n)
	}
	if !strings.Contains(second.body, "First page") {
		t.Error("no link back to the first page")
	}
}

// TestDeskActions: an agent assigns a case to themself, puts it on hold
// waiting for the customer, resumes, closes and reopens it; each step is
// in the timeline, and a step the case does not allow is refused.
func TestDeskActions(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindGeneral, OrderExternalID: "5004127733",
		Description: "Kan jeg få fakturaen på e-post?"})
	agent := f.signIn("henrik.moe@dustin.example")
	path := "/desk/cases/" + c.Number
	steps := []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"assign to me", url.Values{"do": {"assign_me"}}, 200, "Assigned to you"},
		{"wait on the customer", url.Values{"do": {"wait"}, "waiting_on": {"customer"}, "reason": {"Spurt om ordrenummer"}}, 200, "Waiting on the customer"},
		{"wait while waiting", url.Values{"do": {"wait"}, "waiting_on": {"nobody"}}, 400, ""},
		{"resume", url.Values{"do": {"resume"}}, 200, "Spurt om ordrenummer"},
		{"close", url.Values{"do": {"close"}, "reason": {"Besvart"}}, 200, "Reopen"},
		{"close again", url.Values{"do": {"close"}}, 409, "Not possible right now"},
		{"reopen", url.Values{"do": {"reopen"}}, 200, "Reopened"},
		{"unknown action", url.Values{"do": {"explode"}}, 400, ""},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			p := agent.post(path+"/actions", s.form)
			if p.status != s.status {
				t.Fatalf("status %d, want %d: %s", p.status, s.status, text(p.byID("main")))
			}
			if s.want != "" && !strings.Contains(text(p.byID("main")), s.want) {
				t.Errorf("page lacks %q", s.want)
			}
		})
	}
	t.Run("customers cannot", func(t *testing.T) {
		p := f.signIn("ingrid.haugen@example.net").post(path+"/actions", url.Values{"do": {"close"}})
		if !strings.HasPrefix(p.url, "/desk/login") {
			t.Fatalf("a customer's action ended at %s", p.url)
		}
	})
}

// TestDeskDecide: the decision form shows errors next to its fields and
// records a decision, after which it is offered no more.
func TestDeskDecide(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("silje.bakken@example.net", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457",
		Lines: []claimdesk.CaseLine{{SKU: "LAS-ASSA-2000", Quantity: 1}}})
	agent := f.signIn("knut.hovland@digitallassmed.example")
	path := "/desk/cases/" + c.Number + "/decide"
	errs := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"no decision", url.Values{"remedy": {"refund"}}, "decision"},
		{"bad amount", url.Values{"decision": {"approved"}, "remedy": {"refund"}, "refund": {"lots"}}, "refund"},
		{"remedy the kind does not allow", url.Values{"decision": {"approved"}, "remedy": {"repair"}}, "remedy"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			p := agent.post(path, tt.form)
			if p.status != 422 || p.byID(tt.field+"-error") == nil {
				t.Fatalf("status %d, no error on %s: %s", p.status, tt.field, text(p.byID("main")))
			}
		})
	}
	p := agent.post(path, url.Values{"decision": {"partly_approved"}, "remedy": {"refund"}, "refund": {"1 500,00"}, "decision_reason": {"Riper i låsen"}})
	main := text(p.byID("main"))
	if !strings.Contains(main, "Partly approved") || !strings.Contains(main, "NOK 1,500.00") || !strings.Contains(main, "Riper i låsen") {
		t.Fatalf("after deciding: %s", main)
	}
	if strings.Contains(p.body, `action="/desk/cases/`+c.Number+`/decide"`) {
		t.Error("the decision form is still offered")
	}
}

// TestEscalation: after customer service rejects a case, the customer may
// take it to the shop's ombudsman from the case page; only the ombudsman
// decides it then.
func TestEscalation(t *testing.T) {
	f := newFixture(t)
	c := f.createCase("ingrid.haugen@example.net", casework.OpenCaseInput{Kind: claimdesk.KindDefect, OrderExternalID: "5004127733",
		Lines: []claimdesk.CaseLine{{SKU: "JAB-EV2-65", Quantity: 1}}, Description: "Hodesettet lader ikke, lampen blinker rødt."})
	customer := f.signIn("ingrid.haugen@example.net")
	casePath := "/s/dustin/cases/" + c.Number
	if p := customer.get(casePath); p.byID("escalate-h") != nil {
		t.Fatal("escalation offered before customer service has answered")
	}
	agent := f.signIn("henrik.moe@dustin.example")
	if p := agent.post("/desk/cases/"+c.Number+"/decide", url.Values{"decision": {"rejected"}, "decision_reason": {"Fuktskade"}}); p.status != 200 {
		t.Fatalf("reject: %d", p.status)
	}
	p := customer.get(casePath)
	if p.byID("escalate-h") == nil || !strings.Contains(text(p.byID("main")), "Avslått") {
		t.Fatalf("no escalation offered after the rejection: %s", text(p.byID("main")))
	}
	if other := f.signIn("ola.berg@example.net").post(casePath+"/escalate", url.Values{"reason": {"!"}}); other.status != 404 {
		t.Errorf("another customer escalates: %d", other.status)
	}
	p = customer.post(casePath+"/escalate", url.Values{"reason": {"Det er ingen fuktskade."}})
	main := text(p.byID("main"))
	if !strings.Contains(main, "Saken er sendt videre.") || !strings.Contains(main, "Hos butikkens kundeombud") {
		t.Fatalf("after escalating: %s", main)
	}
	if p := agent.post("/desk/cases/"+c.Number+"/decide", url.Values{"decision": {"approved"}, "remedy": {"repair"}}); p.status != 403 {
		t.Errorf("customer service decides an ombudsman case: %d", p.status)
	}
	ombud := f.signIn("kundeombud@dustin.example")
	if q := ombud.get("/desk/cases?queue=ombudsman"); !strings.Contains(q.body, c.Number) {
		t.Error("the case is not in the ombudsman's queue")
	}
	if q := ombud.get("/desk/cases?queue=customer_service"); strings.Contains(q.body, c.Number) {
		t.Error("the case is still in customer service's queue")
	}
	if p := ombud.post("/desk/cases/"+c.Number+"/decide", url.Values{"decision": {"rejected"}}); p.status != 200 || !strings.Contains(text(p.byID("main")), "Rejected") {
		t.Errorf("the ombudsman decides: %d", p.status)
	}
	p = customer.post(casePath+"/escalate", url.Values{"reason": {"Jeg er fortsatt uenig."}})
	if ref := p.byID("referral-h"); ref == nil || !strings.Contains(text(p.byID("main")), "Forbrukertilsynet") {
		t.Fatalf("no referral to the national body: %s", text(p.byID("main")))
	}
}
