package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

type articleStore struct{ c *conn }

const (
	articleColumns   = `id, shop_id, slug, title, body, lang, source, position, created_at, updated_at`
	sqlInsertArticle = `INSERT INTO articles (shop_id, slug, title, body, lang, source, position, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateArticle = `UPDATE articles SET slug = ?, title = ?, body = ?, lang = ?, source = ?, position = ?,
	updated_at = ? WHERE id = ? AND COALESCE(shop_id, '') = ? RETURNING created_at`
	sqlDeleteArticle   = `DELETE FROM articles WHERE id = ? AND COALESCE(shop_id, '') = ?`
	sqlFindArticle     = `SELECT ` + articleColumns + ` FROM articles WHERE id = ? AND COALESCE(shop_id, '') = ?`
	sqlListArticles    = `SELECT ` + articleColumns + ` FROM articles WHERE shop_id = ? ORDER BY position, id`
	sqlListAllArticles = `SELECT ` + articleColumns + ` FROM articles ORDER BY shop_id, position, id`
	sqlBumpCounter     = `INSERT INTO counters (name, value) VALUES (?, 1)
	ON CONFLICT (name) DO UPDATE SET value = counters.value + 1`
	sqlArticlesVersion = `SELECT (SELECT COUNT(*) FROM articles), COALESCE((SELECT value FROM counters WHERE name = 'articles'), 0)`
)

// bumpArticles records that the articles changed, so ArticlesVersion does.
func bumpArticles(ctx context.Context, r run) error {
	_, err := r.exec(ctx, sqlBumpCounter, "articles")
	return mapErr(err, "articles version")
}

// CreateArticle stores an article. Returns conflict on a duplicate slug in
// the shop. An article with ShopID "" belongs to no shop.
func (s articleStore) CreateArticle(ctx context.Context, a *claimdesk.Article) error {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now()
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = a.CreatedAt
	}
	a.CreatedAt, a.UpdatedAt = normTime(a.CreatedAt), normTime(a.UpdatedAt)
	return s.c.inTx(ctx, func(r run) error {
		if err := r.row(ctx, sqlInsertArticle, strVal(a.ShopID), a.Slug, a.Title, a.Body, string(a.Lang), a.Source,
			a.Position, r.d.ts(a.CreatedAt), r.d.ts(a.UpdatedAt)).Scan(&a.ID); err != nil {
			return mapErr(err, "article "+a.Slug)
		}
		return bumpArticles(ctx, r)
	})
}

// UpdateArticle replaces an article. Returns not_found.
func (s articleStore) UpdateArticle(ctx context.Context, a *claimdesk.Article) error {
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = time.Now()
	}
	a.UpdatedAt = normTime(a.UpdatedAt)
	return s.c.inTx(ctx, func(r run) error {
		err := r.row(ctx, sqlUpdateArticle, a.Slug, a.Title, a.Body, string(a.Lang), a.Source, a.Position,
			r.d.ts(a.UpdatedAt), a.ID, a.ShopID).Scan(timeCol{&a.CreatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return claimdesk.NotFound("article", a.ID)
		}
		if err != nil {
			return mapErr(err, "article "+a.Slug)
		}
		return bumpArticles(ctx, r)
	})
}

// DeleteArticle removes an article. Returns not_found.
func (s articleStore) DeleteArticle(ctx context.Context, shopID string, id int64) error {
	return s.c.inTx(ctx, func(r run) error {
		n, err := r.affected(ctx, sqlDeleteArticle, id, shopID)
		if err != nil {
			return mapErr(err, "article")
		}
		if n == 0 {
			return claimdesk.NotFound("article", id)
		}
		return bumpArticles(ctx, r)
	})
}

// FindArticle returns an article. Returns not_found.
func (s articleStore) FindArticle(ctx context.Context, shopID string, id int64) (*claimdesk.Article, error) {
	a, err := scanArticle(s.c.r().row(ctx, sqlFindArticle, id, shopID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, claimdesk.NotFound("article", id)
	}
	if err != nil {
		return nil, mapErr(err, "article")
	}
	return a, nil
}

// ListArticles lists a shop's articles (every shop's for "") by position.
func (s articleStore) ListArticles(ctx context.Context, shopID string) ([]*claimdesk.Article, error) {
	var rows *sql.Rows
	var err error
	if shopID == "" {
		rows, err = s.c.r().query(ctx, sqlListAllArticles)
	} else {
		rows, err = s.c.r().query(ctx, sqlListArticles, shopID)
	}
	if err != nil {
		return nil, mapErr(err, "articles")
	}
	defer rows.Close()
	out := []*claimdesk.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, mapErr(err, "articles")
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err(), "articles")
}

// ArticlesVersion returns a value that changes whenever any article is
// created, updated or deleted: the article count and a change counter.
func (s articleStore) ArticlesVersion(ctx context.Context) (string, error) {
	var count, changes int64
	if err := s.c.r().row(ctx, sqlArticlesVersion).Scan(&count, &changes); err != nil {
		return "", mapErr(err, "articles version")
	}
	return fmt.Sprintf("%d.%d", count, changes), nil
}

func scanArticle(r scanner) (*claimdesk.Article, error) {
	var a claimdesk.Article
	var lang string
	if err := r.Scan(&a.ID, strCol{&a.ShopID}, &a.Slug, &a.Title, &a.Body, &lang, &a.Source, &a.Position,
		timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt}); err != nil {
		return nil, err
	}
	a.Lang = claimdesk.Lang(lang)
	return &a, nil
}
