package claimdesk

import (
	"context"
	"time"
)

// SavedView is a queue filter an agent saved under a name: private, or
// shared with the agents of the shop the filter names.
type SavedView struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"user_id"` // the agent who saved it
	Name      string    `json:"name"`
	Shared    bool      `json:"shared"`
	Shop      string    `json:"shop"` // the filter's shop ("" all); a shared view needs one
	Kind      string    `json:"kind"`
	Status    string    `json:"status"`
	Queue     string    `json:"queue"`
	Query     string    `json:"q"`
	Sort      string    `json:"sort"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SavedViewStore stores saved views.
type SavedViewStore interface {
	// CreateSavedView stores a view. Returns conflict when the agent has a
	// view of that name already.
	CreateSavedView(ctx context.Context, v *SavedView) error
	// UpdateSavedView replaces a view's name, sharing and filter. Returns
	// not_found, or conflict on a name the agent uses already.
	UpdateSavedView(ctx context.Context, v *SavedView) error
	// DeleteSavedView removes a view. Returns not_found.
	DeleteSavedView(ctx context.Context, id int64) error
	// FindSavedView returns a view. Returns not_found.
	FindSavedView(ctx context.Context, id int64) (*SavedView, error)
	// ListSavedViews lists the agent's own views and the views shared in
	// the shops, by name.
	ListSavedViews(ctx context.Context, userID int64, shops []string) ([]*SavedView, error)
}

// Macro is a saved reply of a shop: a title, a body per language with
// {placeholders}, and optionally an action it applies to the case.
type Macro struct {
	ID        int64           `json:"id"`
	ShopID    string          `json:"shop_id"`
	Title     string          `json:"title"`
	Bodies    map[Lang]string `json:"bodies"`
	Action    string          `json:"action,omitempty"` // "" or wait_customer
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// MacroStore stores macros.
type MacroStore interface {
	// CreateMacro stores a macro. Returns conflict on a title the shop uses already.
	CreateMacro(ctx context.Context, m *Macro) error
	// UpdateMacro replaces one of a shop's macros. Returns not_found or conflict.
	UpdateMacro(ctx context.Context, m *Macro) error
	// DeleteMacro removes one of a shop's macros. Returns not_found.
	DeleteMacro(ctx context.Context, shopID string, id int64) error
	// FindMacro returns one of a shop's macros. Returns not_found.
	FindMacro(ctx context.Context, shopID string, id int64) (*Macro, error)
	// ListMacros lists a shop's macros by title.
	ListMacros(ctx context.Context, shopID string) ([]*Macro, error)
}

// CSATAnswer is a customer's answer to the satisfaction survey of a closed
// case: a rating from 1 to 5 and a comment. One per case.
type CSATAnswer struct {
	CaseID    int64     `json:"case_id"`
	ShopID    string    `json:"shop_id"`
	Rating    int       `json:"rating"`
	Comment   string    `json:"comment"`
	CreatedAt time.Time `json:"created_at"` // the first answer
	UpdatedAt time.Time `json:"updated_at"` // the last change
}

// CSATSummary sums up the answers of a shop over a period.
type CSATSummary struct {
	Count        int     `json:"count"`
	Average      float64 `json:"average"`      // 0 without answers
	Distribution [5]int  `json:"distribution"` // answers per rating, 1 to 5
}

// CSATStore stores survey answers.
type CSATStore interface {
	// SaveCSATAnswer stores the answer of a case, replacing an earlier one
	// (keeping its CreatedAt).
	SaveCSATAnswer(ctx context.Context, a *CSATAnswer) error
	// FindCSATAnswer returns the answer of a case. Returns not_found.
	FindCSATAnswer(ctx context.Context, caseID int64) (*CSATAnswer, error)
	// SummarizeCSAT sums up a shop's answers first given in [from, to).
	SummarizeCSAT(ctx context.Context, shopID string, from, to time.Time) (CSATSummary, error)
}
