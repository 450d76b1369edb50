package casework

import (
	"context"
	"sort"
	"strings"

	"github.com/claimdesk/claimdesk"
)

// ListAgents lists a shop's agents by name; shop admins only.
func (s *Service) ListAgents(ctx context.Context, shopID string) ([]*claimdesk.User, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	if _, err := s.stores().Shops.FindShop(ctx, shopID); err != nil {
		return nil, err
	}
	list, err := s.stores().Users.FindAgents(ctx, shopID)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, k int) bool { return strings.ToLower(list[i].Name) < strings.ToLower(list[k].Name) })
	return list, nil
}

// AgentInput adds an agent to a shop: an agent who already works for
// another shop is found by email and gets a membership (Name and Password
// are then ignored); anyone else becomes a new agent with a first password.
type AgentInput struct {
	Email    string
	Name     string
	Password string
	Role     claimdesk.AgentRole
}

// AddAgent gives someone a role in a shop; shop admins only. It reports
// whether a new login was made. Returns conflict if they already work there.
func (s *Service) AddAgent(ctx context.Context, shopID string, in AgentInput) (*claimdesk.User, bool, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, false, err
	}
	var v claimdesk.Validation
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	v.Check(strings.Contains(in.Email, "@"), "email", "invalid", "%q is not an email address", in.Email)
	v.Check(claimdesk.ValidAgentRole(in.Role), "role", "invalid", "role %q is not agent, lead, admin or ombudsman", in.Role)
	if err := v.Err(); err != nil {
		return nil, false, err
	}
	if _, err := s.stores().Shops.FindShop(ctx, shopID); err != nil {
		return nil, false, err
	}
	var added *claimdesk.User
	err := s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		u, err := tx.Users.FindUserByEmail(ctx, claimdesk.AgentUser, "", in.Email)
		if claimdesk.IsCode(err, claimdesk.CodeNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if u.RoleIn(shopID) != "" {
			return fieldConflict("email", "already_member", "%s already works for shop %s", in.Email, shopID)
		}
		u.Memberships = append(u.Memberships, claimdesk.Membership{ShopID: shopID, Role: in.Role})
		added = u
		return tx.Users.UpdateUser(ctx, u)
	})
	if err != nil || added != nil {
		return added, false, err
	}
	u, err := s.CreateUser(ctx, UserInput{Kind: claimdesk.AgentUser, Email: in.Email, Name: strings.TrimSpace(in.Name), Password: in.Password,
		Memberships: []claimdesk.Membership{{ShopID: shopID, Role: in.Role}}})
	return u, err == nil, err
}

// SetAgentRole changes an agent's role in a shop; shop admins only. A shop
// keeps at least one admin, and an admin cannot demote themselves.
func (s *Service) SetAgentRole(ctx context.Context, shopID string, userID int64, role claimdesk.AgentRole) (*claimdesk.User, error) {
	if !claimdesk.ValidAgentRole(role) {
		var v claimdesk.Validation
		v.Add("role", "invalid", "role %q is not agent, lead, admin or ombudsman", role)
		return nil, v.Err()
	}
	return s.changeMembership(ctx, shopID, userID, func(u *claimdesk.User, i int) error {
		if u.Memberships[i].Role == claimdesk.RoleAdmin && role != claimdesk.RoleAdmin {
			if claimdesk.ActorFrom(ctx).UserID == u.ID {
				return fieldConflict("role", "self_demote", "you cannot take away your own admin role")
			}
		}
		u.Memberships[i].Role = role
		return nil
	})
}

// RemoveAgent takes an agent off a shop (their login and other shops stay);
// shop admins only. Nobody removes themselves, nor the shop's last admin.
func (s *Service) RemoveAgent(ctx context.Context, shopID string, userID int64) error {
	_, err := s.changeMembership(ctx, shopID, userID, func(u *claimdesk.User, i int) error {
		if claimdesk.ActorFrom(ctx).UserID == u.ID {
			return fieldConflict("", "self_remove", "you cannot remove yourself from the shop")
		}
		u.Memberships = append(u.Memberships[:i], u.Memberships[i+1:]...)
		return nil
	})
	return err
}

// changeMembership applies change to an agent's membership of the shop in
// one transaction, under a per-shop lock so that two admins demoting each
// other at once cannot leave the shop without one.
func (s *Service) changeMembership(ctx context.Context, shopID string, userID int64, change func(u *claimdesk.User, i int) error) (*claimdesk.User, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	var out *claimdesk.User
	err := s.db.WithTx(ctx, func(tx claimdesk.Stores) error {
		if err := tx.Meta.Lock(ctx, "shop-agents:"+shopID); err != nil {
			return err
		}
		u, err := tx.Users.FindUser(ctx, userID)
		if err != nil || u.Kind != claimdesk.AgentUser || u.RoleIn(shopID) == "" {
			return hidden("agent", userID)
		}
		i := membershipIndex(u, shopID)
		if err := change(u, i); err != nil {
			return err
		}
		if err := s.keepsAnAdmin(ctx, tx, shopID, u); err != nil {
			return err
		}
		out = u
		return tx.Users.UpdateUser(ctx, u)
	})
	return out, err
}

func membershipIndex(u *claimdesk.User, shopID string) int {
	for i, m := range u.Memberships {
		if m.ShopID == shopID {
			return i
		}
	}
	return -1
}

// keepsAnAdmin checks that the shop still has an admin once changed is saved.
func (s *Service) keepsAnAdmin(ctx context.Context, tx claimdesk.Stores, shopID string, changed *claimdesk.User) error {
	if changed.RoleIn(shopID) == claimdesk.RoleAdmin {
		return nil
	}
	list, err := tx.Users.FindAgents(ctx, shopID)
	if err != nil {
		return err
	}
	for _, u := range list {
		if u.ID != changed.ID && u.RoleIn(shopID) == claimdesk.RoleAdmin {
			return nil
		}
	}
	return fieldConflict("role", "last_shop_admin", "shop %s needs at least one admin", shopID)
}

// fieldConflict is a conflict that belongs to one input field, so a form
// can show it there (its code doubles as the translation key).
func fieldConflict(field, code, format string, args ...any) error {
	e := claimdesk.Errorf(claimdesk.CodeConflict, format, args...)
	e.Fields = []claimdesk.FieldError{{Field: field, Code: code, Message: e.Message}}
	return e
}

// AdminShop returns a shop with all its settings to the shop's admins, for
// the pages that change them; anyone else is forbidden.
func (s *Service) AdminShop(ctx context.Context, shopID string) (*claimdesk.Shop, error) {
	if err := requireShopAdmin(ctx, shopID); err != nil {
		return nil, err
	}
	return s.stores().Shops.FindShop(ctx, shopID)
}
