package casework

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path"
	"strings"
	"unicode"

	"github.com/claimdesk/claimdesk"
)

// Limits on the files a customer or agent attaches to one message.
const (
	MaxAttachments     = 5
	MaxAttachmentSize  = 10 << 20
	MaxAttachmentTotal = 25 << 20
)

// attachmentTypes are the content types accepted, as sniffed from the
// bytes (http.DetectContentType), never as the client declared them.
var attachmentTypes = map[string]string{
	"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp", "application/pdf": ".pdf",
}

// IsImage reports whether an attachment's sniffed type is a picture a page
// may show inline.
func IsImage(contentType string) bool {
	return strings.HasPrefix(contentType, "image/") && attachmentTypes[contentType] != ""
}

// prepareAttachments checks the files against the limits, sniffs each
// one's type from its bytes, cleans its name and computes its hash. Field
// errors are named attachments[i].
func prepareAttachments(in []claimdesk.Attachment) ([]claimdesk.Attachment, error) {
	if len(in) == 0 {
		return nil, nil
	}
	var v claimdesk.Validation
	v.Check(len(in) <= MaxAttachments, "attachments", "too_many_files", "at most %d files", MaxAttachments)
	out := make([]claimdesk.Attachment, 0, len(in))
	var total int
	for i, a := range in {
		field := fmt.Sprintf("attachments[%d]", i)
		total += len(a.Data)
		if len(a.Data) == 0 {
			v.Add(field, "file_empty", "file %d is empty", i+1)
			continue
		}
		if len(a.Data) > MaxAttachmentSize {
			v.Add(field, "file_too_large", "file %d is larger than %d MB", i+1, MaxAttachmentSize>>20)
			continue
		}
		ct, _, _ := strings.Cut(http.DetectContentType(a.Data), ";")
		ext, ok := attachmentTypes[ct]
		if !ok {
			v.Add(field, "file_type", "file %d is %s, not an image or a PDF", i+1, ct)
			continue
		}
		sum := sha256.Sum256(a.Data)
		out = append(out, claimdesk.Attachment{Filename: CleanFilename(a.Filename, ext), ContentType: ct,
			Size: int64(len(a.Data)), SHA256: hex.EncodeToString(sum[:]), Data: a.Data})
	}
	v.Check(total <= MaxAttachmentTotal, "attachments", "files_too_large", "the files are larger than %d MB together", MaxAttachmentTotal>>20)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// CleanFilename keeps a file's base name with letters, digits and a few
// marks (no paths, quotes or control characters), at most 100 characters,
// ending in the extension its sniffed type calls for.
func CleanFilename(name, ext string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_', r == '.':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune('_')
		}
	}
	base := strings.Trim(b.String(), "._")
	if r := []rune(base); len(r) > 100 {
		base = string(r[:100])
	}
	if base == "" {
		base = "file"
	}
	return base + ext
}

// CaseAttachment returns an attachment of a case, with its data, to whoever
// may see the case; customers get none from staff notes. Anything else is
// not_found, as for an attachment that does not exist.
func (s *Service) CaseAttachment(ctx context.Context, number string, id int64) (*claimdesk.Attachment, error) {
	msgs, err := s.CaseMessages(ctx, number)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		for _, a := range m.Attachments {
			if a.ID == id {
				return s.stores().Cases.FindAttachment(ctx, id)
			}
		}
	}
	return nil, hidden("attachment", id)
}
