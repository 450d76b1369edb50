package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// withApp parses flags (the command's own plus the config's), opens the
// app without loading the demo, and runs fn as the system actor.
func withApp(ctx context.Context, env *environment, fs *flag.FlagSet, args []string, fn func(ctx context.Context, a *app) error) error {
	cfg, err := parseConfig(env, fs, args)
	if err != nil {
		return err
	}
	cfg.Demo = false
	a, err := openApp(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(systemCtx(ctx), a)
}

func sub(args []string, name string, subs ...string) (string, []string, error) {
	if len(args) == 0 {
		return "", nil, usageErr("%s needs one of: %s", name, strings.Join(subs, ", "))
	}
	for _, s := range subs {
		if args[0] == s {
			return s, args[1:], nil
		}
	}
	return "", nil, usageErr("%s %s: unknown; use one of: %s", name, args[0], strings.Join(subs, ", "))
}

var countryDefaults = map[claimdesk.Country]struct {
	lang     claimdesk.Lang
	currency string
	tz       string
}{
	claimdesk.Norway:  {claimdesk.Bokmal, "NOK", "Europe/Oslo"},
	claimdesk.Sweden:  {claimdesk.Swedish, "SEK", "Europe/Stockholm"},
	claimdesk.Denmark: {claimdesk.Danish, "DKK", "Europe/Copenhagen"},
}

func runShop(ctx context.Context, env *environment, args []string) error {
	if _, args2, err := sub(args, "shop", "create"); err != nil {
		return err
	} else {
		args = args2
	}
	fs := flag.NewFlagSet("shop create", flag.ContinueOnError)
	id := fs.String("id", "", "the shop's slug (required), e.g. nordlys")
	name := fs.String("name", "", "the shop's name (required)")
	country := fs.String("country", "NO", "the shop's country: NO, SE or DK; its terms start from that country's statutory minimums")
	prefix := fs.String("prefix", "", "case number prefix, 2-5 capital letters (default: from the id)")
	email := fs.String("support-email", "", "the shop's support address")
	businessOnly := fs.Bool("business-only", false, "the shop sells to business buyers only")
	return withApp(ctx, env, fs, args, func(ctx context.Context, a *app) error {
		c := claimdesk.Country(strings.ToUpper(*country))
		d, ok := countryDefaults[c]
		if !ok {
			return usageErr("--country %q: use NO, SE or DK", *country)
		}
		if *prefix == "" && len(*id) >= 3 {
			*prefix = strings.ToUpper((*id)[:3])
		}
		shop := &claimdesk.Shop{
			ID: *id, Name: *name, LegalName: *name, Country: c, Lang: d.lang, TimeZone: d.tz, CasePrefix: *prefix, BusinessOnly: *businessOnly,
			Markets: []claimdesk.Market{{Country: c, Currency: d.currency, Lang: d.lang}}, SupportEmail: *email,
			OpeningHours: weekdayHours("08:00", "16:00"), SLA: claimdesk.ShopSLA{FirstResponseMinutes: 8 * 60, NextResponseMinutes: 8 * 60, Clock: "business_hours"},
			TermsID: "statutory-" + strings.ToLower(string(c)), RetentionYears: 2,
		}
		if err := a.svc.CreateShop(ctx, shop); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "created shop %s (%s, case numbers %s-…), on the statutory terms of %s\n", shop.ID, shop.Name, shop.CasePrefix, c)
		return nil
	})
}

func weekdayHours(from, to string) claimdesk.OpeningHours {
	var h claimdesk.OpeningHours
	for d := 1; d <= 5; d++ {
		h.Week[d] = []claimdesk.Interval{{From: from, To: to}}
	}
	return h
}

func runAPIKey(ctx context.Context, env *environment, args []string) error {
	which, args, err := sub(args, "apikey", "create", "list", "revoke")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("apikey "+which, flag.ContinueOnError)
	shop := fs.String("shop", "", "the shop (required)")
	name := fs.String("name", "", "create: what the key is for")
	id := fs.Int64("id", 0, "revoke: the key's id")
	return withApp(ctx, env, fs, args, func(ctx context.Context, a *app) error {
		if *shop == "" {
			return usageErr("--shop is required")
		}
		switch which {
		case "create":
			k, secret, err := a.svc.CreateAPIKey(ctx, *shop, *name)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.stderr, "API key %d (%s) for %s; it is shown this once:\n", k.ID, k.Name, k.ShopID)
			fmt.Fprintln(env.stdout, secret)
		case "list":
			keys, err := a.svc.ListAPIKeys(ctx, *shop)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tCREATED\tREVOKED")
			for _, k := range keys {
				revoked := "-"
				if k.RevokedAt != nil {
					revoked = k.RevokedAt.Format("2006-01-02 15:04")
				}
				fmt.Fprintf(tw, "%d\t%s\t%s…\t%s\t%s\n", k.ID, k.Name, k.Prefix, k.CreatedAt.Format("2006-01-02 15:04"), revoked)
			}
			return tw.Flush()
		case "revoke":
			if *id == 0 {
				return usageErr("--id is required")
			}
			if err := a.svc.RevokeAPIKey(ctx, *shop, *id); err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "revoked API key %d of %s\n", *id, *shop)
		}
		return nil
	})
}

func runUser(ctx context.Context, env *environment, args []string) error {
	if _, rest, err := sub(args, "user", "create"); err != nil {
		return err
	} else {
		args = rest
	}
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	kind := fs.String("kind", "agent", "agent or customer")
	email := fs.String("email", "", "sign-in email (required)")
	name := fs.String("name", "", "the person's name (required)")
	shop := fs.String("shop", "", "the shop (required)")
	role := fs.String("role", "", "agents: agent, lead, admin or ombudsman (default agent); company users: admin, buyer or viewer")
	customer := fs.String("customer", "", "customers: the customer's id in the shop, or its email")
	password := fs.String("password", "", "the password (default: a random one, printed)")
	return withApp(ctx, env, fs, args, func(ctx context.Context, a *app) error {
		pw := *password
		if pw == "" {
			pw = casework.RandomPassword()
		}
		in := casework.UserInput{Kind: claimdesk.UserKind(*kind), Email: *email, Name: *name, Password: pw, ShopID: *shop}
		switch in.Kind {
		case claimdesk.AgentUser:
			r := claimdesk.AgentRole(*role)
			if r == "" {
				r = claimdesk.RoleAgent
			}
			in.Memberships = []claimdesk.Membership{{ShopID: *shop, Role: r}}
		case claimdesk.CustomerUser:
			c, err := findCustomer(ctx, a, *shop, *customer)
			if err != nil {
				return err
			}
			in.CustomerID, in.CompanyRole, in.Lang = c.ID, claimdesk.CompanyRole(*role), c.Lang
		default:
			return usageErr("--kind must be agent or customer")
		}
		if _, err := a.svc.GetShop(ctx, *shop); err != nil {
			return err
		}
		u, err := a.svc.CreateUser(ctx, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "created %s %s (%s) in %s", u.Kind, u.Email, u.Name, *shop)
		if *password == "" {
			fmt.Fprintf(env.stdout, " with password %s", pw)
		}
		fmt.Fprintln(env.stdout)
		return nil
	})
}

func findCustomer(ctx context.Context, a *app, shop, ref string) (*claimdesk.Customer, error) {
	if ref == "" {
		return nil, usageErr("--customer is required for a customer login")
	}
	st := a.db.Stores().Customers
	if strings.Contains(ref, "@") {
		return st.FindCustomerByEmail(ctx, shop, ref)
	}
	if c, err := st.FindCustomerByExternalID(ctx, shop, ref); err == nil {
		return c, nil
	}
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		return nil, claimdesk.NotFound("customer", ref)
	}
	return a.svc.GetCustomer(ctx, shop, id)
}
