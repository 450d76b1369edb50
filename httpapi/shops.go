package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// ShopBody is a shop's public profile.
type ShopBody struct {
	ID            string         `json:"id" doc:"The shop's slug, used in every path."`
	Name          string         `json:"name"`
	LegalName     string         `json:"legal_name"`
	OrgNumber     string         `json:"org_number"`
	Country       string         `json:"country"`
	Lang          string         `json:"lang"`
	TimeZone      string         `json:"time_zone"`
	CasePrefix    string         `json:"case_prefix"`
	BusinessOnly  bool           `json:"business_only"`
	Markets       []MarketBody   `json:"markets"`
	ReturnAddress *AddressBody   `json:"return_address"`
	SupportEmail  string         `json:"support_email"`
	Phone         string         `json:"phone"`
	Website       string         `json:"website"`
	OpeningHours  [7][]HoursBody `json:"opening_hours" doc:"Opening intervals per weekday, Sunday first."`
	TermsID       string         `json:"terms_id"`
	Brand         BrandBody      `json:"brand"`
}

// BrandBody is how a shop's customer portal looks.
type BrandBody struct {
	Color string `json:"color" doc:"The portal's accent colour, #rrggbb; empty for claimdesk's default. White text on it needs a WCAG 2.x contrast ratio of at least 4.5:1." example:"#0b3d91"`
}

// MarketBody is a customer country a shop sells to.
type MarketBody struct {
	Country  string `json:"country"`
	Currency string `json:"currency"`
	Lang     string `json:"lang"`
}

// HoursBody is an opening interval.
type HoursBody struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func shopOut(s *claimdesk.Shop) ShopBody {
	b := ShopBody{
		ID: s.ID, Name: s.Name, LegalName: s.LegalName, OrgNumber: s.OrgNumber, Country: string(s.Country), Lang: string(s.Lang),
		TimeZone: s.TimeZone, CasePrefix: s.CasePrefix, BusinessOnly: s.BusinessOnly, ReturnAddress: addressOut(s.ReturnAddress),
		SupportEmail: s.SupportEmail, Phone: s.Phone, Website: s.Website, TermsID: s.TermsID, Markets: []MarketBody{},
		Brand: BrandBody{Color: s.Brand.Color},
	}
	for _, m := range s.Markets {
		b.Markets = append(b.Markets, MarketBody{Country: string(m.Country), Currency: m.Currency, Lang: string(m.Lang)})
	}
	for d, list := range s.OpeningHours.Week {
		b.OpeningHours[d] = []HoursBody{}
		for _, iv := range list {
			b.OpeningHours[d] = append(b.OpeningHours[d], HoursBody{From: iv.From, To: iv.To})
		}
	}
	return b
}

type shopPath struct {
	Shop string `path:"shop" doc:"The shop's id (slug)." example:"dustin"`
}

func (s *Server) shopRoutes() {
	tags := []string{"Shops"}
	huma.Register(s.api, op("list-shops", http.MethodGet, "/api/v1/shops", "List the shops and their public profiles", tags),
		func(ctx context.Context, _ *struct{}) (*struct{ Body []ShopBody }, error) {
			shops, err := s.svc.ListShops(ctx)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			out := &struct{ Body []ShopBody }{Body: []ShopBody{}}
			for _, sh := range shops {
				out.Body = append(out.Body, shopOut(sh))
			}
			return out, nil
		})
	huma.Register(s.api, op("update-shop-settings", http.MethodPatch, "/api/v1/shops/{shop}/settings", "Change a shop's settings: support address, opening hours, return address, SLA, mail, brand colour (shop admins)", tags, "session"),
		func(ctx context.Context, in *struct {
			Shop string `path:"shop"`
			Body struct {
				SupportEmail  *string         `json:"support_email,omitempty"`
				Phone         *string         `json:"phone,omitempty"`
				ReturnAddress *AddressBody    `json:"return_address,omitempty"`
				OpeningHours  *[7][]HoursBody `json:"opening_hours,omitempty" doc:"Intervals per weekday, Sunday first."`
				SLA           *struct {
					FirstResponseMinutes int    `json:"first_response_minutes" minimum:"0"`
					NextResponseMinutes  int    `json:"next_response_minutes" minimum:"0"`
					Clock                string `json:"clock" enum:"business_hours,weekday_hours"`
				} `json:"sla,omitempty"`
				Mail *struct {
					From        string `json:"from,omitempty"`
					FromName    string `json:"from_name,omitempty"`
					ReplyDomain string `json:"reply_domain,omitempty"`
					SMTPURL     string `json:"smtp_url,omitempty"`
					IMAPURL     string `json:"imap_url,omitempty"`
				} `json:"mail,omitempty"`
				Brand *BrandBody `json:"brand,omitempty"`
			}
		}) (*struct{ Body ShopBody }, error) {
			b := in.Body
			set := casework.ShopSettings{SupportEmail: b.SupportEmail, Phone: b.Phone}
			if b.ReturnAddress != nil {
				a := addressIn(b.ReturnAddress)
				set.ReturnAddress = &a
			}
			if b.OpeningHours != nil {
				var h claimdesk.OpeningHours
				for d, list := range *b.OpeningHours {
					for _, iv := range list {
						h.Week[d] = append(h.Week[d], claimdesk.Interval{From: iv.From, To: iv.To})
					}
				}
				set.OpeningHours = &h
			}
			if b.SLA != nil {
				set.SLA = &claimdesk.ShopSLA{FirstResponseMinutes: b.SLA.FirstResponseMinutes, NextResponseMinutes: b.SLA.NextResponseMinutes, Clock: b.SLA.Clock}
			}
			if b.Mail != nil {
				set.Mail = &claimdesk.ShopMail{From: b.Mail.From, FromName: b.Mail.FromName, ReplyDomain: b.Mail.ReplyDomain, SMTPURL: b.Mail.SMTPURL, IMAPURL: b.Mail.IMAPURL}
			}
			if b.Brand != nil {
				set.Brand = &claimdesk.ShopBrand{Color: b.Brand.Color}
			}
			sh, err := s.svc.UpdateShopSettings(ctx, in.Shop, set)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body ShopBody }{Body: shopOut(sh)}, nil
		})
	huma.Register(s.api, op("get-shop", http.MethodGet, "/api/v1/shops/{shop}", "Get a shop's public profile", tags),
		func(ctx context.Context, in *shopPath) (*struct{ Body ShopBody }, error) {
			sh, err := s.svc.GetShop(ctx, in.Shop)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body ShopBody }{Body: shopOut(sh)}, nil
		})
}
