// Command mailsink is a development tool: it runs claimdesk's built-in SMTP
// listener on loopback, prints what ParseInbound, Triage and the auto-reply
// check make of every message it receives, and saves the raw message as an
// .eml file (handy for new corpus cases).
//
//	go run ./mail/cmd/mailsink -addr 127.0.0.1:2525 -domains dustin.example,compumail.example -dir /tmp/mailsink
//
// Then point a sender at smtp://127.0.0.1:2525?tls=none, or use swaks:
//
//	swaks --server 127.0.0.1:2525 --to support@dustin.example --from kari@example.no --header "Subject: Ordre 1234567 kom knust"
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/mail"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:2525", "listen address")
	domains := flag.String("domains", "dustin.example", "comma-separated domains to accept mail for")
	dir := flag.String("dir", "", "directory to save received messages as .eml (optional)")
	maxBytes := flag.Int64("max-bytes", 25<<20, "largest message accepted")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, strings.Split(*domains, ","), *dir, *maxBytes, log); err != nil {
		log.Error("mailsink", "err", err)
		os.Exit(1)
	}
}

func run(addr string, domains []string, dir string, maxBytes int64, log *slog.Logger) error {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	handle := func(_ context.Context, raw []byte) error {
		in, err := mail.ParseInbound(raw)
		if err != nil {
			return err
		}
		summary := map[string]any{
			"message_id":    in.MessageID,
			"from":          in.From,
			"subject":       in.Subject,
			"recipients":    in.Recipients(),
			"auto":          in.Auto,
			"auto_reason":   in.AutoReason,
			"case_numbers":  mail.CaseNumbers(in.Subject),
			"order_numbers": mail.OrderNumbers(in.Subject + "\n" + in.Text),
			"triage":        mail.Triage(in.Subject, in.Text),
			"attachments":   in.Attachments,
			"text":          in.Text,
		}
		out, _ := json.MarshalIndent(summary, "", "  ")
		fmt.Println(string(out))
		if dir != "" {
			name := filepath.Join(dir, time.Now().UTC().Format("20060102T150405.000000000")+".eml")
			return os.WriteFile(name, raw, 0o644)
		}
		return nil
	}
	l := mail.NewListener(mail.ListenerConfig{Domains: domains, MaxBytes: maxBytes, Logger: log}, handle)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = l.Shutdown(shutdown)
	}()
	log.Info("mailsink listening", "addr", ln.Addr().String(), "domains", domains)
	return l.Serve(ln)
}
