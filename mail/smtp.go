package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Sender sends one rendered message to its recipients. A failure is a
// *SendError that says whether retrying can help (see IsPermanent).
type Sender interface {
	Send(ctx context.Context, from string, to []string, raw []byte) error
}

// SendError is a failed delivery attempt.
type SendError struct {
	// Permanent is true when the server refused the message for good (5xx):
	// the outbox should mark it failed. Otherwise (4xx, network, TLS,
	// timeouts) it should retry later.
	Permanent bool
	Code      int    // SMTP reply code, 0 for network errors
	Enhanced  string // enhanced status code like "5.1.1", if given
	Op        string // the step that failed: dial, tls, auth, mail, rcpt, data
	Err       error
}

// Error says which step failed, whether it is permanent, and the cause.
func (e *SendError) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	return fmt.Sprintf("mail: smtp %s (%s): %v", e.Op, kind, e.Err)
}

// Unwrap returns the cause (a *smtp.SMTPError for server replies).
func (e *SendError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a delivery failure that retrying cannot fix.
func IsPermanent(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Permanent
}

// IsTemporary reports whether err is a delivery failure worth retrying.
func IsTemporary(err error) bool {
	var se *SendError
	return errors.As(err, &se) && !se.Permanent
}

func sendErr(op string, err error) error {
	if err == nil {
		return nil
	}
	se := &SendError{Op: op, Err: err}
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		se.Code = smtpErr.Code
		se.Permanent = smtpErr.Code >= 500 && smtpErr.Code < 600
		if smtpErr.EnhancedCode != (smtp.EnhancedCode{}) && smtpErr.EnhancedCode != smtp.NoEnhancedCode {
			c := smtpErr.EnhancedCode
			se.Enhanced = fmt.Sprintf("%d.%d.%d", c[0], c[1], c[2])
		}
	}
	return se
}

// TLSMode says how an SMTP connection is secured.
type TLSMode string

// The TLS modes of an SMTP or IMAP URL.
const (
	TLSOpportunistic TLSMode = "opportunistic" // smtp:// default: STARTTLS when offered
	TLSStartTLS      TLSMode = "starttls"      // ?tls=starttls: STARTTLS required
	TLSImplicit      TLSMode = "implicit"      // smtps://, imaps://
	TLSNone          TLSMode = "none"          // ?tls=none: plain text (local sinks only)
)

// SMTPSender sends mail through one SMTP server (a relay or submission
// server). It opens one connection per message.
type SMTPSender struct {
	Addr     string // host:port
	Username string
	Password string
	TLS      TLSMode
	// TLSConfig is used for STARTTLS and implicit TLS; ?insecure=1 sets
	// InsecureSkipVerify (tests only).
	TLSConfig *tls.Config
	// LocalName is the name sent in EHLO (?helo=…); "localhost" if empty.
	LocalName string
	// Timeout bounds the whole exchange when ctx has no earlier deadline (?timeout=30s).
	Timeout time.Duration
}

var _ Sender = (*SMTPSender)(nil)

// NewSMTPSender configures a sender from a URL:
//
//	smtp://user:pass@host:587              STARTTLS when offered
//	smtp://user:pass@host:587?tls=starttls STARTTLS required
//	smtps://user:pass@host:465             implicit TLS
//	smtp://localhost:1025?tls=none         plain (mailpit, the built-in listener)
//
// Further query parameters: insecure=1 (skip certificate checks, tests
// only), helo=name, timeout=duration (default 60s).
func NewSMTPSender(rawURL string) (*SMTPSender, error) {
	u, q, err := parseServerURL(rawURL, map[string]string{"smtp": "587", "smtps": "465"})
	if err != nil {
		return nil, err
	}
	s := &SMTPSender{Addr: u.Host, LocalName: q.Get("helo"), Timeout: 60 * time.Second}
	s.Username, s.Password = userPass(u)
	s.TLS, s.TLSConfig, err = tlsFromURL(u, q, "smtps")
	if err != nil {
		return nil, err
	}
	if v := q.Get("timeout"); v != "" {
		if s.Timeout, err = time.ParseDuration(v); err != nil || s.Timeout <= 0 {
			return nil, fmt.Errorf("mail: smtp url: bad timeout %q", v)
		}
	}
	return s, nil
}

// Send delivers raw to the recipients. Any refused recipient fails the whole
// message (the outbox retries or fails it as one).
func (s *SMTPSender) Send(ctx context.Context, from string, to []string, raw []byte) error {
	if len(to) == 0 {
		return &SendError{Permanent: true, Op: "rcpt", Err: errors.New("no recipients")}
	}
	if s.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	c, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if s.Username != "" {
		if _, secure := c.TLSConnectionState(); !secure && s.TLS != TLSNone && s.TLS != TLSImplicit {
			// STARTTLS was not offered (or was stripped): never send the
			// password in clear unless the URL says tls=none.
			return &SendError{Op: "auth", Err: errors.New("server offers no STARTTLS; refusing to send credentials in plain text (use tls=none to allow)")}
		}
		if err := c.Auth(sasl.NewPlainClient("", s.Username, s.Password)); err != nil {
			return sendErr("auth", ctxErr(ctx, err))
		}
	}
	if err := c.Mail(from, nil); err != nil {
		return sendErr("mail", ctxErr(ctx, err))
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return sendErr("rcpt", ctxErr(ctx, err))
		}
	}
	w, err := c.Data()
	if err != nil {
		return sendErr("data", ctxErr(ctx, err))
	}
	if _, err := w.Write(raw); err != nil {
		return sendErr("data", ctxErr(ctx, err))
	}
	if err := w.Close(); err != nil {
		return sendErr("data", ctxErr(ctx, err))
	}
	_ = c.Quit()
	return nil
}

// dial connects and secures the connection as configured. The connection is
// closed when ctx ends, which aborts any exchange in progress.
func (s *SMTPSender) dial(ctx context.Context) (*smtp.Client, error) {
	conn, err := dialContext(ctx, s.Addr, s.TLS == TLSImplicit, s.tlsConfig())
	if err != nil {
		return nil, sendErr("dial", err)
	}
	var c *smtp.Client
	switch s.TLS {
	case TLSStartTLS, TLSOpportunistic:
		c, err = smtp.NewClientStartTLS(conn, s.tlsConfig())
		if err != nil && s.TLS == TLSOpportunistic && strings.Contains(err.Error(), "doesn't support STARTTLS") {
			// Not offered: go on in plain text on a fresh connection.
			if conn, err = dialContext(ctx, s.Addr, false, nil); err != nil {
				return nil, sendErr("dial", err)
			}
			c, err = smtp.NewClient(conn), nil
		}
		if err != nil {
			return nil, sendErr("tls", ctxErr(ctx, err))
		}
	default:
		c = smtp.NewClient(conn)
	}
	if s.LocalName != "" {
		if err := c.Hello(s.LocalName); err != nil {
			c.Close()
			return nil, sendErr("helo", ctxErr(ctx, err))
		}
	}
	return c, nil
}

func (s *SMTPSender) tlsConfig() *tls.Config {
	cfg := &tls.Config{}
	if s.TLSConfig != nil {
		cfg = s.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName, _, _ = net.SplitHostPort(s.Addr)
	}
	return cfg
}

// dialContext dials addr (with TLS when implicit), sets the connection
// deadline from ctx and closes the connection when ctx is done.
func dialContext(ctx context.Context, addr string, implicitTLS bool, cfg *tls.Config) (net.Conn, error) {
	d := &net.Dialer{Timeout: 30 * time.Second}
	var conn net.Conn
	var err error
	if implicitTLS {
		conn, err = (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	return &stoppingConn{Conn: conn, stop: stop}, nil
}

// stoppingConn releases the context watcher when closed.
type stoppingConn struct {
	net.Conn
	stop func() bool
}

func (c *stoppingConn) Close() error {
	c.stop()
	return c.Conn.Close()
}

// ctxErr prefers the context's error when ctx ended, so a cancelled send
// says so instead of "use of closed network connection".
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil && err != nil {
		var smtpErr *smtp.SMTPError
		if !errors.As(err, &smtpErr) {
			return fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
	}
	return err
}

// parseServerURL checks scheme and host of a server URL and fills in the
// default port of the scheme.
func parseServerURL(rawURL string, ports map[string]string) (*url.URL, url.Values, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, nil, fmt.Errorf("mail: server url: %w", err)
	}
	port, ok := ports[u.Scheme]
	if !ok {
		return nil, nil, fmt.Errorf("mail: server url: unsupported scheme %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, nil, errors.New("mail: server url: no host")
	}
	if u.Port() == "" {
		u.Host = net.JoinHostPort(u.Hostname(), port)
	}
	return u, u.Query(), nil
}

func userPass(u *url.URL) (string, string) {
	if u.User == nil {
		return "", ""
	}
	p, _ := u.User.Password()
	return u.User.Username(), p
}

func tlsFromURL(u *url.URL, q url.Values, implicitScheme string) (TLSMode, *tls.Config, error) {
	mode := TLSOpportunistic
	if u.Scheme == implicitScheme {
		mode = TLSImplicit
	}
	switch v := strings.ToLower(q.Get("tls")); v {
	case "":
	case "starttls", "none":
		if mode == TLSImplicit {
			return "", nil, fmt.Errorf("mail: server url: tls=%s with %s://", v, u.Scheme)
		}
		mode = TLSMode(v)
	case "implicit":
		mode = TLSImplicit
	default:
		return "", nil, fmt.Errorf("mail: server url: unknown tls=%q", v)
	}
	cfg := &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
	if b, _ := strconv.ParseBool(q.Get("insecure")); b {
		cfg.InsecureSkipVerify = true
	}
	return mode, cfg, nil
}
