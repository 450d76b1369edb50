package webhooks

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds Verify arbitrary headers and bodies: it must never panic,
// and must accept only what Sign produced for exactly that id, timestamp and
// body. Seeds live in testdata/fuzz/FuzzVerify. Run by hand with
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
