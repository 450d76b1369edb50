package webhooks

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds Verify arbitrary headers and bodies: it must never panic,
// must accept only what Sign produced for exactly that id, timestamp and
// body, and must accept whatever Sign produces, but not for another body. Seeds live in testdata/fuzz/FuzzVerify. Run by hand with
//
//	go test ./webhooks/ -run '^$' -fuzz FuzzVerify -fuzztime 30s
func FuzzVerify(f *testing.F) {
	f.Add(vecID, strconv.Itoa(vecUnix), vecSig, []byte(vecBody))
	now := time.Unix(vecUnix, 0)
	f.Fuzz(func(t *testing.T, id, ts, sig string, body []byte) {
		h := http.Header{}
		h.Set(HeaderID, id)
		h.Set(HeaderTimestamp, ts)
		h.Set(HeaderSignature, sig)
		roundTrip(t, id, body, now)
		err := Verify(vecSecret, h, body, now, time.Hour)
		if err != nil {
			return
		}
		// Accepted: the header must carry exactly what Sign gives for the
		// values as received.
		unix, perr := strconv.ParseInt(h.Get(HeaderTimestamp), 10, 64)
		if perr != nil {
			t.Fatalf("accepted an unparsable timestamp %q", ts)
		}
		want, serr := Sign(vecSecret, h.Get(HeaderID), time.Unix(unix, 0), body)
		if serr != nil {
			t.Fatalf("accepted an id Sign refuses: %v", serr)
		}
		found := false
		for _, f := range strings.Fields(h.Get(HeaderSignature)) {
			found = found || f == want
		}
		if !found {
			t.Fatalf("accepted %q, which holds no %q", sig, want)
		}
	})
}

// roundTrip signs body under id and checks that Verify accepts it, and
// rejects it for the body with one more byte.
func roundTrip(t *testing.T, id string, body []byte, now time.Time) {
	sig, err := Sign(vecSecret, id, now, body)
	if err != nil {
		return // an id Sign refuses
	}
	h := headers(id, strconv.FormatInt(now.Unix(), 10), sig)
	if err := Verify(vecSecret, h, body, now, 0); err != nil {
		t.Fatalf("Verify rejects what Sign made: %v", err)
	}
	if err := Verify(vecSecret, h, append(body[:len(body):len(body)], 'x'), now, 0); err == nil {
		t.Fatal("Verify accepts a longer body")
	}
}
