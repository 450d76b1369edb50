package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Handler receives one raw inbound message. Returning nil means the message
// is safely stored; an error leaves it to be delivered again later. Handlers
// must be idempotent: the same message can arrive twice (Thread's duplicate
// rule makes that harmless).
type Handler func(ctx context.Context, raw []byte) error

// IMAPPoller fetches unseen messages from one IMAP mailbox.
type IMAPPoller struct {
	Addr      string // host:port
	Username  string
	Password  string
	Mailbox   string // "INBOX" unless the URL path names another
	TLS       TLSMode
	TLSConfig *tls.Config
	// Timeout bounds one poll when ctx has no earlier deadline (?timeout=…, default 2m).
	Timeout time.Duration
	// Batch is the most messages handled per poll (?batch=…, default 100).
	Batch int
}

// NewIMAPPoller configures a poller from a URL:
//
//	imap://user:pass@host:143/INBOX   STARTTLS when offered (?tls=starttls to require, ?tls=none for plain)
//	imaps://user:pass@host:993/Support implicit TLS
//
// and ?insecure=1 (tests only), ?timeout=2m, ?batch=100.
func NewIMAPPoller(rawURL string) (*IMAPPoller, error) {
	u, q, err := parseServerURL(rawURL, map[string]string{"imap": "143", "imaps": "993"})
	if err != nil {
		return nil, err
	}
	p := &IMAPPoller{Addr: u.Host, Mailbox: strings.Trim(u.Path, "/"), Timeout: 2 * time.Minute, Batch: 100}
	if p.Mailbox == "" {
		p.Mailbox = "INBOX"
	}
	p.Username, p.Password = userPass(u)
	if p.TLS, p.TLSConfig, err = tlsFromURL(u, q, "imaps"); err != nil {
		return nil, err
	}
	if v := q.Get("timeout"); v != "" {
		if p.Timeout, err = time.ParseDuration(v); err != nil || p.Timeout <= 0 {
			return nil, fmt.Errorf("mail: imap url: bad timeout %q", v)
		}
	}
	if v := q.Get("batch"); v != "" {
		if _, err := fmt.Sscan(v, &p.Batch); err != nil || p.Batch <= 0 {
			return nil, fmt.Errorf("mail: imap url: bad batch %q", v)
		}
	}
	return p, nil
}

// Poll runs one round: connect, log in, find unseen messages, hand each to h
// and mark it \Seen only after h succeeded. Messages are fetched with
// BODY.PEEK so a crash before h returns leaves them unseen. It returns how
// many messages h accepted; a handler error does not stop the round, the
// errors are joined into the result.
func (p *IMAPPoller) Poll(ctx context.Context, h Handler) (int, error) {
	if p.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.Timeout)
		defer cancel()
	}
	c, err := p.connect(ctx)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if _, err := c.Select(p.Mailbox, &imap.SelectOptions{}).Wait(); err != nil {
		return 0, fmt.Errorf("mail: imap select %q: %w", p.Mailbox, ctxErr(ctx, err))
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen, imap.FlagDeleted}}, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("mail: imap search: %w", ctxErr(ctx, err))
	}
	uids := found.AllUIDs()
	if len(uids) > p.Batch {
		uids = uids[:p.Batch]
	}
	n := 0
	var errs []error
	for _, uid := range uids {
		if err := p.handleOne(ctx, c, uid, h); err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
			continue
		}
		n++
	}
	_ = c.Logout().Wait()
	return n, errors.Join(errs...)
}

func (p *IMAPPoller) handleOne(ctx context.Context, c *imapclient.Client, uid imap.UID, h Handler) error {
	section := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return fmt.Errorf("mail: imap fetch uid %d: %w", uid, ctxErr(ctx, err))
	}
	if len(msgs) == 0 {
		return nil // expunged meanwhile
	}
	raw := msgs[0].FindBodySection(section)
	if err := h(ctx, raw); err != nil {
		return fmt.Errorf("mail: imap uid %d: handler: %w", uid, err)
	}
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}
	if err := c.Store(imap.UIDSetNum(uid), store, nil).Close(); err != nil {
		return fmt.Errorf("mail: imap mark seen uid %d: %w", uid, ctxErr(ctx, err))
	}
	return nil
}

func (p *IMAPPoller) connect(ctx context.Context) (*imapclient.Client, error) {
	cfg := p.TLSConfig
	if cfg == nil {
		cfg = &tls.Config{}
	}
	cfg = cfg.Clone()
	if cfg.ServerName == "" {
		cfg.ServerName, _, _ = net.SplitHostPort(p.Addr)
	}
	conn, err := dialContext(ctx, p.Addr, p.TLS == TLSImplicit, cfg)
	if err != nil {
		return nil, fmt.Errorf("mail: imap dial: %w", err)
	}
	opts := &imapclient.Options{TLSConfig: cfg}
	var c *imapclient.Client
	switch p.TLS {
	case TLSStartTLS:
		if c, err = imapclient.NewStartTLS(conn, opts); err != nil {
			return nil, fmt.Errorf("mail: imap starttls: %w", ctxErr(ctx, err))
		}
	case TLSOpportunistic:
		c = imapclient.New(conn, opts)
		if err := c.WaitGreeting(); err != nil {
			c.Close()
			return nil, fmt.Errorf("mail: imap greeting: %w", ctxErr(ctx, err))
		}
		if c.Caps().Has(imap.CapStartTLS) {
			c.Close()
			if conn, err = dialContext(ctx, p.Addr, false, nil); err != nil {
				return nil, fmt.Errorf("mail: imap dial: %w", err)
			}
			if c, err = imapclient.NewStartTLS(conn, opts); err != nil {
				return nil, fmt.Errorf("mail: imap starttls: %w", ctxErr(ctx, err))
			}
		}
	default:
		c = imapclient.New(conn, opts)
	}
	if err := c.Login(p.Username, p.Password).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("mail: imap login: %w", ctxErr(ctx, err))
	}
	return c, nil
}

// Run polls every interval until ctx ends, logging failed rounds.
func (p *IMAPPoller) Run(ctx context.Context, interval time.Duration, h Handler, log *slog.Logger) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := p.Poll(ctx, h)
		if err != nil && ctx.Err() == nil {
			log.Warn("imap poll", "mailbox", p.Mailbox, "handled", n, "err", err)
		} else if n > 0 {
			log.Info("imap poll", "mailbox", p.Mailbox, "handled", n)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
