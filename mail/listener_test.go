package mail

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
)

func startListener(t *testing.T, cfg ListenerConfig, h Handler) string {
	t.Helper()
	l := NewListener(cfg, h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go l.Serve(ln)
	t.Cleanup(func() { l.Close() })
	return ln.Addr().String()
}

func TestListener(t *testing.T) {
	t.Parallel()
	raw := testMessage(t)
	tests := []struct {
		name     string
		from     string
		to       []string
		maxBytes int64
		failWith error
		wantErr  string // "", "temporary", "permanent"
		wantCode int
	}{
		{"accepted for our domain", "kari@example.no", []string{"support+DUS-26-000123-5@Dustin.example"}, 0, nil, "", 0},
		{"bounce with null sender", "", []string{"support@dustin.example"}, 0, nil, "", 0},
		{"other domain refused: no open relay", "kari@example.no", []string{"someone@elsewhere.example"}, 0, nil, "permanent", 550},
		{"too large", "kari@example.no", []string{"support@dustin.example"}, 200, nil, "permanent", 552},
		{"handler failure asks to retry", "kari@example.no", []string{"support@dustin.example"}, 0, errors.New("db down"), "temporary", 451},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var got []*Inbound
			h := func(_ context.Context, b []byte) error {
				if tt.failWith != nil {
					return tt.failWith
				}
				in, err := ParseInbound(b)
				if err != nil {
					return err
				}
				mu.Lock()
				got = append(got, in)
				mu.Unlock()
				return nil
			}
			addr := startListener(t, ListenerConfig{Domains: []string{"dustin.example"}, MaxBytes: tt.maxBytes}, h)
			s, err := NewSMTPSender("smtp://" + addr + "?tls=none")
			if err != nil {
				t.Fatal(err)
			}
			err = s.Send(context.Background(), tt.from, tt.to, raw)
			var se *SendError
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Send: %v", err)
			case tt.wantErr == "permanent" && !IsPermanent(err), tt.wantErr == "temporary" && !IsTemporary(err):
				t.Fatalf("want %s error, got %v", tt.wantErr, err)
			case tt.wantCode != 0 && (!errors.As(err, &se) || se.Code != tt.wantCode):
				t.Fatalf("want code %d, got %v", tt.wantCode, err)
			}
			if tt.wantErr != "" {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if len(got) != 1 {
				t.Fatalf("handler got %d messages", len(got))
			}
			in := got[0]
			if in.ReturnPath != strings.ToLower(tt.from) || !in.HasReturnPath {
				t.Errorf("Return-Path %q", in.ReturnPath)
			}
			if len(in.DeliveredTo) != 1 || in.DeliveredTo[0] != strings.ToLower(tt.to[0]) {
				t.Errorf("Delivered-To %q", in.DeliveredTo)
			}
			if tt.from == "" && !in.IsAutomatic() {
				t.Errorf("null sender not seen as automatic")
			}
		})
	}
}
