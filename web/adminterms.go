package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/policy"
)

type termsData struct {
	Admin   adminData
	Info    *casework.TermsInfo
	Form    *form
	Check   *casework.TermsCheck // the report on an upload, when one came
	Uploads []uploadRow
	Since   string // when the active upload was activated
	MaxKB   int
}

type uploadRow struct {
	T  *claimdesk.ShopTerms
	At string
}

// findingView is a linter finding as the page shows it: a headline in the
// page's language, the engine's English detail, the clause and the law.
type findingView struct {
	policy.Finding
	Headline string
}

func (h *Handler) termsPage(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "terms")
	if !ok {
		return
	}
	h.renderTerms(w, r, p, termsData{Admin: ad, Form: newForm(nil)}, http.StatusOK)
}

func (h *Handler) renderTerms(w http.ResponseWriter, r *http.Request, p *page, d termsData, status int) {
	info, err := h.svc.ShopTermsInfo(r.Context(), d.Admin.Shop.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	loc := d.Admin.Shop.Location()
	d.Info, d.MaxKB = info, casework.MaxTermsSize>>10
	for _, u := range info.Uploads {
		d.Uploads = append(d.Uploads, uploadRow{T: u, At: p.L.DateTime(u.CreatedAt, loc)})
	}
	if info.Active != nil && info.Active.ActivatedAt != nil {
		d.Since = p.L.DateTime(*info.Active.ActivatedAt, loc)
	}
	p.Data = d
	h.renderForm(w, r, p, "admin_terms", d.Form, status)
}

// Findings returns the linter's findings on the running terms, for the template.
func (d termsData) Findings(l *locale) []findingView { return findingViews(l, d.Info.Findings) }

// CheckFindings returns the findings on the upload, for the template.
func (d termsData) CheckFindings(l *locale) []findingView { return findingViews(l, d.Check.Findings) }

func findingViews(l *locale, fs []policy.Finding) []findingView {
	out := make([]findingView, len(fs))
	for i, f := range fs {
		out[i] = findingView{Finding: f, Headline: l.Label("lintcode.", f.Code)}
	}
	return out
}

// termsUpload reads an uploaded terms file (multipart, size-limited) and
// shows the parser's and the linter's report; a file without errors is
// stored, ready to be activated.
func (h *Handler) termsUpload(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "terms")
	if !ok {
		return
	}
	f := newForm(nil)
	data, name, err := readUpload(r, "file", casework.MaxTermsSize)
	var chk *casework.TermsCheck
	if err == nil {
		chk, err = h.svc.UploadTerms(r.Context(), ad.Shop.ID, name, data)
	}
	switch {
	case err == nil:
	case errors.Is(err, errTooLarge):
		f.Add("file", p.L.T("field.too_large", "kb", casework.MaxTermsSize>>10))
	case claimdesk.IsCode(err, claimdesk.CodeInvalid):
		f.addError(p.L, err, func(string) string { return "file" })
	default:
		h.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if f.Invalid() || chk.Blocked {
		status = http.StatusUnprocessableEntity
	}
	h.renderTerms(w, r, p, termsData{Admin: ad, Form: f, Check: chk}, status)
}

var errTooLarge = errors.New("upload too large")

// readUpload reads one file of a multipart form, at most limit bytes.
func readUpload(r *http.Request, field string, limit int64) ([]byte, string, error) {
	if err := r.ParseMultipartForm(limit + 64<<10); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, "", errTooLarge
		}
		return nil, "", claimdesk.Errorf(claimdesk.CodeInvalid, "not a file upload")
	}
	file, hdr, err := r.FormFile(field)
	if err != nil {
		return nil, "", nil // no file: casework says it is required
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > limit {
		return nil, "", errTooLarge
	}
	return data, hdr.Filename, nil
}

// termsActivate makes an uploaded version the shop's terms.
func (h *Handler) termsActivate(w http.ResponseWriter, r *http.Request) {
	_, ad, ok := h.adminPage(w, r, "terms")
	if !ok {
		return
	}
	if err := h.svc.ActivateTerms(r.Context(), ad.Shop.ID, r.PathValue("version")); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, adminPath(ad.Shop.ID, "terms")+"?flash=terms_activated", http.StatusSeeOther)
}

// termsDownload sends the TOML file of the terms the shop runs on.
func (h *Handler) termsDownload(w http.ResponseWriter, r *http.Request) {
	_, ad, ok := h.adminPage(w, r, "terms")
	if !ok {
		return
	}
	name, data, err := h.svc.TermsSource(r.Context(), ad.Shop.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": url.PathEscape(name)}))
	_, _ = w.Write(data)
}
