package claimdesk

import (
	"context"
	"time"
)

// ShopTerms is a terms file a shop's admin uploaded: the TOML source as
// sent, under the version it declares. At most one version per shop is
// active; the policy engine judges that shop's new cases by it, and falls
// back to the terms shipped in the binary (Shop.TermsID) when none is.
// Uploaded versions are never changed, so a case's TermsVersion always
// names the rules it was decided on.
type ShopTerms struct {
	ShopID      string     `json:"shop_id"`
	Version     string     `json:"version"`
	TermsID     string     `json:"terms_id"` // the id the file declares
	Source      string     `json:"-"`        // the TOML file
	UploadedBy  int64      `json:"uploaded_by,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	Active      bool       `json:"active"`
	ActivatedAt *time.Time `json:"activated_at,omitempty"`
}

// ShopTermsStore stores uploaded terms.
type ShopTermsStore interface {
	// CreateShopTerms stores an inactive upload. Returns conflict if the
	// shop already has that version, invalid for an unknown shop.
	CreateShopTerms(ctx context.Context, t *ShopTerms) error
	// FindShopTerms returns one version of a shop's terms. Returns not_found.
	FindShopTerms(ctx context.Context, shopID, version string) (*ShopTerms, error)
	// ListShopTerms lists a shop's uploads, newest first.
	ListShopTerms(ctx context.Context, shopID string) ([]*ShopTerms, error)
	// ActivateShopTerms makes one version the shop's active terms and every
	// other version inactive. Returns not_found.
	ActivateShopTerms(ctx context.Context, shopID, version string, at time.Time) error
	// ActiveShopTerms lists every shop's active terms, ordered by shop.
	ActiveShopTerms(ctx context.Context) ([]*ShopTerms, error)
	// ShopTermsVersion returns a value that changes whenever any shop's
	// active terms change, so each instance can keep its parsed terms until then.
	ShopTermsVersion(ctx context.Context) (string, error)
}
