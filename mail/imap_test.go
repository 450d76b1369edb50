package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

type literal struct {
	*bytes.Reader
}

func (l literal) Size() int64 { return l.Reader.Size() }

// startIMAP serves an in-memory IMAP server on loopback with user kd and an
// INBOX holding msgs; seen marks messages that are already \Seen.
func startIMAP(t *testing.T, tlsCfg *tls.Config, msgs [][]byte, seen map[int]bool) string {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("kd", "hemmelig")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	for i, m := range msgs {
		opts := &imap.AppendOptions{} // gotcha 17: nil options panic
		if seen[i] {
			opts.Flags = []imap.Flag{imap.FlagSeen}
		}
		if _, err := user.Append("INBOX", literal{bytes.NewReader(m)}, opts); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		TLSConfig:    tlsCfg,
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func corpusMessages(t *testing.T, n int) [][]byte {
	t.Helper()
	var out [][]byte
	for _, path := range emlFiles(t)[:n] {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// collector is a Handler that parses and remembers Message-IDs, failing for
// those in fail.
type collector struct {
	mu   sync.Mutex
	ids  []string
	fail map[string]bool
}

func (c *collector) handle(_ context.Context, raw []byte) error {
	in, err := ParseInbound(raw)
	if err != nil {
		return err
	}
	if c.fail[in.MessageID] {
		return errors.New("database busy")
	}
	c.mu.Lock()
	c.ids = append(c.ids, in.MessageID)
	c.mu.Unlock()
	return nil
}

func TestIMAPPollMarksSeenOnlyAfterHandler(t *testing.T) {
	t.Parallel()
	msgs := corpusMessages(t, 4)
	addr := startIMAP(t, nil, msgs, map[int]bool{3: true})
	p, err := NewIMAPPoller("imap://kd:hemmelig@" + addr + "/INBOX?tls=none")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := ParseInbound(msgs[1])
	c := &collector{fail: map[string]bool{first.MessageID: true}}
	ctx := context.Background()

	n, err := p.Poll(ctx, c.handle)
	if n != 2 || err == nil || !strings.Contains(err.Error(), "database busy") {
		t.Fatalf("first poll: n=%d err=%v, want 2 handled and the handler error", n, err)
	}
	c.fail = nil
	if n, err := p.Poll(ctx, c.handle); n != 1 || err != nil {
		t.Fatalf("second poll: n=%d err=%v, want the failed message again", n, err)
	}
	if n, err := p.Poll(ctx, c.handle); n != 0 || err != nil {
		t.Fatalf("third poll: n=%d err=%v, want nothing left", n, err)
	}
	if len(c.ids) != 3 || c.ids[2] != first.MessageID {
		t.Errorf("handled %v", c.ids)
	}
}

func TestIMAPPollTLSAndLogin(t *testing.T) {
	t.Parallel()
	cert := testCert(t)
	tests := []struct {
		name    string
		tls     *tls.Config
		url     string
		wantN   int
		wantErr string
	}{
		{"starttls required", cert, "imap://kd:hemmelig@%s?tls=starttls&insecure=1", 2, ""},
		{"starttls when offered", cert, "imap://kd:hemmelig@%s?insecure=1", 2, ""},
		{"plain when not offered", nil, "imap://kd:hemmelig@%s", 2, ""},
		{"untrusted certificate", cert, "imap://kd:hemmelig@%s?tls=starttls", 0, "certificate"},
		{"wrong password", nil, "imap://kd:feil@%s", 0, "login"},
		{"unknown mailbox", nil, "imap://kd:hemmelig@%s/Arkiv", 0, "select"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr := startIMAP(t, tt.tls, corpusMessages(t, 2), nil)
			p, err := NewIMAPPoller(fmt.Sprintf(tt.url, addr))
			if err != nil {
				t.Fatal(err)
			}
			c := &collector{}
			n, err := p.Poll(context.Background(), c.handle)
			if n != tt.wantN || (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("n=%d err=%v, want n=%d err containing %q", n, err, tt.wantN, tt.wantErr)
			}
		})
	}
}

func TestIMAPPollerURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url, addr, mailbox string
		tls                      TLSMode
		wantErr                  bool
	}{
		{"imap default", "imap://u:p@mail.example", "mail.example:143", "INBOX", TLSOpportunistic, false},
		{"imaps with folder", "imaps://u:p@mail.example/Support", "mail.example:993", "Support", TLSImplicit, false},
		{"bad batch", "imap://mail.example?batch=0", "", "", "", true},
		{"smtp scheme", "smtp://mail.example", "", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewIMAPPoller(tt.url)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err == nil && (p.Addr != tt.addr || p.Mailbox != tt.mailbox || p.TLS != tt.tls) {
				t.Errorf("got %+v", p)
			}
		})
	}
}
