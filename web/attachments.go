package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// maxUpload is the largest body of a form that carries photos: the files'
// total limit and room for the rest of the form. Only the routes that take
// files get it; every other form stays at maxForm.
const maxUpload = casework.MaxAttachmentTotal + 1<<20

// uploadMemory is how much of an upload is held in memory; the rest goes
// to temporary files until the request ends.
const uploadMemory = 8 << 20

// parseUpload reads a form that may carry files (multipart) or not (the
// live check posts it URL-encoded) and returns its values and the files of
// the "photos" input. A body over the limit is an error on that field.
func parseUpload(r *http.Request, l *locale) (*form, []claimdesk.Attachment) {
	err := r.ParseMultipartForm(uploadMemory)
	f := newForm(r.PostForm)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		f.Add("photos", l.T("field.files_too_large"))
		return f, nil
	case err != nil && !errors.Is(err, http.ErrNotMultipart):
		f.Add("photos", l.T("field.invalid"))
		return f, nil
	case r.MultipartForm == nil:
		return f, nil
	}
	var files []claimdesk.Attachment
	for _, fh := range r.MultipartForm.File["photos"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue // the browser's empty file input
		}
		if len(files) == casework.MaxAttachments {
			f.Add("photos", l.T("field.too_many_files"))
			return f, nil
		}
		data, err := readPart(fh)
		if err != nil {
			f.Add("photos", l.T("field.invalid"))
			return f, nil
		}
		files = append(files, claimdesk.Attachment{Filename: fh.Filename, Data: data})
	}
	return f, files
}

func readPart(fh *multipart.FileHeader) ([]byte, error) {
	rc, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, casework.MaxAttachmentSize+1))
}

// photoField maps the use-cases' attachments[i] fields to the file input.
func photoField(field string) (string, bool) {
	if strings.HasPrefix(field, "attachments") {
		return "photos", true
	}
	return "", false
}

// attachmentRow is a file on a message, with where to get it.
type attachmentRow struct {
	URL   string
	Name  string
	Size  string
	Image bool
}

// attachmentRows lists a message's files; base is the case's path.
func attachmentRows(base string, atts []claimdesk.Attachment) []attachmentRow {
	out := make([]attachmentRow, 0, len(atts))
	for _, a := range atts {
		out = append(out, attachmentRow{URL: base + "/attachments/" + strconv.FormatInt(a.ID, 10), Name: a.Filename,
			Size: humanSize(a.Size), Image: casework.IsImage(a.ContentType)})
	}
	return out
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// attachment sends one file of a case to its customer (portal) or the
// shop's staff (desk); casework decides who may see it, and anyone else
// gets the same 404 as for a file that does not exist. The type is the one
// sniffed at upload; images are shown inline, anything else downloaded,
// and the file may run nothing.
func (h *Handler) attachment(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	if shop := r.PathValue("shop"); shop != "" {
		if _, ok := h.customerPage(w, r, "case.title"); !ok {
			return
		}
	} else if _, ok := h.deskPage(w, r, "case.title"); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, claimdesk.NotFound("attachment", r.PathValue("id")))
		return
	}
	a, err := h.svc.CaseAttachment(r.Context(), number, id)
	if err == nil && r.PathValue("shop") != "" {
		if c, cerr := h.svc.GetCase(r.Context(), number); cerr != nil || c.ShopID != r.PathValue("shop") {
			err = claimdesk.NotFound("attachment", id)
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	disp := "attachment"
	if casework.IsImage(a.ContentType) {
		disp = "inline"
	}
	hd := w.Header()
	hd.Set("Content-Type", a.ContentType)
	hd.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": a.Filename}))
	hd.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
	hd.Set("Content-Length", strconv.Itoa(len(a.Data)))
	hd.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(a.Data)
}
