package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/helpcenter"
	"github.com/claimdesk/claimdesk/policy"
)

// ArticleInBody is a help-center article to save.
type ArticleInBody struct {
	Slug   string `json:"slug,omitempty" maxLength:"200"`
	Title  string `json:"title" minLength:"1" maxLength:"500"`
	Body   string `json:"body" minLength:"1" maxLength:"100000"`
	Lang   string `json:"lang" enum:"nb,nn,sv,da,en"`
	Source string `json:"source,omitempty" maxLength:"500"`
}

// ArticleBody is a stored article.
type ArticleBody struct {
	ArticleInBody
	ID        int64     `json:"id"`
	Shop      string    `json:"shop"`
	Position  int       `json:"position"`
	UpdatedAt time.Time `json:"updated_at"`
}

func articleOut(a *claimdesk.Article) ArticleBody {
	return ArticleBody{ArticleInBody: ArticleInBody{Slug: a.Slug, Title: a.Title, Body: a.Body, Lang: string(a.Lang), Source: a.Source},
		ID: a.ID, Shop: a.ShopID, Position: a.Position, UpdatedAt: a.UpdatedAt}
}

func (s *Server) helpRoutes() {
	tags := []string{"Help center"}
	huma.Register(s.api, op("search-help", http.MethodGet, "/api/v1/shops/{shop}/help/search", "Search a shop's help center; answer is null when its documents do not answer the question", tags),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Q    string `query:"q" maxLength:"1000" doc:"The customer's question, in any Scandinavian language or English."`
			Lang string `query:"lang" doc:"A hint only: nb, nn, sv, da or en."`
		}) (*struct{ Body helpcenter.Result }, error) {
			r, err := s.svc.SearchHelp(ctx, in.Shop, in.Q, in.Lang)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body helpcenter.Result }{Body: r}, nil
		})
	huma.Register(s.api, op("list-articles", http.MethodGet, "/api/v1/shops/{shop}/help/articles", "List a shop's help-center articles", tags),
		func(ctx context.Context, in *shopPath) (*struct{ Body []ArticleBody }, error) {
			list, err := s.svc.ListArticles(ctx, in.Shop)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []ArticleBody }{Body: []ArticleBody{}}
			for _, a := range list {
				out.Body = append(out.Body, articleOut(a))
			}
			return out, nil
		})
	save := func(ctx context.Context, shop string, id int64, b ArticleInBody) (*ArticleBody, error) {
		a := &claimdesk.Article{ID: id, ShopID: shop, Slug: b.Slug, Title: b.Title, Body: b.Body, Lang: claimdesk.Lang(b.Lang), Source: b.Source}
		if err := s.svc.SaveArticle(ctx, a); err != nil {
			return nil, s.fail(ctx, err)
		}
		out := articleOut(a)
		return &out, nil
	}
	huma.Register(s.api, op("create-article", http.MethodPost, "/api/v1/shops/{shop}/help/articles", "Create an article (shop leads and admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Body ArticleInBody
		}) (*struct {
			Status int
			Body   ArticleBody
		}, error) {
			a, err := save(ctx, in.Shop, 0, in.Body)
			if err != nil {
				return nil, err
			}
			return &struct {
				Status int
				Body   ArticleBody
			}{Status: http.StatusCreated, Body: *a}, nil
		})
	huma.Register(s.api, op("update-article", http.MethodPut, "/api/v1/shops/{shop}/help/articles/{id}", "Replace an article (shop leads and admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			ID   int64  `path:"id"`
			Body ArticleInBody
		}) (*struct{ Body ArticleBody }, error) {
			a, err := save(ctx, in.Shop, in.ID, in.Body)
			if err != nil {
				return nil, err
			}
			return &struct{ Body ArticleBody }{Body: *a}, nil
		})
	huma.Register(s.api, op("delete-article", http.MethodDelete, "/api/v1/shops/{shop}/help/articles/{id}", "Delete an article (shop leads and admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			ID   int64  `path:"id"`
		}) (*struct{}, error) {
			return nil, s.fail(ctx, s.svc.DeleteArticle(ctx, in.Shop, in.ID))
		})
	huma.Register(s.api, op("assess", http.MethodPost, "/api/v1/shops/{shop}/assess", "Judge a scenario against the shop's terms and the customer's consumer law, storing nothing (the assess batch contract's scenario and decision)", []string{"Policy"}),
		func(ctx context.Context, in *struct {
			Shop    string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			RawBody []byte `contentType:"application/json"`
		}) (*struct{ Body json.RawMessage }, error) {
			var sc policy.Scenario
			if err := json.Unmarshal(in.RawBody, &sc); err != nil {
				return nil, s.fail(ctx, claimdesk.Errorf(claimdesk.CodeInvalid, "the body is not a scenario: %v", err))
			}
			d, err := s.svc.PreCheck(ctx, in.Shop, &sc)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			b, err := json.Marshal(d)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body json.RawMessage }{Body: b}, nil
		})
}
