package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// A shop's brand colour reaches its portal pages as a small stylesheet of
// our own, /s/{shop}/brand.css?v=<hash>, linked after app.css: it sets the
// accent variables app.css uses, so the CSP stays 'self' with no inline
// styles. The workspace never links it.

// defaultAccent is app.css's --accent. A shop whose colour is this one has
// no brand colour: the colour field shows it when none is set.
const defaultAccent = "#1f5a96"

// brandSheet is the stylesheet for a brand and its hash, or false when the
// brand has no usable colour.
func brandSheet(b claimdesk.ShopBrand) (css []byte, hash string, ok bool) {
	c, err := claimdesk.ParseHexColor(b.Color)
	if err != nil {
		return nil, "", false
	}
	soft := mix(c, claimdesk.White, 0.9)
	// The accent is also text on the soft tint (the active menu item):
	// lighten the tint until that reads at 4.5:1, white at the most.
	for pc := 91; pc <= 100 && claimdesk.ContrastRatio(c, soft) < claimdesk.MinBrandContrast; pc++ {
		soft = mix(c, claimdesk.White, float64(pc)/100)
	}
	css = fmt.Appendf(nil, "/* The shop's brand colour; white text on it: %s:1. */\n:root{--accent:%s;--accent-soft:%s;--accent-strong:%s;--accent-line:%s}\n",
		claimdesk.FormatRatio(claimdesk.ContrastRatio(claimdesk.White, c)), c.Hex(), soft.Hex(), mix(c, claimdesk.RGB{}, 0.25).Hex(), mix(c, claimdesk.White, 0.75).Hex())
	sum := sha256.Sum256(css)
	return css, hex.EncodeToString(sum[:6]), true
}

// mix moves colour c a share w (0–1) of the way to colour to, per sRGB channel.
func mix(c, to claimdesk.RGB, w float64) claimdesk.RGB {
	ch := func(a, b uint8) uint8 { return uint8(float64(a)*(1-w) + float64(b)*w + 0.5) }
	return claimdesk.RGB{R: ch(c.R, to.R), G: ch(c.G, to.G), B: ch(c.B, to.B)}
}

// BrandCSS is the link to the shop's brand stylesheet on its portal pages;
// "" in the workspace and for a shop without a colour.
func (p *page) BrandCSS() string {
	if p.Area != "portal" || p.Shop == nil {
		return ""
	}
	_, hash, ok := brandSheet(p.Shop.Brand)
	if !ok {
		return ""
	}
	return "/s/" + url.PathEscape(p.Shop.ID) + "/brand.css?v=" + hash
}

// brandCSS serves a shop's brand stylesheet: cached for a year when the
// URL carries its hash (a new colour gives a new URL), else revalidated.
// A shop without a colour, or none at all, is 404.
func (h *Handler) brandCSS(w http.ResponseWriter, r *http.Request) {
	shop, err := h.svc.GetShop(r.Context(), r.PathValue("shop"))
	if err != nil && !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		h.log.Error("brand stylesheet", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var css []byte
	var hash string
	ok := err == nil
	if ok {
		css, hash, ok = brandSheet(shop.Brand)
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/css; charset=utf-8")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("ETag", `"`+hash+`"`)
	if r.URL.Query().Get("v") == hash {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	if r.Header.Get("If-None-Match") == `"`+hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(css)
}

// brandInput is the colour field as casework's brand: nil when the form
// has no such field, no colour when the reset box is ticked or the colour
// is claimdesk's own.
func brandInput(f *form) *claimdesk.ShopBrand {
	if _, sent := f.Values["brand_color"]; !sent {
		return nil
	}
	c := f.Val("brand_color")
	if f.Checked("brand_reset", "1") || strings.EqualFold(c, defaultAccent) {
		c = ""
	}
	return &claimdesk.ShopBrand{Color: c}
}

// brandColorValue is what the colour field shows: the shop's colour, or
// claimdesk's when it has none (a colour input always holds a colour).
func brandColorValue(b claimdesk.ShopBrand) string {
	if b.Color == "" {
		return defaultAccent
	}
	return b.Color
}

// brandContrastError puts a too-light colour's error on the colour field,
// saying the ratio white text has on it in the page's language. It does
// nothing for other errors.
func brandContrastError(f *form, l *locale, err error, b *claimdesk.ShopBrand) {
	var e *claimdesk.Error
	if b == nil || !errors.As(err, &e) {
		return
	}
	for _, fe := range e.Fields {
		if fe.Field != "brand.color" || fe.Code != "low_contrast" {
			continue
		}
		c, perr := claimdesk.ParseHexColor(b.Normalize().Color)
		if perr != nil {
			return
		}
		ratio := strings.Replace(claimdesk.FormatRatio(claimdesk.ContrastRatio(claimdesk.White, c)), ".", l.decimal, 1)
		f.Add("brand_color", l.T("admin.brand_contrast_low", "color", c.Hex(), "ratio", ratio))
	}
}
