package casework

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/helpcenter"
)

// HelpCenter keeps each instance's in-memory search index in step with the
// articles in the shared database: it rebuilds when the database's article
// version changes (checked on every change made here and by a poll, so a
// change made by another instance arrives within the poll interval).
type HelpCenter struct {
	db      claimdesk.DB
	mu      sync.RWMutex
	lib     *helpcenter.Library
	version string
}

// NewHelpCenter loads the articles and builds the index.
func NewHelpCenter(ctx context.Context, db claimdesk.DB) (*HelpCenter, error) {
	h := &HelpCenter{db: db, lib: helpcenter.NewLibrary(nil)}
	return h, h.Refresh(ctx)
}

// Refresh rebuilds the index if any article changed since the last build.
func (h *HelpCenter) Refresh(ctx context.Context) error {
	st := h.db.Stores().Articles
	v, err := st.ArticlesVersion(ctx)
	if err != nil {
		return err
	}
	h.mu.RLock()
	same := v == h.version && h.lib != nil
	h.mu.RUnlock()
	if same {
		return nil
	}
	list, err := st.ListArticles(ctx, "")
	if err != nil {
		return err
	}
	arts := make([]helpcenter.Article, len(list))
	for i, a := range list {
		arts[i] = ToHelpArticle(a)
	}
	lib := helpcenter.NewLibrary(arts)
	h.mu.Lock()
	h.lib, h.version = lib, v
	h.mu.Unlock()
	return nil
}

// Run refreshes the index every interval until ctx ends.
func (h *HelpCenter) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = h.Refresh(ctx)
		}
	}
}

// Search answers a question from a shop's articles.
func (h *HelpCenter) Search(q helpcenter.Query) helpcenter.Result {
	h.mu.RLock()
	lib := h.lib
	h.mu.RUnlock()
	return lib.Search(q)
}

// ToHelpArticle maps a stored article to the search index's.
func ToHelpArticle(a *claimdesk.Article) helpcenter.Article {
	return helpcenter.Article{
		ID: strconv.FormatInt(a.ID, 10), Shop: a.ShopID, Slug: a.Slug, Title: a.Title, Body: a.Body, Lang: string(a.Lang),
		Source: a.Source, Position: a.Position, UpdatedAt: a.UpdatedAt,
	}
}

// SeedArticles returns the demo shops' help-center articles, split from
// their seed documents, as stored articles with slugs unique per shop.
func SeedArticles() []claimdesk.Article {
	var out []claimdesk.Article
	seen := map[string]int{}
	for i, a := range helpcenter.SeedArticles() {
		slug := a.Slug
		key := a.Shop + "|" + slug
		if n := seen[key]; n > 0 {
			slug += "-" + strconv.Itoa(n+1)
		}
		seen[key]++
		out = append(out, claimdesk.Article{ShopID: a.Shop, Slug: slug, Title: a.Title, Body: a.Body, Lang: claimdesk.Lang(a.Lang), Source: a.Source, Position: i})
	}
	return out
}

// SetHelpCenter attaches the help center to the service.
func (s *Service) SetHelpCenter(h *HelpCenter) { s.help = h }

// SearchHelp answers a customer's question from a shop's help center;
// anyone may ask.
func (s *Service) SearchHelp(ctx context.Context, shopID, q, lang string) (helpcenter.Result, error) {
	if _, err := s.stores().Shops.FindShop(ctx, shopID); err != nil {
		return helpcenter.Result{}, err
	}
	q = strings.TrimSpace(q)
	if q == "" {
		return helpcenter.Result{}, fieldErr("q", "required", "ask a question")
	}
	if s.help == nil {
		return helpcenter.Result{Results: []helpcenter.Hit{}}, nil
	}
	r := s.help.Search(helpcenter.Query{Shop: shopID, Q: q, Lang: lang})
	if r.Results == nil {
		r.Results = []helpcenter.Hit{}
	}
	return r, nil
}

// ListArticles lists a shop's articles; the help center is public.
func (s *Service) ListArticles(ctx context.Context, shopID string) ([]*claimdesk.Article, error) {
	if _, err := s.stores().Shops.FindShop(ctx, shopID); err != nil {
		return nil, err
	}
	return s.stores().Articles.ListArticles(ctx, shopID)
}

// SaveArticle creates (ID 0) or replaces an article; shop leads and admins only.
func (s *Service) SaveArticle(ctx context.Context, a *claimdesk.Article) error {
	act := claimdesk.ActorFrom(ctx)
	role := act.AgentRoleIn(a.ShopID)
	if act.Kind != claimdesk.ActorSystem && role != claimdesk.RoleAdmin && role != claimdesk.RoleLead {
		if act.Kind == claimdesk.ActorAnonymous {
			return unauthenticated()
		}
		return forbidden()
	}
	var v claimdesk.Validation
	v.Check(strings.TrimSpace(a.Title) != "", "title", "required", "an article needs a title")
	v.Check(strings.TrimSpace(a.Body) != "", "body", "required", "an article needs a body")
	v.Check(claimdesk.ValidLang(a.Lang), "lang", "invalid", "language %q is not one of nb, nn, sv, da, en", a.Lang)
	if err := v.Err(); err != nil {
		return err
	}
	if a.Slug == "" {
		a.Slug = helpcenter.Slugify(a.Title)
	}
	now := s.now()
	a.UpdatedAt = now
	var err error
	if a.ID == 0 {
		a.CreatedAt = now
		err = s.stores().Articles.CreateArticle(ctx, a)
	} else {
		err = s.stores().Articles.UpdateArticle(ctx, a)
	}
	if err == nil && s.help != nil {
		err = s.help.Refresh(ctx)
	}
	return err
}

// DeleteArticle removes an article; shop leads and admins only.
func (s *Service) DeleteArticle(ctx context.Context, shopID string, id int64) error {
	act := claimdesk.ActorFrom(ctx)
	role := act.AgentRoleIn(shopID)
	if act.Kind != claimdesk.ActorSystem && role != claimdesk.RoleAdmin && role != claimdesk.RoleLead {
		return forbidden()
	}
	if err := s.stores().Articles.DeleteArticle(ctx, shopID, id); err != nil {
		return err
	}
	if s.help != nil {
		return s.help.Refresh(ctx)
	}
	return nil
}

// HelpCenter returns the attached help center, or nil.
func (s *Service) HelpCenter() *HelpCenter { return s.help }
