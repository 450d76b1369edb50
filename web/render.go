package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// page is what every template gets: the frame (language, shop, who is
// signed in, navigation) and the page's own Data.
type page struct {
	L     *locale
	Title string
	Area  string // portal, desk or public
	Shop  *claimdesk.Shop
	Actor claimdesk.Actor
	Nav   string // the active navigation item
	Langs []langLink
	Flash string
	CSS   string
	JS    string
	Data  any
}

// SignedIn reports whether a customer of the page's shop is signed in.
func (p *page) SignedIn() bool {
	if p.Area == "desk" {
		return p.Actor.Kind == claimdesk.ActorAgent
	}
	return p.Shop != nil && p.Actor.Kind == claimdesk.ActorCustomer && p.Actor.ShopID == p.Shop.ID
}

// CompanyAdmin reports whether the signed-in customer administers a company.
func (p *page) CompanyAdmin() bool {
	return p.SignedIn() && p.Actor.CompanyRole == claimdesk.CompanyAdmin
}

// AdminShops lists the shops the signed-in agent administers.
func (p *page) AdminShops() []string {
	var out []string
	for _, m := range p.Actor.Memberships {
		if m.Role == claimdesk.RoleAdmin {
			out = append(out, m.ShopID)
		}
	}
	return out
}

// ShopPath is the portal path of the page's shop.
func (p *page) ShopPath() string {
	if p.Shop == nil {
		return ""
	}
	return "/s/" + p.Shop.ID
}

// flashes are the one-line notices a redirect may ask a page to show.
var flashes = map[string]bool{"signed_out": true, "message_sent": true, "note_saved": true, "key_revoked": true, "case_updated": true, "escalated": true}

// newPage starts a page in the right language for the request.
func (h *Handler) newPage(r *http.Request, shop *claimdesk.Shop, titleKey string) *page {
	l := h.langFor(r, shop)
	p := &page{L: l, Title: l.T(titleKey), Area: "public", Shop: shop, Actor: claimdesk.ActorFrom(r.Context()),
		Langs: langLinks(r, l.lang), CSS: h.assets.url("app.css"), JS: h.assets.url("app.js")}
	if shop != nil {
		p.Area = "portal"
	}
	if f := r.URL.Query().Get("flash"); flashes[f] {
		p.Flash = l.T("flash." + f)
	}
	return p
}

// pageSet holds one template per page, each with the layout and partials.
type pageSet struct {
	byName map[string]*template.Template
}

var funcs = template.FuncMap{
	"mulf": func(a, b float64) float64 { return a * b },
	// answer is an article's text as paragraphs, without a first line that
	// only repeats its title.
	"answer": func(title, s string) []string {
		out := strings.Split(strings.TrimSpace(s), "\n")
		if len(out) > 1 && strings.TrimSpace(out[0]) == strings.TrimSpace(title) {
			out = out[1:]
		}
		return out
	},
	// inc adds one: a 0-based index shown from 1.
	"inc": func(i int) int { return i + 1 },
	// list builds a list of strings to range over.
	"list": func(s ...string) []string { return s },
	// args builds a map for a partial template: args "P" $ "D" .Decision.
	"args": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

func parsePages(fsys fs.FS) (*pageSet, error) {
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	ps := &pageSet{byName: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" || base == "partials" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/partials.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		ps.byName[base] = t
	}
	return ps, nil
}

// render writes a page; a template error is logged and answered with a
// plain 500, since the frame itself may be what failed.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := h.pages.byName[name]
	if !ok {
		h.log.Error("no such page template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		h.log.Error("page template failed", "name", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", p.L.Lang())
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// assets are the embedded CSS and JavaScript, served with a content hash
// in their URLs so browsers may keep them for a year.
type assets struct {
	files map[string][]byte
	hash  map[string]string
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(data)
		a.files[name], a.hash[name] = data, hex.EncodeToString(sum[:6])
		return nil
	})
	return a, err
}

func (a *assets) url(name string) string { return "/assets/" + name + "?v=" + a.hash[name] }

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	data, ok := a.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.URL.Query().Get("v") == a.hash[name] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+a.hash[name]+`"`)
	if r.Header.Get("If-None-Match") == `"`+a.hash[name]+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(data)
}
