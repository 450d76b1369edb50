package claimdesk

import "context"

// ActorKind says who is asking.
type ActorKind string

// Actor kinds.
const (
	ActorAnonymous ActorKind = "anonymous"
	ActorCustomer  ActorKind = "customer" // a customer user (consumer or company employee)
	ActorAgent     ActorKind = "agent"    // shop staff
	ActorAPIKey    ActorKind = "api_key"  // a shop platform
	ActorSystem    ActorKind = "system"   // jobs and the command line
)

// Actor is who makes a request. Use-cases decide what an actor may do; the
// store layer below them never does.
type Actor struct {
	Kind        ActorKind
	UserID      int64
	Name        string
	ShopID      string // customers and API keys: their shop
	CustomerID  int64  // customers: their customer (consumer or company)
	CompanyRole CompanyRole
	Memberships []Membership // agents
	KeyID       int64        // API keys
	// OrderID makes a customer a guest: someone without an account who
	// signed in with an order number and email, and may see that one order
	// and its cases only (no other orders, no account or company pages).
	OrderID int64
}

// Guest reports whether the actor is a guest of one order.
func (a Actor) Guest() bool { return a.Kind == ActorCustomer && a.OrderID != 0 }

// System is the actor for jobs and command-line work.
var System = Actor{Kind: ActorSystem, Name: "claimdesk"}

// AgentRoleIn returns the actor's agent role in the shop, or "".
func (a Actor) AgentRoleIn(shopID string) AgentRole {
	if a.Kind != ActorAgent {
		return ""
	}
	for _, m := range a.Memberships {
		if m.ShopID == shopID {
			return m.Role
		}
	}
	return ""
}

// Staff reports whether the actor may work a shop's cases: one of its
// agents, its API key, or the system.
func (a Actor) Staff(shopID string) bool {
	switch a.Kind {
	case ActorSystem:
		return true
	case ActorAPIKey:
		return a.ShopID == shopID
	case ActorAgent:
		return a.AgentRoleIn(shopID) != ""
	}
	return false
}

// ActorFromUser returns the actor a signed-in user acts as.
func ActorFromUser(u *User) Actor {
	a := Actor{UserID: u.ID, Name: u.Name}
	if u.Kind == AgentUser {
		a.Kind = ActorAgent
		a.Memberships = u.Memberships
		return a
	}
	a.Kind = ActorCustomer
	a.ShopID = u.ShopID
	a.CustomerID = u.CustomerID
	a.CompanyRole = u.CompanyRole
	return a
}

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the context's actor, anonymous if none.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Kind: ActorAnonymous}
}
