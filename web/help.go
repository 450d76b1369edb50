package web

import (
	"net/http"
	"strconv"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/helpcenter"
)

type helpData struct {
	Query    string
	Searched bool
	Answer   *helpcenter.Hit
	Hits     []helpcenter.Hit
	Articles []*claimdesk.Article
	LangOf   map[string]string // article id → its language, for lang attributes
}

// help is a shop's public help center: a search form and every article.
func (h *Handler) help(w http.ResponseWriter, r *http.Request) {
	shop, ok := h.shopOf(w, r)
	if !ok {
		return
	}
	p := h.newPage(r, shop, "help.title")
	p.Nav = "help"
	ctx := r.Context()
	d := helpData{Query: r.URL.Query().Get("q")}
	if d.Query != "" {
		res, err := h.svc.SearchHelp(ctx, shop.ID, d.Query, string(p.L.lang))
		if err != nil && !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			h.fail(w, r, err)
			return
		}
		d.Searched = true
		d.Answer = res.Answer
		for _, hit := range res.Results {
			if res.Answer == nil || hit.ID != res.Answer.ID {
				d.Hits = append(d.Hits, hit)
			}
		}
	}
	arts, err := h.svc.ListArticles(ctx, shop.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Articles, d.LangOf = arts, map[string]string{}
	for _, a := range arts {
		d.LangOf[strconv.FormatInt(a.ID, 10)] = string(a.Lang)
	}
	p.Data = d
	h.render(w, r, http.StatusOK, "help", p)
}
