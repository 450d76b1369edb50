package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// BenchmarkPages measures the main pages as a browser gets them (session
// cookie, server-side rendering, every store read behind the page) against
// a baseline measured in the same sub-benchmark: the embedded stylesheet
// through the same server and middleware, which does no store or template
// work. The ratio (x-asset) is what to compare across machines.
func BenchmarkPages(b *testing.B) {
	f := newFixture(b)
	c := f.createCase("silje.bakken@example.net", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457",
		Lines: []claimdesk.CaseLine{{SKU: "HANG-ABUS-55", Quantity: 2}}, Description: "Jeg angrer kjøpet av hengelåsene."})
	silje := f.signIn("silje.bakken@example.net")
	knut := f.signIn("knut.hovland@digitallassmed.example")
	asset := f.browser().get("/desk/login").body
	i := strings.Index(asset, "/assets/app.css")
	css := asset[i : i+strings.IndexByte(asset[i:], '"')]
	check := url.Values{"sku": {"LAS-ASSA-2000"}, "qty-LAS-ASSA-2000": {"1"}, "kind": {"withdrawal"}, "action": {"check"}}

	pages := []struct {
		name string
		who  *browser
		path string
		form url.Values // POST when set
	}{
		{"portal/orders", silje, "/s/digitallassmed/orders", nil},
		{"portal/order", silje, "/s/digitallassmed/orders/DL-100457", nil},
		{"portal/new-case-check", silje, "/s/digitallassmed/orders/DL-100457/new-case", check},
		{"portal/case", silje, "/s/digitallassmed/cases/" + c.Number, nil},
		{"portal/help-search", f.browser(), "/s/digitallassmed/help?q=angrerett+gebyr", nil},
		{"desk/queue", knut, "/desk/cases", nil},
		{"desk/case", knut, "/desk/cases/" + c.Number, nil},
		{"desk/dashboard", knut, "/desk/dashboard?shop=digitallassmed&period=90d", nil},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			base := perRequest(b, p.who.c, f.ts.URL+css, nil, 300)
			b.ResetTimer()
			start := time.Now()
			for range b.N {
				fetch(b, p.who.c, f.ts.URL+p.path, p.form)
			}
			per := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(base.Microseconds()), "asset-µs")
			b.ReportMetric(float64(per)/float64(base), "x-asset")
		})
	}
}

// perRequest returns the mean time of n requests.
func perRequest(b *testing.B, c *http.Client, u string, form url.Values, n int) time.Duration {
	start := time.Now()
	for range n {
		fetch(b, c, u, form)
	}
	return time.Since(start) / time.Duration(n)
}

// fetch gets (or posts form to) u, reads the body and insists on a 200.
func fetch(b *testing.B, c *http.Client, u string, form url.Values) {
	var res *http.Response
	var err error
	if form != nil {
		res, err = c.PostForm(u, form)
	} else {
		res, err = c.Get(u)
	}
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("%s: status %d", u, res.StatusCode)
	}
}
