package mailbox_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/demo"
	"github.com/claimdesk/claimdesk/jobs"
	"github.com/claimdesk/claimdesk/mail"
	"github.com/claimdesk/claimdesk/mailbox"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/storetest"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-smtp"
)

// clock is the test's clock, shared by the service, the mailer and the runner.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// start is a Monday morning in Oslo.
var start = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// desk is a service with the mailer wired in, on a real database with the
// demo loaded, and a real SMTP server on loopback.
type desk struct {
	t      *testing.T
	db     claimdesk.DB
	svc    *casework.Service
	mailer *mailbox.Mailer
	runner *jobs.Runner
	clk    *clock
	smtp   *sink
	opts   mailbox.Options
}

func newDesk(t *testing.T, open storetest.Opener) *desk {
	t.Helper()
	db := open(t)
	engine, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: start}
	svc := casework.New(db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{}, Now: clk.now})
	if _, err := demo.Load(context.Background(), db, demo.Options{Now: start, HashPassword: func(string) (string, error) { return "x", nil }, NewPassword: func() string { return "p" }}); err != nil {
		t.Fatal(err)
	}
	s := &sink{}
	addr := startSink(t, s)
	d := &desk{t: t, db: db, svc: svc, clk: clk, smtp: s,
		opts: mailbox.Options{BaseURL: "https://desk.example", SMTPURL: "smtp://" + addr + "?tls=none&timeout=5s", Now: clk.now}}
	d.restart()
	return d
}

// restart starts a new mailer and runner on the same database, as a new
// process would.
func (d *desk) restart() {
	d.mailer = mailbox.New(d.db, d.svc, d.opts)
	d.svc.SetNotifier(d.mailer)
	d.svc.SetAccountMailer(d.mailer)
	d.runner = jobs.New(d.db, jobs.Options{Worker: "test", Now: d.clk.now})
	d.svc.RegisterJobs(d.runner)
	d.mailer.RegisterJobs(d.runner)
}

// as acts as the user with the email (an agent when shop is "").
func (d *desk) as(shop, email string) context.Context {
	d.t.Helper()
	kind := claimdesk.AgentUser
	if shop != "" {
		kind = claimdesk.CustomerUser
	}
	u, err := d.db.Stores().Users.FindUserByEmail(context.Background(), kind, shop, email)
	if err != nil {
		d.t.Fatalf("user %s: %v", email, err)
	}
	return claimdesk.WithActor(context.Background(), claimdesk.ActorFromUser(u))
}

// runJobsAt moves the clock and runs what is due.
func (d *desk) runJobsAt(t time.Time) {
	d.t.Helper()
	d.clk.set(t)
	if _, err := d.runner.RunOnce(context.Background()); err != nil {
		d.t.Fatal(err)
	}
}

// outbox lists the case's outbound mail.
func (d *desk) outbox(caseID int64) []*claimdesk.OutboundMail {
	d.t.Helper()
	list, err := d.db.Stores().Mail.ListCaseMail(context.Background(), caseID)
	if err != nil {
		d.t.Fatal(err)
	}
	return list
}

// messages lists the case's messages.
func (d *desk) messages(caseID int64) []claimdesk.Message {
	d.t.Helper()
	list, err := d.db.Stores().Cases.ListMessages(context.Background(), caseID)
	if err != nil {
		d.t.Fatal(err)
	}
	return list
}

// sink is an in-process SMTP server that records what it receives and can
// be told to refuse recipients.
type sink struct {
	mu      sync.Mutex
	msgs    []sinkMsg
	rcptErr *smtp.SMTPError
}

type sinkMsg struct {
	from string
	to   []string
	raw  []byte
}

func (s *sink) refuse(e *smtp.SMTPError) { s.mu.Lock(); s.rcptErr = e; s.mu.Unlock() }

func (s *sink) received() []sinkMsg {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sinkMsg(nil), s.msgs...)
}

func (s *sink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s: s}, nil }

type sinkSession struct {
	s   *sink
	msg sinkMsg
}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error { ss.msg.from = from; return nil }

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if ss.s.rcptErr != nil {
		return ss.s.rcptErr
	}
	ss.msg.to = append(ss.msg.to, to)
	return nil
}

func (ss *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.msg.raw = b
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, ss.msg)
	ss.s.mu.Unlock()
	return nil
}

func (ss *sinkSession) Reset()        { ss.msg = sinkMsg{} }
func (ss *sinkSession) Logout() error { return nil }

// startSink serves s in plain text on loopback and returns its address.
func startSink(t *testing.T, s *sink) string {
	t.Helper()
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// literal gives a reader the Size imapmemserver's Append wants.
type literal struct{ *bytes.Reader }

func (l literal) Size() int64 { return l.Reader.Size() }

// imapBox is an in-memory IMAP server with user kd and an INBOX.
type imapBox struct {
	user *imapmemserver.User
	url  string
}

func startIMAP(t *testing.T) *imapBox {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("kd", "hemmelig")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &imapBox{user: user, url: "imap://kd:hemmelig@" + ln.Addr().String() + "/INBOX?tls=none&timeout=5s"}
}

// deliver appends a message to the INBOX, unseen.
func (b *imapBox) deliver(t *testing.T, raw []byte) {
	t.Helper()
	if _, err := b.user.Append("INBOX", literal{bytes.NewReader(raw)}, &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
}

// poll hands the INBOX's unseen messages to the mailer.
func (d *desk) poll(b *imapBox, shopID string) int {
	d.t.Helper()
	p, err := mail.NewIMAPPoller(b.url)
	if err != nil {
		d.t.Fatal(err)
	}
	n, err := p.Poll(context.Background(), func(ctx context.Context, raw []byte) error { return d.mailer.Receive(ctx, shopID, raw) })
	if err != nil {
		d.t.Fatal(err)
	}
	return n
}
