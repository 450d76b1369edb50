package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// tinyPNG is a 1×1 PNG.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

// upload posts a multipart form with files under "photos", as a browser
// does for a form with a file input.
func (b *browser) upload(path string, v url.Values, files map[string][]byte) page {
	b.f.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range v {
		for _, s := range vs {
			_ = w.WriteField(k, s)
		}
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile("photos", name)
		_, _ = fw.Write(data)
	}
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.ts.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// raw fetches a path without parsing it as a page.
func (b *browser) raw(path string) (*http.Response, []byte) {
	b.f.t.Helper()
	res, err := b.c.Get(b.f.ts.URL + path)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, data
}

var attachmentURL = regexp.MustCompile(`/s/digitallassmed/cases/DLS-26-\d{6}-\d/attachments/\d+`)

// TestPhotosWithoutJavaScript: a photo sent with a new case shows on the
// case page and the agent's, served with its sniffed type to those who may
// see the case only; more photos can be added afterwards as a reply; files
// that are not images or PDFs are refused beside the field.
func TestPhotosWithoutJavaScript(t *testing.T) {
	f := newFixture(t)
	silje := f.signIn("silje.bakken@example.net")
	path := "/s/digitallassmed/orders/DL-100457/new-case"
	form := url.Values{"sku": {"LAS-ASSA-2000"}, "qty-LAS-ASSA-2000": {"1"}, "kind": {"transport_damage"},
		"description": {"Esken var knust og låsen har en bulk."}, "action": {"check"}}
	p := silje.get(path)
	if n := p.byID("photos"); attr(n, "type") != "file" || attr(n, "aria-describedby") != "photos-hint" || p.byID("photos-hint") == nil {
		t.Fatal("no file input with its hint on the new-case form")
	}
	p = silje.upload(path, form, nil)
	form.Set("action", "submit")
	form.Set("checked", attr(p.byID("checked"), "value"))

	bad := silje.upload(path, form, map[string][]byte{"side.html": []byte("<html><script>alert(1)</script></html>")})
	if bad.status != 422 || attr(bad.byID("photos"), "aria-invalid") != "true" || bad.byID("photos-error") == nil {
		t.Fatalf("an HTML file: %d\n%s", bad.status, text(bad.byID("error-summary")))
	}

	p = silje.upload(path, form, map[string][]byte{`../../bulk "1".png`: tinyPNG})
	if !strings.HasSuffix(p.url, "/confirmation") {
		t.Fatalf("submit with a photo ended at %s\n%s", p.url, text(p.byID("main")))
	}
	number := text(p.byID("rma-number"))
	casePage := silje.get("/s/digitallassmed/cases/" + number)
	src := attachmentURL.FindString(casePage.body)
	if src == "" || !strings.Contains(casePage.body, `alt="Bilde: bulk_1.png"`) {
		t.Fatalf("no photo on the case page:\n%s", text(casePage.byID("messages")))
	}
	res, data := silje.raw(src)
	if res.StatusCode != 200 || !bytes.Equal(data, tinyPNG) || res.Header.Get("Content-Type") != "image/png" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") || res.Header.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("photo: %d %v", res.StatusCode, res.Header)
	}
	if res, _ := f.signIn("jonas.aasen@example.net").raw(src); res.StatusCode != 404 {
		t.Errorf("another customer got the photo: %d", res.StatusCode)
	}
	desk := f.signIn("amira.haddad@digitallassmed.example")
	deskSrc := strings.Replace(src, "/s/digitallassmed/", "/desk/", 1)
	if !strings.Contains(desk.get("/desk/cases/"+number).body, deskSrc) {
		t.Error("no photo on the agent's case page")
	}
	if res, _ := desk.raw(deskSrc); res.StatusCode != 200 {
		t.Errorf("agent download: %d", res.StatusCode)
	}
	if res, _ := f.signIn("henrik.moe@dustin.example").raw(deskSrc); res.StatusCode != 404 {
		t.Errorf("another shop's agent got the photo: %d", res.StatusCode)
	}

	// Afterwards: a PDF alone as a reply on the case page.
	if attr(casePage.byID("photos"), "type") != "file" {
		t.Fatal("no file input on the case page")
	}
	p = silje.upload("/s/digitallassmed/cases/"+number+"/messages", url.Values{"body": {""}}, map[string][]byte{"kvittering.pdf": []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")})
	if !strings.Contains(p.url, "flash=message_sent") || !strings.Contains(p.body, "kvittering.pdf") {
		t.Fatalf("reply with a PDF: %s\n%s", p.url, text(p.byID("messages")))
	}
}
