package casework

import (
	"context"
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

// retentionMonths is how long a shop keeps an inactive customer account:
// its terms' period (Dustin: "En konto slettes automatisk etter tre års
// inaktivitet"), else the shop's setting, else 24 months (law.md § 7: the
// Danish DPA's example and the usual Nordic default).
func (s *Service) retentionMonths(shop *claimdesk.Shop) int {
	if t := s.termsOf(shop); t != nil && t.Retention != nil && t.Retention.InactiveAccountMonths > 0 {
		return t.Retention.InactiveAccountMonths
	}
	if shop.RetentionYears > 0 {
		return shop.RetentionYears * 12
	}
	return 24
}

// retentionSweep anonymises the customer accounts that have been inactive
// longer than their shop keeps them and have no open case. Orders and
// invoices stay, as bookkeeping law requires (NO bokføringsloven § 13:
// 5 years; SE bokföringslagen 7 kap.: 7 years; DK bogføringsloven § 10:
// 5 years); the person's name, contact details, address book and logins go.
func (s *Service) retentionSweep(ctx context.Context, tx claimdesk.Stores, _ *claimdesk.Job) error {
	shops, err := tx.Shops.ListShops(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	for _, shop := range shops {
		cutoff := now.AddDate(0, -s.retentionMonths(shop), 0)
		if err := s.anonymiseInactive(ctx, tx, shop, cutoff, now); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) anonymiseInactive(ctx context.Context, tx claimdesk.Stores, shop *claimdesk.Shop, cutoff, now time.Time) error {
	var after int64
	for {
		list, next, err := tx.Customers.FindCustomers(ctx, claimdesk.CustomerFilter{ShopID: shop.ID, InactiveBefore: cutoff, After: after, Limit: 200})
		if err != nil {
			return err
		}
		for _, c := range list {
			open, err := tx.Cases.CountCases(ctx, claimdesk.CaseFilter{ShopIDs: []string{shop.ID}, CustomerIDs: []int64{c.ID},
				Statuses: []claimdesk.Status{claimdesk.StatusOpen, claimdesk.StatusWaiting}})
			if err != nil {
				return err
			}
			if open > 0 {
				continue // never while a case is open
			}
			if err := anonymise(ctx, tx, c, now); err != nil {
				return err
			}
			s.log.Info("retention: customer anonymised", "shop", shop.ID, "customer", c.ID)
		}
		if next == 0 {
			return nil
		}
		after = next
	}
}

// anonymise removes a customer's personal data and disables their logins.
func anonymise(ctx context.Context, tx claimdesk.Stores, c *claimdesk.Customer, now time.Time) error {
	users, err := tx.Users.FindUsersByCustomer(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, u := range users {
		u.Email = fmt.Sprintf("deleted-%d@anonymised.invalid", u.ID)
		u.Name, u.Phone, u.PasswordHash, u.DisabledAt = "", "", "", &now
		if err := tx.Users.UpdateUser(ctx, u); err != nil {
			return err
		}
		if err := tx.Sessions.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
	}
	if c.Kind == claimdesk.Consumer {
		c.Name = "—"
	}
	c.Email, c.Phone, c.Addresses = "", "", nil
	c.AnonymizedAt, c.UpdatedAt = &now, now
	return tx.Customers.UpdateCustomer(ctx, c)
}
