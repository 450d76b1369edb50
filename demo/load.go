package demo

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk"
)

// loadedSetting marks a database that has its demo; it is set in the same
// transaction that loads the demo, under an instance-wide lock, so several
// instances starting at once on one database load it exactly once.
const loadedSetting = "demo_loaded_at"

// Login is a demo login with its password, printed once at first start.
type Login struct {
	Shop     string
	Kind     string // agent or customer
	Role     string
	Name     string
	Email    string
	Password string
}

// Options are what loading needs from outside the package.
type Options struct {
	Now          time.Time
	HashPassword func(string) (string, error)
	NewPassword  func() string
	// Articles are the shops' help-center articles, made from the seeds.
	Articles []claimdesk.Article
}

// Load loads the demo shops into db unless it has them already. It returns
// the new logins (nil when the demo was there before).
func Load(ctx context.Context, db claimdesk.DB, o Options) ([]Login, error) {
	if _, err := db.Stores().Meta.Setting(ctx, loadedSetting); err == nil {
		return nil, nil
	} else if !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
		return nil, err
	}
	logins, hashes, err := makeLogins(o)
	if err != nil {
		return nil, err
	}
	loaded := false
	err = db.WithTx(ctx, func(tx claimdesk.Stores) error {
		if err := tx.Meta.Lock(ctx, "demo"); err != nil {
			return err
		}
		if _, err := tx.Meta.Setting(ctx, loadedSetting); err == nil {
			return nil // another instance was first
		}
		if err := loadAll(ctx, tx, o, hashes); err != nil {
			return err
		}
		loaded = true
		return tx.Meta.SetSetting(ctx, loadedSetting, o.Now.UTC().Format(time.RFC3339))
	})
	if err != nil || !loaded {
		return nil, err
	}
	return logins, nil
}

// makeLogins gives every demo person a random password and hashes them two
// at a time (argon2id is deliberately slow).
func makeLogins(o Options) ([]Login, map[string]string, error) {
	var logins []Login
	for shop, people := range Agents() {
		for _, p := range people {
			logins = append(logins, Login{Shop: shop, Kind: "agent", Role: p.Role, Name: p.Name, Email: p.Email})
		}
	}
	for _, c := range Customers() {
		for _, p := range c.Users {
			logins = append(logins, Login{Shop: c.Shop, Kind: "customer", Role: p.Role, Name: p.Name, Email: p.Email})
		}
	}
	sort.Slice(logins, func(i, j int) bool {
		if logins[i].Shop != logins[j].Shop {
			return logins[i].Shop < logins[j].Shop
		}
		if logins[i].Kind != logins[j].Kind {
			return logins[i].Kind < logins[j].Kind
		}
		return logins[i].Email < logins[j].Email
	})
	hashes := make(map[string]string, len(logins))
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range logins {
		logins[i].Password = o.NewPassword()
		wg.Add(1)
		sem <- struct{}{}
		go func(l Login) {
			defer func() { <-sem; wg.Done() }()
			h, err := o.HashPassword(l.Password)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			hashes[l.Shop+"|"+l.Email] = h
		}(logins[i])
	}
	wg.Wait()
	return logins, hashes, firstErr
}

func loadAll(ctx context.Context, tx claimdesk.Stores, o Options, hashes map[string]string) error {
	now := o.Now.UTC()
	shops := Shops()
	for _, s := range shops {
		s.CreatedAt, s.UpdatedAt = now, now
		if err := tx.Shops.CreateShop(ctx, s); err != nil {
			return err
		}
	}
	if err := loadAgents(ctx, tx, now, hashes); err != nil {
		return err
	}
	customers := map[string]*claimdesk.Customer{}
	users := map[string]int64{}
	for _, dc := range Customers() {
		c := dc.Customer
		c.ShopID, c.CreatedAt, c.UpdatedAt, c.LastActiveAt = dc.Shop, now, now, now
		if err := tx.Customers.CreateCustomer(ctx, &c); err != nil {
			return err
		}
		customers[dc.Shop+"|"+c.ExternalID] = &c
		for _, p := range dc.Users {
			u := &claimdesk.User{Kind: claimdesk.CustomerUser, ShopID: dc.Shop, Email: p.Email, Name: p.Name, Lang: c.Lang,
				PasswordHash: hashes[dc.Shop+"|"+p.Email], CustomerID: c.ID, CompanyRole: claimdesk.CompanyRole(p.Role), CreatedAt: now}
			if err := tx.Users.CreateUser(ctx, u); err != nil {
				return err
			}
			users[dc.Shop+"|"+p.Email] = u.ID
		}
	}
	for _, s := range shops {
		for _, p := range Orders(s, now) {
			c := customers[s.ID+"|"+p.Customer]
			o := p.Order
			o.CustomerID, o.UserID, o.Country, o.CreatedAt, o.UpdatedAt = c.ID, users[s.ID+"|"+p.Buyer], c.Country, now, now
			if m, ok := s.Market(c.Country); ok {
				o.Currency, o.Lang = m.Currency, m.Lang
			}
			o.BillingAddress, o.DeliveryAddress = c.Addresses[0].Address, c.Addresses[len(c.Addresses)-1].Address
			if _, err := tx.Orders.UpsertOrder(ctx, &o); err != nil {
				return err
			}
		}
	}
	for i := range o.Articles {
		a := o.Articles[i]
		a.CreatedAt, a.UpdatedAt = now, now
		if err := tx.Articles.CreateArticle(ctx, &a); err != nil {
			return err
		}
	}
	return nil
}

func loadAgents(ctx context.Context, tx claimdesk.Stores, now time.Time, hashes map[string]string) error {
	for shop, people := range Agents() {
		for _, p := range people {
			u := &claimdesk.User{Kind: claimdesk.AgentUser, Email: p.Email, Name: p.Name, PasswordHash: hashes[shop+"|"+p.Email],
				Memberships: []claimdesk.Membership{{ShopID: shop, Role: claimdesk.AgentRole(p.Role)}}, CreatedAt: now}
			if err := tx.Users.CreateUser(ctx, u); err != nil {
				return err
			}
		}
	}
	return nil
}
