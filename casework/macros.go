package casework

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk"
)

// MacroAction is what a macro may do to the case besides filling the reply.
const MacroWaitCustomer = "wait_customer"

// MacroPlaceholders are the {names} a macro's body may use.
var MacroPlaceholders = []string{"customer_name", "case_number", "shop_name", "agent_name"}

var placeholderRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// MacroInput is a macro as a lead writes it.
type MacroInput struct {
	Title  string
	Bodies map[claimdesk.Lang]string // empty bodies are dropped
	Action string                    // "" or wait_customer
}

func (in *MacroInput) validate() error {
	in.Title = strings.TrimSpace(in.Title)
	var v claimdesk.Validation
	v.Check(in.Title != "", "title", "required", "a macro needs a title")
	v.Check(utf8.RuneCountInString(in.Title) <= 120, "title", "too_long", "a title has at most 120 characters")
	v.Check(in.Action == "" || in.Action == MacroWaitCustomer, "action", "invalid", "unknown action %q", in.Action)
	bodies := map[claimdesk.Lang]string{}
	for _, l := range claimdesk.Langs {
		b := strings.TrimSpace(in.Bodies[l])
		if b == "" {
			continue
		}
		bodies[l] = b
		field := "body_" + string(l)
		v.Check(utf8.RuneCountInString(b) <= 10000, field, "too_long", "a body has at most 10 000 characters")
		for _, m := range placeholderRE.FindAllStringSubmatch(b, -1) {
			v.Check(slices.Contains(MacroPlaceholders, m[1]), field, "unknown_placeholder", "unknown placeholder {%s}", m[1])
		}
	}
	for l := range in.Bodies {
		v.Check(claimdesk.ValidLang(l), "body_"+string(l), "invalid", "unknown language %q", l)
	}
	v.Check(len(bodies) > 0, "body_"+string(claimdesk.Langs[0]), "required", "a macro needs a body in at least one language")
	in.Bodies = bodies
	return v.Err()
}

// requireLead checks that the actor leads or administers the shop.
func requireLead(ctx context.Context, shopID string) error {
	a := claimdesk.ActorFrom(ctx)
	switch {
	case a.Kind == claimdesk.ActorAnonymous:
		return unauthenticated()
	case !leads(a, shopID):
		return forbidden()
	}
	return nil
}

// ListMacros lists a shop's macros for its staff.
func (s *Service) ListMacros(ctx context.Context, shopID string) ([]*claimdesk.Macro, error) {
	if err := requireStaff(ctx, shopID); err != nil {
		return nil, err
	}
	return s.stores().Macros.ListMacros(ctx, shopID)
}

// GetMacro returns one of a shop's macros to its staff.
func (s *Service) GetMacro(ctx context.Context, shopID string, id int64) (*claimdesk.Macro, error) {
	if err := requireStaff(ctx, shopID); err != nil {
		return nil, err
	}
	return s.stores().Macros.FindMacro(ctx, shopID, id)
}

// CreateMacro adds a macro to a shop; its leads and admins only.
func (s *Service) CreateMacro(ctx context.Context, shopID string, in MacroInput) (*claimdesk.Macro, error) {
	if err := requireLead(ctx, shopID); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	now := s.now()
	m := &claimdesk.Macro{ShopID: shopID, Title: in.Title, Bodies: in.Bodies, Action: in.Action, CreatedAt: now, UpdatedAt: now}
	if err := s.stores().Macros.CreateMacro(ctx, m); err != nil {
		return nil, titleTaken(err)
	}
	return m, nil
}

func titleTaken(err error) error {
	if claimdesk.IsCode(err, claimdesk.CodeConflict) {
		return fieldErr("title", "taken", "the shop has a macro with this title")
	}
	return err
}

// UpdateMacro changes one of a shop's macros; its leads and admins only.
func (s *Service) UpdateMacro(ctx context.Context, shopID string, id int64, in MacroInput) (*claimdesk.Macro, error) {
	if err := requireLead(ctx, shopID); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	m := &claimdesk.Macro{ID: id, ShopID: shopID, Title: in.Title, Bodies: in.Bodies, Action: in.Action, UpdatedAt: s.now()}
	if err := s.stores().Macros.UpdateMacro(ctx, m); err != nil {
		return nil, titleTaken(err)
	}
	return m, nil
}

// DeleteMacro removes one of a shop's macros; its leads and admins only.
func (s *Service) DeleteMacro(ctx context.Context, shopID string, id int64) error {
	if err := requireLead(ctx, shopID); err != nil {
		return err
	}
	return s.stores().Macros.DeleteMacro(ctx, shopID, id)
}

// FilledMacro is a macro's body for one case, placeholders filled.
type FilledMacro struct {
	Macro *claimdesk.Macro
	Lang  claimdesk.Lang
	Text  string
}

// FillMacro fills a macro of the case's shop for the case: the body in the
// case's language (else the shop's, else the first there is) with
// {customer_name}, {case_number}, {shop_name} and {agent_name} replaced.
// Staff of the case's shop only. The body is data: nothing in it runs.
func (s *Service) FillMacro(ctx context.Context, number string, id int64) (*FilledMacro, error) {
	c, err := s.GetCase(ctx, number)
	if err != nil {
		return nil, err
	}
	if err := requireStaff(ctx, c.ShopID); err != nil {
		return nil, err
	}
	st := s.stores()
	m, err := st.Macros.FindMacro(ctx, c.ShopID, id)
	if err != nil {
		return nil, err
	}
	shop, err := st.Shops.FindShop(ctx, c.ShopID)
	if err != nil {
		return nil, err
	}
	vars := map[string]string{"case_number": c.Number, "shop_name": shop.Name, "agent_name": claimdesk.ActorFrom(ctx).Name}
	if cu, err := st.Customers.FindCustomer(ctx, c.CustomerID); err == nil {
		vars["customer_name"] = cu.Name
	}
	lang := c.Lang
	if m.Bodies[lang] == "" {
		lang = shop.Lang
	}
	for _, l := range claimdesk.Langs {
		if m.Bodies[lang] != "" {
			break
		}
		lang = l
	}
	text := placeholderRE.ReplaceAllStringFunc(m.Bodies[lang], func(p string) string {
		if v, ok := vars[p[1:len(p)-1]]; ok {
			return v
		}
		return p
	})
	return &FilledMacro{Macro: m, Lang: lang, Text: text}, nil
}
