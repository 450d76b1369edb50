package casework

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk"
)

// SaveViewInput is a queue filter to save under a name.
type SaveViewInput struct {
	Name   string
	Shared bool // with the agents of Shop
	Shop   string
	Kind   string
	Status string
	Queue  string
	Query  string
	Sort   string
}

// requireAgent checks that a signed-in agent asks.
func requireAgent(ctx context.Context) (claimdesk.Actor, error) {
	a := claimdesk.ActorFrom(ctx)
	switch a.Kind {
	case claimdesk.ActorAgent:
		return a, nil
	case claimdesk.ActorAnonymous:
		return a, unauthenticated()
	}
	return a, forbidden()
}

// leads reports whether the actor leads or administers the shop.
func leads(a claimdesk.Actor, shopID string) bool {
	r := a.AgentRoleIn(shopID)
	return a.Kind == claimdesk.ActorSystem || r == claimdesk.RoleLead || r == claimdesk.RoleAdmin
}

func checkViewName(v *claimdesk.Validation, name string) {
	v.Check(name != "", "name", "required", "a view needs a name")
	v.Check(utf8.RuneCountInString(name) <= 80, "name", "too_long", "a view's name has at most 80 characters")
}

// SaveView saves the agent's current queue filter under a name, private or
// shared with the agents of the filter's shop (a shared view needs one).
// Agents only, and only for shops they work for.
func (s *Service) SaveView(ctx context.Context, in SaveViewInput) (*claimdesk.SavedView, error) {
	a, err := requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	in.Name = strings.TrimSpace(in.Name)
	var v claimdesk.Validation
	checkViewName(&v, in.Name)
	v.Check(!in.Shared || in.Shop != "", "shared", "needs_shop", "a shared view must name one shop")
	v.Check(utf8.RuneCountInString(in.Query) <= 200, "q", "too_long", "the search is too long")
	if err := v.Err(); err != nil {
		return nil, err
	}
	if in.Shop != "" && !a.Staff(in.Shop) {
		return nil, forbidden()
	}
	now := s.now()
	sv := &claimdesk.SavedView{UserID: a.UserID, Name: in.Name, Shared: in.Shared, Shop: in.Shop, Kind: in.Kind, Status: in.Status,
		Queue: in.Queue, Query: in.Query, Sort: in.Sort, CreatedAt: now, UpdatedAt: now}
	if err := s.stores().SavedViews.CreateSavedView(ctx, sv); err != nil {
		return nil, nameTaken(err)
	}
	return sv, nil
}

// nameTaken turns a conflict into an error on the field "name".
func nameTaken(err error) error {
	if claimdesk.IsCode(err, claimdesk.CodeConflict) {
		return fieldErr("name", "taken", "the name is taken")
	}
	return err
}

// ListViews lists the agent's own views and those shared in their shops.
func (s *Service) ListViews(ctx context.Context) ([]*claimdesk.SavedView, error) {
	a, err := requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	shops := make([]string, 0, len(a.Memberships))
	for _, m := range a.Memberships {
		shops = append(shops, m.ShopID)
	}
	return s.stores().SavedViews.ListSavedViews(ctx, a.UserID, shops)
}

// view loads a view the agent may see: their own, or one shared in a shop
// they work for; any other is not_found.
func (s *Service) view(ctx context.Context, id int64) (claimdesk.Actor, *claimdesk.SavedView, error) {
	a, err := requireAgent(ctx)
	if err != nil {
		return a, nil, err
	}
	v, err := s.stores().SavedViews.FindSavedView(ctx, id)
	if err != nil {
		return a, nil, err
	}
	if v.UserID != a.UserID && !(v.Shared && a.Staff(v.Shop)) {
		return a, nil, hidden("saved view", id)
	}
	return a, v, nil
}

// RenameView renames one of the agent's own views and sets whether it is
// shared. Another agent's view is forbidden.
func (s *Service) RenameView(ctx context.Context, id int64, name string, shared bool) (*claimdesk.SavedView, error) {
	a, v, err := s.view(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.UserID != a.UserID {
		return nil, forbidden()
	}
	name = strings.TrimSpace(name)
	var val claimdesk.Validation
	checkViewName(&val, name)
	val.Check(!shared || v.Shop != "", "shared", "needs_shop", "a shared view must name one shop")
	if err := val.Err(); err != nil {
		return nil, err
	}
	v.Name, v.Shared, v.UpdatedAt = name, shared, s.now()
	if err := s.stores().SavedViews.UpdateSavedView(ctx, v); err != nil {
		return nil, nameTaken(err)
	}
	return v, nil
}

// DeleteView deletes one of the agent's own views, or, for a lead or admin
// of its shop, a view shared there.
func (s *Service) DeleteView(ctx context.Context, id int64) error {
	a, v, err := s.view(ctx, id)
	if err != nil {
		return err
	}
	if v.UserID != a.UserID && !leads(a, v.Shop) {
		return forbidden()
	}
	return s.stores().SavedViews.DeleteSavedView(ctx, id)
}
