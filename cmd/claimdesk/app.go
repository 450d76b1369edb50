package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/demo"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/sqlstore"
)

// app is the wired service of one process.
type app struct {
	cfg    Config
	db     claimdesk.DB
	svc    *casework.Service
	engine *policy.Engine
	log    *slog.Logger
}

// parseConfig parses a command's flags with the config flags added.
func parseConfig(env *environment, fs *flag.FlagSet, args []string) (Config, error) {
	cf := bindConfig(fs)
	fs.SetOutput(env.stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return Config{}, &exitError{code: 0}
		}
		return Config{}, &exitError{code: 2}
	}
	cfg, err := cf.load(env.getenv)
	if err != nil {
		return cfg, usageErr("%v", err)
	}
	return cfg, nil
}

func newLogger(cfg Config, env *environment) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(env.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(env.stderr, opts))
}

// openApp opens and migrates the database, builds the service and, when the
// demo is on, loads the demo shops into a fresh database (once, even with
// several instances starting together) and prints their logins.
func openApp(ctx context.Context, env *environment, cfg Config) (*app, error) {
	log := newLogger(cfg, env)
	engine, err := policy.Default()
	if err != nil {
		return nil, fmt.Errorf("policy terms: %w", err)
	}
	db, err := sqlstore.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	svc := casework.New(db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{}, Logger: log})
	svc.SetSecretKey(cfg.SecretKey)
	svc.SetBaseURL(cfg.BaseURL)
	a := &app{cfg: cfg, db: db, svc: svc, engine: engine, log: log}
	if cfg.Demo {
		if err := a.loadDemo(ctx, env); err != nil {
			db.Close()
			return nil, err
		}
	}
	help, err := casework.NewHelpCenter(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("help center: %w", err)
	}
	svc.SetHelpCenter(help)
	return a, nil
}

func (a *app) loadDemo(ctx context.Context, env *environment) error {
	logins, err := demo.Load(ctx, a.db, demo.Options{
		Now: a.svc.Now(), HashPassword: casework.HashPassword, NewPassword: casework.RandomPassword, Articles: casework.SeedArticles(),
	})
	if err != nil {
		return fmt.Errorf("demo shops: %w", err)
	}
	if logins == nil {
		return nil
	}
	w := env.stdout
	fmt.Fprintln(w, "Loaded the demo shops dustin, belysning, compumail and digitallassmed.")
	fmt.Fprintln(w, "Demo logins (shown this once; customers sign in to their shop):")
	fmt.Fprintf(w, "  %-15s %-9s %-10s %-40s %s\n", "SHOP", "KIND", "ROLE", "EMAIL", "PASSWORD")
	for _, l := range logins {
		role := l.Role
		if role == "" {
			role = "consumer"
		}
		fmt.Fprintf(w, "  %-15s %-9s %-10s %-40s %s\n", l.Shop, l.Kind, role, l.Email, l.Password)
	}
	return nil
}

func (a *app) Close() { a.db.Close() }

func runMigrate(ctx context.Context, env *environment, args []string) error {
	cfg, err := parseConfig(env, flag.NewFlagSet("migrate", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if err := sqlstore.Migrate(ctx, cfg.DatabaseURL); err != nil {
		return err
	}
	cur, target, err := sqlstore.MigrationStatus(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "database at migration %d of %d\n", cur, target)
	return nil
}

// systemCtx is the context of command-line work: the system actor.
func systemCtx(ctx context.Context) context.Context {
	return claimdesk.WithActor(ctx, claimdesk.System)
}

var _ = os.Stdout
