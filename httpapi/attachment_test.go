package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// TestAttachmentDownload: a file on a case's message is listed with the
// messages and downloadable by whoever may see the case, with its sniffed
// type; another customer gets 404.
func TestAttachmentDownload(t *testing.T) {
	forEachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		u, err := f.svc.DB().Stores().Users.FindUserByEmail(ctx, claimdesk.CustomerUser, "digitallassmed", "silje.bakken@example.net")
		if err != nil {
			t.Fatal(err)
		}
		pdf := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
		c, err := f.svc.OpenCase(claimdesk.WithActor(ctx, claimdesk.ActorFromUser(u)), "digitallassmed", casework.OpenCaseInput{
			Kind: claimdesk.KindGeneral, Subject: "Kvittering", Description: "Her er kvitteringen.",
			Attachments: []claimdesk.Attachment{{Filename: "kvittering.pdf", ContentType: "text/html", Data: pdf}}})
		if err != nil {
			t.Fatal(err)
		}
		msgs := f.do("silje.bakken@example.net", "GET", "/api/v1/cases/"+c.Number+"/messages", nil)
		if !strings.Contains(string(msgs.body), `"filename":"kvittering.pdf"`) {
			t.Fatalf("messages: %d %s", msgs.status, msgs.body)
		}
		id := strings.SplitN(strings.SplitN(string(msgs.body), `"attachments":[{"id":`, 2)[1], ",", 2)[0]
		path := fmt.Sprintf("/api/v1/cases/%s/attachments/%s", c.Number, id)
		r := f.do("silje.bakken@example.net", "GET", path, nil)
		if r.status != http.StatusOK || !bytes.Equal(r.body, pdf) || r.header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("download: %d %v", r.status, r.header)
		}
		if r := f.do("jonas.aasen@example.net", "GET", path, nil); r.status != http.StatusNotFound {
			t.Errorf("another customer: %d", r.status)
		}
	})
}
