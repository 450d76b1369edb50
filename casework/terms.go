package casework

import (
	"context"
	"errors"
	"sync"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/policy"
)

// MaxTermsSize is the largest terms file a shop admin may upload.
const MaxTermsSize = 128 << 10

// termsCache holds each instance's parsed copy of every shop's active
// uploaded terms. It reloads when the database's terms version moves on
// (one cheap query per lookup), so an activation on one instance governs
// the next decision on every instance.
type termsCache struct {
	mu      sync.RWMutex
	loaded  bool
	version string
	byShop  map[string]*policy.Terms
}

// uploadedTerms returns the shop's active uploaded terms, or nil when it
// runs on the terms shipped in the binary.
func (s *Service) uploadedTerms(ctx context.Context, shopID string) (*policy.Terms, error) {
	st := s.stores().Terms
	v, err := st.ShopTermsVersion(ctx)
	if err != nil {
		return nil, err
	}
	c := s.shopTerms
	c.mu.RLock()
	if c.loaded && c.version == v {
		t := c.byShop[shopID]
		c.mu.RUnlock()
		return t, nil
	}
	c.mu.RUnlock()
	list, err := st.ActiveShopTerms(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]*policy.Terms, len(list))
	for _, x := range list {
		t, err := policy.LoadTermsFile(x.ShopID+"@"+x.Version+".toml", []byte(x.Source))
		if err != nil {
			// Checked when activated; a newer binary may read it otherwise.
			s.log.Error("stored terms do not load: the shipped terms apply", "shop", x.ShopID, "version", x.Version, "err", err)
			continue
		}
		m[x.ShopID] = t
	}
	c.mu.Lock()
	c.loaded, c.version, c.byShop = true, v, m
	c.mu.Unlock()
	return m[shopID], nil
}

// TermsFor returns the terms a shop's new cases are judged by: its active
// uploaded terms, else the shipped terms named by its TermsID (or its id);
// nil when the service has no policy engine or knows neither.
func (s *Service) TermsFor(ctx context.Context, shop *claimdesk.Shop) *policy.Terms {
	t, err := s.uploadedTerms(ctx, shop.ID)
	if err != nil {
		s.log.Warn("uploaded terms unavailable: the shipped terms apply", "shop", shop.ID, "err", err)
	}
	if t != nil {
		return t
	}
	pa, ok := s.assessor.(PolicyAssessor)
	if !ok {
		return nil
	}
	return pa.Engine.Terms(shippedTermsID(shop))
}

func shippedTermsID(shop *claimdesk.Shop) string {
	if shop.TermsID != "" {
		return shop.TermsID
	}
	return shop.ID
}

// TermsInfo says which terms a shop runs on and lists its uploads.
type TermsInfo struct {
	Terms    *policy.Terms        // nil when the shop has none the engine knows
	Active   *claimdesk.ShopTerms // the active upload; nil: the shipped terms
	Uploads  []*claimdesk.ShopTerms
	Findings []policy.Finding // the linter on the running terms, today
}

// ShopTermsInfo returns the shop's terms, uploads and the linter's report
// on the running terms; shop admins only.
func (s *Service) ShopTermsInfo(ctx context.Context, shopID string) (*TermsInfo, error) {
	shop, err := s.AdminShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	in := &TermsInfo{Terms: s.TermsFor(ctx, shop)}
	if in.Uploads, err = s.stores().Terms.ListShopTerms(ctx, shopID); err != nil {
		return nil, err
	}
	for _, u := range in.Uploads {
		if u.Active {
			in.Active = u
		}
	}
	if in.Terms != nil {
		in.Findings = policy.Lint(in.Terms, s.today(shop).Time(shop.Location()))
	}
	return in, nil
}

// TermsSource returns the TOML file of the terms a shop runs on, for
// download; shop admins only.
func (s *Service) TermsSource(ctx context.Context, shopID string) (name string, data []byte, err error) {
	info, err := s.ShopTermsInfo(ctx, shopID)
	if err != nil {
		return "", nil, err
	}
	if info.Active != nil {
		return info.Active.Version + ".toml", []byte(info.Active.Source), nil
	}
	if data, ok := policy.EmbeddedSource(info.Terms); ok {
		return info.Terms.Version + ".toml", data, nil
	}
	return "", nil, claimdesk.NotFound("terms of shop", shopID)
}

// TermsCheck is the report on an uploaded terms file: the load error if it
// cannot be read, else the linter's findings. Errors block the upload;
// otherwise it is stored, inactive, ready to be activated.
type TermsCheck struct {
	Terms     *policy.Terms
	LoadError *policy.TermsError
	Findings  []policy.Finding
	// VersionTaken: the shop already has (or runs on) terms of this version;
	// a changed file needs a new version, since cases name the version.
	VersionTaken bool
	Blocked      bool
	Saved        *claimdesk.ShopTerms
}

// UploadTerms parses and lints a terms file, as `claimdesk terms lint`
// does, and stores it as an inactive upload unless it is blocked; shop
// admins only. A file that cannot be judged is a report, not an error.
func (s *Service) UploadTerms(ctx context.Context, shopID, name string, data []byte) (*TermsCheck, error) {
	shop, err := s.AdminShop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	var v claimdesk.Validation
	v.Check(len(data) > 0, "file", "required", "choose a terms file")
	v.Check(len(data) <= MaxTermsSize, "file", "too_large", "a terms file is at most %d KiB", MaxTermsSize>>10)
	if err := v.Err(); err != nil {
		return nil, err
	}
	chk := s.checkTerms(ctx, shop, name, data)
	if chk.Blocked {
		return chk, nil
	}
	up := &claimdesk.ShopTerms{ShopID: shop.ID, Version: chk.Terms.Version, TermsID: chk.Terms.ID, Source: string(data),
		UploadedBy: claimdesk.ActorFrom(ctx).UserID, CreatedAt: s.now()}
	err = s.stores().Terms.CreateShopTerms(ctx, up)
	if claimdesk.IsCode(err, claimdesk.CodeConflict) {
		chk.VersionTaken, chk.Blocked = true, true
		return chk, nil
	}
	if err != nil {
		return nil, err
	}
	chk.Saved = up
	return chk, nil
}

// checkTerms loads and lints a terms file against the law in force in the
// shop's today.
func (s *Service) checkTerms(ctx context.Context, shop *claimdesk.Shop, name string, data []byte) *TermsCheck {
	chk := &TermsCheck{}
	t, err := policy.LoadTermsFile(name, data)
	if err != nil {
		var te *policy.TermsError
		if !errors.As(err, &te) {
			te = &policy.TermsError{File: name, Msg: err.Error()}
		}
		chk.LoadError, chk.Blocked = te, true
		return chk
	}
	chk.Terms = t
	chk.Findings = policy.Lint(t, s.today(shop).Time(shop.Location()))
	chk.Blocked = lintErrors(chk.Findings)
	if cur := s.TermsFor(ctx, shop); cur != nil && cur.Version == t.Version {
		chk.VersionTaken, chk.Blocked = true, true
	}
	return chk
}

// ActivateTerms makes an uploaded version the shop's terms for new
// decisions from now on, on every instance; shop admins only. The file is
// linted again (the law may have moved since the upload): errors refuse it.
func (s *Service) ActivateTerms(ctx context.Context, shopID, version string) error {
	shop, err := s.AdminShop(ctx, shopID)
	if err != nil {
		return err
	}
	up, err := s.stores().Terms.FindShopTerms(ctx, shopID, version)
	if err != nil {
		return err
	}
	if up.Active {
		return nil
	}
	if chk := s.checkTerms(ctx, shop, version+".toml", []byte(up.Source)); chk.LoadError != nil || lintErrors(chk.Findings) {
		return claimdesk.Errorf(claimdesk.CodeConflict, "terms version %s no longer passes the linter", version)
	}
	return s.stores().Terms.ActivateShopTerms(ctx, shopID, version, s.now())
}

// lintErrors reports whether the linter found an error, which blocks terms.
func lintErrors(fs []policy.Finding) bool {
	for _, f := range fs {
		if f.Severity == policy.SeverityError {
			return true
		}
	}
	return false
}
