package casework_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/storetest"
)

// pngBytes is the smallest PNG header http.DetectContentType recognises.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)

// TestAttachments: photos go with a new case and with a later reply; the
// type is sniffed from the bytes, names are cleaned, limits hold, and only
// those who may see the case get the file.
func TestAttachments(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := newDesk(t, open)
			silje := d.as("digitallassmed", "silje.bakken@example.net")
			c := d.open(silje, "digitallassmed", casework.OpenCaseInput{Kind: claimdesk.KindTransportDamage, OrderExternalID: "DL-100457",
				Lines: line("LAS-ASSA-2000", 1), Description: "Esken var knust.",
				Attachments: []claimdesk.Attachment{{Filename: `C:\fakepath\../bilde "1".exe`, ContentType: "text/html", Data: pngBytes}}})
			msgs, err := d.svc.CaseMessages(silje, c.Number)
			if err != nil || len(msgs) != 1 || len(msgs[0].Attachments) != 1 {
				t.Fatalf("messages %+v %v", msgs, err)
			}
			a := msgs[0].Attachments[0]
			if a.ContentType != "image/png" || a.Filename != "bilde_1.png" || a.Size != int64(len(pngBytes)) || a.SHA256 == "" {
				t.Errorf("attachment %+v", a)
			}
			got, err := d.svc.CaseAttachment(silje, c.Number, a.ID)
			if err != nil || !bytes.Equal(got.Data, pngBytes) {
				t.Fatalf("download: %v", err)
			}
			jonas := d.as("digitallassmed", "jonas.aasen@example.net")
			if _, err := d.svc.CaseAttachment(jonas, c.Number, a.ID); !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
				t.Errorf("another customer: %v", err)
			}
			if _, err := d.svc.CaseAttachment(context.Background(), c.Number, a.ID); !claimdesk.IsCode(err, claimdesk.CodeUnauthenticated) {
				t.Errorf("anonymous: %v", err)
			}
			// A reply may be files alone; a PDF is fine, HTML is not.
			if _, err := d.svc.AddMessage(silje, c.Number, casework.MessageInput{Attachments: []claimdesk.Attachment{{Filename: "kvittering.pdf", Data: []byte("%PDF-1.4\n%âãÏÓ\n")}}}); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name  string
				files []claimdesk.Attachment
				code  string
			}{
				{"html", []claimdesk.Attachment{{Filename: "x.png", Data: []byte("<html><script>alert(1)</script>")}}, "file_type"},
				{"empty", []claimdesk.Attachment{{Filename: "x.png"}}, "file_empty"},
				{"too large", []claimdesk.Attachment{{Filename: "x.png", Data: append(pngBytes, make([]byte, casework.MaxAttachmentSize)...)}}, "file_too_large"},
				{"too many", make([]claimdesk.Attachment, casework.MaxAttachments+1), "too_many_files"},
			}
			for _, tt := range tests {
				for i := range tt.files {
					if tt.files[i].Data == nil && tt.code == "too_many_files" {
						tt.files[i].Data = pngBytes
					}
				}
				_, err := d.svc.AddMessage(silje, c.Number, casework.MessageInput{Body: "bilder", Attachments: tt.files})
				var e *claimdesk.Error
				if !errorsAs(err, &e) || len(e.Fields) == 0 || e.Fields[0].Code != tt.code {
					t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
				}
			}
		})
	}
}
