package webhooks

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPublicAddress(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
	}{
		{"93.184.215.14", true},
		{"2a00:1450:400f:80d::200e", true},
		{"127.0.0.1", false},           // loopback
		{"::1", false},                 // loopback
		{"10.1.2.3", false},            // RFC 1918
		{"172.16.0.1", false},          // RFC 1918
		{"192.168.1.1", false},         // RFC 1918
		{"169.254.169.254", false},     // link-local: cloud metadata service
		{"fe80::1", false},             // link-local
		{"fd00::1", false},             // unique local
		{"100.64.0.1", false},          // carrier-grade NAT
		{"0.0.0.0", false},             // unspecified
		{"224.0.0.1", false},           // multicast
		{"255.255.255.255", false},     // broadcast
		{"198.18.0.1", false},          // benchmarking
		{"192.0.2.10", false},          // documentation
		{"::ffff:127.0.0.1", false},    // IPv4-mapped loopback
		{"::ffff:8.8.8.8", true},       // IPv4-mapped public
		{"64:ff9b::a00:1", false},      // NAT64 of 10.0.0.1
		{"2002:a00:1::1", false},       // 6to4 of 10.0.0.1
		{"2001:db8::1", false},         // documentation
		{"100::1", false},              // discard-only
		{"8.8.8.8", true},              // public
		{"185.199.108.153", true},      // public
		{"203.0.113.9", false},         // documentation
		{"240.0.0.1", false},           // reserved
		{"::", false},                  // unspecified
		{"ff02::1", false},             // multicast
		{"2606:4700:4700::1111", true}, // public
	}
	for _, tt := range tests {
		if got := PublicAddress(netip.MustParseAddr(tt.addr)); got != tt.public {
			t.Errorf("PublicAddress(%s) = %v, want %v", tt.addr, got, tt.public)
		}
	}
}

// A guarded sender never reaches a receiver on a private address, by IP or
// by a name that resolves to one, and gives up at once: the guard would
// refuse every retry too.
func TestGuardedClientRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	secret, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	guarded := &Sender{Client: GuardedClient(5 * time.Second)}
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, url := range []string{srv.URL, "http://localhost" + port + "/hook"} {
		r := guarded.Deliver(context.Background(), url, secret, "msg_1", time.Now(), []byte(`{}`))
		if r.OK() || !r.Permanent || r.Retry || !strings.Contains(r.Err, "private or reserved address") {
			t.Errorf("%s: result %+v, want a permanent refusal naming the private address", url, r)
		}
		if strings.Contains(r.Err, "/hook") {
			t.Errorf("error repeats the URL: %q", r.Err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the receiver got %d requests through the guard", n)
	}
	// The same receiver is reachable without the guard: the refusal above is
	// the guard's doing, not a broken server.
	if r := (&Sender{}).Deliver(context.Background(), srv.URL, secret, "msg_1", time.Now(), []byte(`{}`)); !r.OK() {
		t.Fatalf("unguarded delivery: %+v", r)
	}
}
