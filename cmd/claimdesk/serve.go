package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/httpapi"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/mailbox"
	"github.com/claimdesk/claimdesk/web"
	"github.com/claimdesk/claimdesk/webhooks"
)

func runServe(ctx context.Context, env *environment, args []string) error {
	cfg, err := parseConfig(env, flag.NewFlagSet("serve", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	secure := strings.HasPrefix(cfg.BaseURL, "https://")
	pages := web.New(a.svc, web.Options{Logger: a.log, SecureCookies: secure, Policy: a.engine})
	api := httpapi.New(a.svc, httpapi.Options{
		Version: version, BaseURL: cfg.BaseURL, Logger: a.log, KeyRate: cfg.KeyRate, KeyBurst: int(4 * cfg.KeyRate),
		SecureCookies: secure, Mount: pages.Mount,
	})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	bg, cancel := context.WithCancel(ctx)
	defer cancel()
	go a.svcHelpLoop(bg)
	runner := jobs.New(a.db, jobs.Options{Logger: a.log})
	a.svc.RegisterJobs(runner)
	mailer := mailbox.New(a.db, a.svc, mailbox.Options{BaseURL: cfg.BaseURL, SMTPURL: cfg.SMTPURL, Logger: a.log})
	a.svc.SetNotifier(mailer)
	a.svc.SetAccountMailer(mailer)
	if !cfg.WebhooksAllowPrivate {
		a.svc.SetWebhookSender(&webhooks.Sender{Client: webhooks.GuardedClient(webhooks.DefaultTimeout)})
	}
	mailer.RegisterJobs(runner)
	shops, err := a.db.Stores().Shops.ListShops(ctx)
	if err != nil {
		return err
	}
	go mailer.Run(bg, shops, cfg.IMAPURL, time.Minute)
	go runner.Run(bg)
	a.log.Info("claimdesk serving", "addr", ln.Addr().String(), "database", a.db.Dialect(), "version", version)
	fmt.Fprintf(env.stdout, "claimdesk listening on http://%s (database: %s)\n", ln.Addr(), a.db.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, done := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer done()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	a.log.Info("claimdesk stopped")
	return nil
}

// svcHelpLoop keeps the help-center index in step with articles changed by
// other instances.
func (a *app) svcHelpLoop(ctx context.Context) {
	if h := a.svc.HelpCenter(); h != nil {
		h.Run(ctx, 15*time.Second)
	}
}
