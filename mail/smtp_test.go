package mail

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testCert returns a self-signed certificate for 127.0.0.1 and localhost.
func testCert(t testing.TB) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

// sink is an in-process SMTP server that records what it receives and can
// be told to refuse.
type sink struct {
	mu       sync.Mutex
	msgs     []sinkMsg
	rcptErr  *smtp.SMTPError // refuse every RCPT with this
	dataErr  *smtp.SMTPError // refuse DATA with this
	authUser string          // require AUTH PLAIN with this user ("" = none)
	stall    time.Duration   // sleep before answering DATA
}

type sinkMsg struct {
	from string
	to   []string
	raw  []byte
}

type sinkSession struct {
	s      *sink
	authed bool
	msg    sinkMsg
}

func (s *sink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{s: s}, nil }

func (ss *sinkSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *sinkSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.authUser || pass != "hemmelig" {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.authUser != "" && !ss.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "auth required"}
	}
	ss.msg.from = from
	return nil
}

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
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
	time.Sleep(ss.s.stall)
	if ss.s.dataErr != nil {
		return ss.s.dataErr
	}
	ss.msg.raw = b
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, ss.msg)
	ss.s.mu.Unlock()
	return nil
}

func (ss *sinkSession) Reset()        { ss.msg = sinkMsg{} }
func (ss *sinkSession) Logout() error { return nil }

func (s *sink) received() []sinkMsg {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sinkMsg(nil), s.msgs...)
}

// startSink serves s on loopback; tlsCfg enables STARTTLS, implicit serves TLS from the start.
func startSink(t *testing.T, s *sink, tlsCfg *tls.Config, implicit bool) string {
	t.Helper()
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.TLSConfig = tlsCfg
	var ln net.Listener
	var err error
	if implicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", tlsCfg)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func testMessage(t testing.TB) []byte {
	t.Helper()
	m := sampleOutbound()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestSMTPSend(t *testing.T) {
	t.Parallel()
	cert := testCert(t)
	tests := []struct {
		name     string
		sink     *sink
		tls      *tls.Config
		implicit bool
		url      string // %s is the address
		wantErr  string // "", "temporary" or "permanent"
		wantCode int
	}{
		{"plain, STARTTLS not offered", &sink{}, nil, false, "smtp://%s", "", 0},
		{"tls=none", &sink{}, cert, false, "smtp://%s?tls=none", "", 0},
		{"opportunistic STARTTLS", &sink{}, cert, false, "smtp://%s?insecure=1", "", 0},
		{"required STARTTLS with auth", &sink{authUser: "kd"}, cert, false, "smtp://kd:hemmelig@%s?tls=starttls&insecure=1", "", 0},
		{"implicit TLS", &sink{authUser: "kd"}, cert, true, "smtps://kd:hemmelig@%s?insecure=1", "", 0},
		{"no password in plain text when STARTTLS is missing", &sink{authUser: "kd"}, nil, false, "smtp://kd:hemmelig@%s", "temporary", 0},
		{"password in plain text allowed with tls=none", &sink{authUser: "kd"}, nil, false, "smtp://kd:hemmelig@%s?tls=none", "", 0},
		{"STARTTLS required but not offered", &sink{}, nil, false, "smtp://%s?tls=starttls", "temporary", 0},
		{"untrusted certificate is temporary", &sink{}, cert, false, "smtp://%s?tls=starttls", "temporary", 0},
		{"bad password is permanent", &sink{authUser: "kd"}, cert, false, "smtp://kd:feil@%s?insecure=1", "permanent", 535},
		{"4xx greylisting is temporary", &sink{rcptErr: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "greylisted, try again"}}, nil, false, "smtp://%s", "temporary", 451},
		{"5xx unknown user is permanent", &sink{rcptErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}}, nil, false, "smtp://%s", "permanent", 550},
		{"4xx after DATA is temporary", &sink{dataErr: &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 3, 1}, Message: "disk full"}}, nil, false, "smtp://%s", "temporary", 452},
		{"5xx after DATA is permanent", &sink{dataErr: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "spam"}}, nil, false, "smtp://%s", "permanent", 554},
		{"timeout is temporary", &sink{stall: 2 * time.Second}, nil, false, "smtp://%s?timeout=300ms", "temporary", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			addr := startSink(t, tt.sink, tt.tls, tt.implicit)
			s, err := NewSMTPSender(strings.Replace(tt.url, "%s", addr, 1))
			if err != nil {
				t.Fatal(err)
			}
			raw := testMessage(t)
			err = s.Send(context.Background(), "support@dustin.example", []string{"kari@example.no"}, raw)
			switch tt.wantErr {
			case "":
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				got := tt.sink.received()
				if len(got) != 1 || string(got[0].raw) != string(raw) || got[0].to[0] != "kari@example.no" {
					t.Fatalf("sink got %d messages: %+v", len(got), got)
				}
			case "temporary":
				if !IsTemporary(err) || IsPermanent(err) {
					t.Fatalf("want temporary error, got %v", err)
				}
			case "permanent":
				if !IsPermanent(err) {
					t.Fatalf("want permanent error, got %v", err)
				}
			}
			var se *SendError
			if tt.wantCode != 0 && (!errors.As(err, &se) || se.Code != tt.wantCode) {
				t.Errorf("want code %d, got %v", tt.wantCode, err)
			}
		})
	}
}

func TestSMTPSendCancelled(t *testing.T) {
	t.Parallel()
	addr := startSink(t, &sink{stall: 3 * time.Second}, nil, false)
	s, err := NewSMTPSender("smtp://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = s.Send(ctx, "a@b.example", []string{"c@d.example"}, testMessage(t))
	if !IsTemporary(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want temporary deadline error, got %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("Send did not stop at the deadline")
	}
}

func TestSMTPSenderURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url string
		wantAddr  string
		wantTLS   TLSMode
		wantErr   bool
	}{
		{"smtp default port", "smtp://u:p@mail.example", "mail.example:587", TLSOpportunistic, false},
		{"smtps default port", "smtps://mail.example", "mail.example:465", TLSImplicit, false},
		{"starttls", "smtp://mail.example:2525?tls=starttls", "mail.example:2525", TLSStartTLS, false},
		{"none", "smtp://localhost:1025?tls=none", "localhost:1025", TLSNone, false},
		{"bad scheme", "http://mail.example", "", "", true},
		{"no host", "smtp://", "", "", true},
		{"starttls on smtps", "smtps://mail.example?tls=starttls", "", "", true},
		{"bad tls", "smtp://mail.example?tls=maybe", "", "", true},
		{"bad timeout", "smtp://mail.example?timeout=soon", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSMTPSender(tt.url)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && (s.Addr != tt.wantAddr || s.TLS != tt.wantTLS) {
				t.Errorf("got %s %s, want %s %s", s.Addr, s.TLS, tt.wantAddr, tt.wantTLS)
			}
		})
	}
}
