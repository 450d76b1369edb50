package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
)

// ListenerConfig configures the built-in SMTP listener.
type ListenerConfig struct {
	// Domains whose mail is accepted (e.g. "support.shop.no"); recipients in
	// other domains are refused with 550, so the listener is no open relay.
	Domains []string
	// Hostname is announced in the greeting; "localhost" if empty.
	Hostname string
	// MaxBytes is the largest message accepted (default 25 MiB).
	MaxBytes int64
	// MaxRecipients per message (default 50).
	MaxRecipients int
	// TLSConfig enables STARTTLS when set.
	TLSConfig *tls.Config
	// HandlerTimeout bounds one Handler call (default 60s).
	HandlerTimeout time.Duration
	Logger         *slog.Logger
}

// Listener is an SMTP server that accepts mail for the configured domains
// and hands each message to a Handler, the same one the IMAP poller uses.
// It prepends Return-Path and Delivered-To like a delivering MTA would, so
// that ParseInbound sees the envelope. A Handler error answers 451 (the
// sending server retries); success answers 250.
type Listener struct {
	cfg    ListenerConfig
	h      Handler
	server *smtp.Server
}

// NewListener returns a listener; call Serve with a net.Listener.
func NewListener(cfg ListenerConfig, h Handler) *Listener {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 25 << 20
	}
	if cfg.MaxRecipients <= 0 {
		cfg.MaxRecipients = 50
	}
	if cfg.HandlerTimeout <= 0 {
		cfg.HandlerTimeout = 60 * time.Second
	}
	if cfg.Hostname == "" {
		cfg.Hostname = "localhost"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	l := &Listener{cfg: cfg, h: h}
	s := smtp.NewServer(listenerBackend{l})
	s.Domain = cfg.Hostname
	s.MaxMessageBytes = cfg.MaxBytes
	s.MaxRecipients = cfg.MaxRecipients
	s.ReadTimeout = 2 * time.Minute
	s.WriteTimeout = 2 * time.Minute
	s.TLSConfig = cfg.TLSConfig
	s.EnableSMTPUTF8 = true
	l.server = s
	return l
}

// Serve accepts connections on ln until Close or Shutdown.
func (l *Listener) Serve(ln net.Listener) error {
	err := l.server.Serve(ln)
	if errors.Is(err, smtp.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting and waits for open sessions to end or ctx to expire.
func (l *Listener) Shutdown(ctx context.Context) error { return l.server.Shutdown(ctx) }

// Close stops the listener at once.
func (l *Listener) Close() error { return l.server.Close() }

// listenerBackend keeps go-smtp's Backend method off Listener's API.
type listenerBackend struct{ l *Listener }

func (b listenerBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &listenerSession{l: b.l, remote: c.Conn().RemoteAddr().String()}, nil
}

type listenerSession struct {
	l       *Listener
	remote  string
	from    string
	hasFrom bool
	rcpts   []string
}

func (s *listenerSession) Reset() { s.from, s.hasFrom, s.rcpts = "", false, nil }

func (s *listenerSession) Logout() error { return nil }

func (s *listenerSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from, s.hasFrom = from, true
	return nil
}

func (s *listenerSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	_, domain, ok := strings.Cut(strings.ToLower(to), "@")
	if !ok || !s.l.accepts(domain) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "relaying denied"}
	}
	s.rcpts = append(s.rcpts, strings.ToLower(to))
	return nil
}

func (s *listenerSession) Data(r io.Reader) error {
	if !s.hasFrom || len(s.rcpts) == 0 {
		return &smtp.SMTPError{Code: 503, EnhancedCode: smtp.EnhancedCode{5, 5, 1}, Message: "need MAIL and RCPT first"}
	}
	var buf bytes.Buffer
	buf.WriteString("Return-Path: <" + s.from + ">\r\n")
	for _, rc := range s.rcpts {
		buf.WriteString("Delivered-To: " + rc + "\r\n")
	}
	if _, err := io.Copy(&buf, r); err != nil {
		return err // go-smtp answers 552 for an oversized message
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.l.cfg.HandlerTimeout)
	defer cancel()
	if err := s.l.h(ctx, buf.Bytes()); err != nil {
		s.l.cfg.Logger.Warn("smtp listener: handler failed", "remote", s.remote, "from", s.from, "err", err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	return nil
}

func (l *Listener) accepts(domain string) bool {
	for _, d := range l.cfg.Domains {
		if strings.EqualFold(d, domain) {
			return true
		}
	}
	return false
}
