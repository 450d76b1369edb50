package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

type loginBody struct {
	Email    string `json:"email" maxLength:"254"`
	Password string `json:"password" maxLength:"200"`
	Shop     string `json:"shop,omitempty" doc:"Customers sign in to a shop; agents leave it out."`
}

type sessionOut struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      UserBody
}

// APIKeyBody is an API key; Secret is only present when it was just made.
type APIKeyBody struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Secret     string     `json:"secret,omitempty" doc:"Shown once, at creation."`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

func keyOut(k *claimdesk.APIKey, secret string) APIKeyBody {
	return APIKeyBody{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Secret: secret, CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

func (s *Server) sessionCookie(value string, maxAge int) http.Cookie {
	return http.Cookie{Name: SessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: maxAge}
}

func (s *Server) authRoutes() {
	tags := []string{"Sign-in"}
	huma.Register(s.api, op("login", http.MethodPost, "/api/v1/auth/login", "Sign in with email and password; sets the session cookie", tags),
		func(ctx context.Context, in *struct{ Body loginBody }) (*sessionOut, error) {
			kind := claimdesk.AgentUser
			if in.Body.Shop != "" {
				kind = claimdesk.CustomerUser
			}
			token, u, err := s.svc.Login(ctx, casework.LoginInput{Kind: kind, ShopID: in.Body.Shop, Email: in.Body.Email, Password: in.Body.Password})
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &sessionOut{SetCookie: s.sessionCookie(token, int(casework.SessionTTL.Seconds())), Body: userOut(u)}, nil
		})
	huma.Register(s.api, op("logout", http.MethodPost, "/api/v1/auth/logout", "Sign out", tags, "session"),
		func(ctx context.Context, in *struct {
			Session string `cookie:"claimdesk_session"`
		}) (*struct {
			SetCookie http.Cookie `header:"Set-Cookie"`
		}, error) {
			if in.Session != "" {
				if err := s.svc.Logout(ctx, in.Session); err != nil {
					return nil, s.fail(ctx, err)
				}
			}
			return &struct {
				SetCookie http.Cookie `header:"Set-Cookie"`
			}{SetCookie: s.sessionCookie("", -1)}, nil
		})
	huma.Register(s.api, op("me", http.MethodGet, "/api/v1/me", "Who am I", tags, "session"),
		func(ctx context.Context, _ *struct{}) (*struct{ Body UserBody }, error) {
			u, err := s.svc.Me(ctx)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body UserBody }{Body: userOut(u)}, nil
		})
	huma.Register(s.api, op("request-account-link", http.MethodPost, "/api/v1/auth/link", "Mail a one-time sign-in link or password reset (the answer never says whether the address has an account)", tags),
		func(ctx context.Context, in *struct {
			Body struct {
				Email   string `json:"email" maxLength:"254"`
				Shop    string `json:"shop,omitempty" doc:"Customers: their shop; agents leave it out."`
				Purpose string `json:"purpose" enum:"sign_in,password_reset"`
			}
		}) (*struct{ Status int }, error) {
			if err := s.svc.RequestAccountLink(ctx, in.Body.Shop, in.Body.Email, in.Body.Purpose); err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Status int }{Status: http.StatusAccepted}, nil
		})
	huma.Register(s.api, op("sign-in-with-link", http.MethodPost, "/api/v1/auth/token", "Sign in with a mailed link's token; sets the session cookie", tags),
		func(ctx context.Context, in *struct {
			Body struct {
				Token string `json:"token" maxLength:"200"`
			}
		}) (*sessionOut, error) {
			token, u, err := s.svc.SignInWithToken(ctx, in.Body.Token)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &sessionOut{SetCookie: s.sessionCookie(token, int(casework.SessionTTL.Seconds())), Body: userOut(u)}, nil
		})
	huma.Register(s.api, op("set-password", http.MethodPost, "/api/v1/auth/password", "Set a password from a reset or invitation link's token; signs in", tags),
		func(ctx context.Context, in *struct {
			Body struct {
				Token    string `json:"token" maxLength:"200"`
				Password string `json:"password" maxLength:"200"`
			}
		}) (*sessionOut, error) {
			token, u, err := s.svc.SetPasswordWithToken(ctx, in.Body.Token, in.Body.Password)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &sessionOut{SetCookie: s.sessionCookie(token, int(casework.SessionTTL.Seconds())), Body: userOut(u)}, nil
		})
	huma.Register(s.api, op("invite-colleague", http.MethodPost, "/api/v1/shops/{shop}/customers/{id}/invitations", "A company admin invites a colleague, who sets a password from the mailed link", []string{"Customers"}, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop"`
			ID   int64  `path:"id"`
			Body struct {
				Email       string `json:"email" maxLength:"254"`
				Name        string `json:"name" minLength:"1" maxLength:"200"`
				CompanyRole string `json:"company_role" enum:"admin,buyer,viewer"`
			}
		}) (*struct {
			Status int
			Body   UserBody
		}, error) {
			u, err := s.svc.InviteColleague(ctx, in.Shop, in.ID, in.Body.Email, in.Body.Name, claimdesk.CompanyRole(in.Body.CompanyRole))
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   UserBody
			}{Status: http.StatusCreated, Body: userOut(u)}, nil
		})
	s.keyRoutes()
}

func (s *Server) keyRoutes() {
	tags := []string{"API keys"}
	huma.Register(s.api, op("create-api-key", http.MethodPost, "/api/v1/shops/{shop}/api-keys", "Create an API key (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			Body struct {
				Name string `json:"name" maxLength:"100"`
			}
		}) (*struct {
			Status int
			Body   APIKeyBody
		}, error) {
			k, secret, err := s.svc.CreateAPIKey(ctx, in.Shop, in.Body.Name)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct {
				Status int
				Body   APIKeyBody
			}{Status: http.StatusCreated, Body: keyOut(k, secret)}, nil
		})
	huma.Register(s.api, op("list-api-keys", http.MethodGet, "/api/v1/shops/{shop}/api-keys", "List API keys (shop admins)", tags, "session"),
		func(ctx context.Context, in *shopPath) (*struct{ Body []APIKeyBody }, error) {
			keys, err := s.svc.ListAPIKeys(ctx, in.Shop)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []APIKeyBody }{Body: []APIKeyBody{}}
			for _, k := range keys {
				out.Body = append(out.Body, keyOut(k, ""))
			}
			return out, nil
		})
	huma.Register(s.api, op("revoke-api-key", http.MethodDelete, "/api/v1/shops/{shop}/api-keys/{id}", "Revoke an API key (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
			ID   int64  `path:"id"`
		}) (*struct{}, error) {
			return nil, s.fail(ctx, s.svc.RevokeAPIKey(ctx, in.Shop, in.ID))
		})
}
