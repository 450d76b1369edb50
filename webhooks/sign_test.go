package webhooks

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test vector published with the Standard Webhooks reference libraries,
// re-computed independently with
//
//	echo -n 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
//	  openssl dgst -sha256 -mac HMAC -binary \
//	  -macopt hexkey:31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0 | base64
const (
	vecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vecUnix   = 1614265330
	vecBody   = `{"test": 2432232314}`
	vecSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

// A second vector, ours: key bytes 0x00…0x1f, the specification's minified
// example body, computed with
//
//	echo -n "$content" | openssl dgst -sha256 -mac HMAC -binary \
//	  -macopt hexkey:000102…1e1f | base64
const (
	vec2Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	vec2ID     = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
	vec2Unix   = 1674087231
	vec2Body   = `{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}`
	vec2Sig    = "v1,4PMU5Dl90B4kgwxDpwuMZ/cnZ5ztf+Y+kviYQD66rJg="
)

func TestSignKnownVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, secret, id string
		unix             int64
		body, want       string
	}{
		{"standard webhooks vector", vecSecret, vecID, vecUnix, vecBody, vecSig},
		{"standard webhooks vector without prefix", strings.TrimPrefix(vecSecret, SecretPrefix), vecID, vecUnix, vecBody, vecSig},
		{"openssl vector", vec2Secret, vec2ID, vec2Unix, vec2Body, vec2Sig},
		{"rotation signs with both, in order", vec2Secret + " " + vecSecret, vecID, vecUnix, vecBody,
			"v1,O4Gjv1HqPqsMrjmczoggs/sWA8gZD0VyHG+fLh4+ktI= " + vecSig /* openssl, key 0x00…0x1f */},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Sign(tt.secret, tt.id, time.Unix(tt.unix, 999_000_000).In(time.FixedZone("CET", 3600)), []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Sign = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSignRejects(t *testing.T) {
	t.Parallel()
	long := SecretPrefix + base64.StdEncoding.EncodeToString(make([]byte, 65))
	tests := []struct {
		name, secret, id string
		want             error
	}{
		{"empty secret", "", vecID, ErrInvalidSecret},
		{"blank secret", "   ", vecID, ErrInvalidSecret},
		{"secret not base64", "whsec_not*base64", vecID, ErrInvalidSecret},
		{"secret too short", "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, 23)), vecID, ErrInvalidSecret},
		{"secret too long", long, vecID, ErrInvalidSecret},
		{"second secret bad", vecSecret + " whsec_x", vecID, ErrInvalidSecret},
		{"empty id", vecSecret, "", ErrInvalidHeader},
		{"id with full stop", vecSecret, "msg_a.b", ErrInvalidHeader},
		{"id with space", vecSecret, "msg a", ErrInvalidHeader},
		{"id with non-ASCII", vecSecret, "msg_æøå", ErrInvalidHeader},
		{"id too long", vecSecret, "msg_" + strings.Repeat("x", 253), ErrInvalidHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Sign(tt.secret, tt.id, time.Unix(vecUnix, 0), []byte(vecBody))
			if !errors.Is(err, tt.want) {
				t.Errorf("Sign error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestNewSecretAndMessageID(t *testing.T) {
	t.Parallel()
	a, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewSecret()
	if a == b || !strings.HasPrefix(a, SecretPrefix) {
		t.Fatalf("NewSecret = %q, %q: want distinct whsec_ secrets", a, b)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(a, SecretPrefix))
	if err != nil || len(key) != 32 {
		t.Fatalf("NewSecret key: %d bytes, %v; want 32", len(key), err)
	}
	id, err := NewMessageID()
	if err != nil {
		t.Fatal(err)
	}
	id2, _ := NewMessageID()
	if id == id2 || !strings.HasPrefix(id, "msg_") || len(id) != 26 || !validID(id) {
		t.Fatalf("NewMessageID = %q, %q", id, id2)
	}
	now := time.Now()
	sig, err := Sign(a, id, now, []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(a, headers(id, strconv.FormatInt(now.Unix(), 10), sig), []byte("{}"), now, 0); err != nil {
		t.Fatalf("round trip: %v", err)
	}
}

func headers(id, ts, sig string) http.Header {
	h := http.Header{}
	if id != "" {
		h.Set(HeaderID, id)
	}
	if ts != "" {
		h.Set(HeaderTimestamp, ts)
	}
	if sig != "" {
		h.Set(HeaderSignature, sig)
	}
	return h
}

func TestVerify(t *testing.T) {
	t.Parallel()
	const otherSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	otherSig, err := Sign(otherSecret, vecID, time.Unix(vecUnix, 0), []byte(vecBody))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Unix(vecUnix, 0)
	ts := strconv.Itoa(vecUnix)
	tests := []struct {
		name      string
		secret    string
		h         http.Header
		body      string
		now       time.Time
		tolerance time.Duration
		want      error // nil: accepted
	}{
		{"good", vecSecret, headers(vecID, ts, vecSig), vecBody, at, 0, nil},
		{"good, secret without prefix", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", headers(vecID, ts, vecSig), vecBody, at, 0, nil},
		{"good, canonical header names", vecSecret, http.Header{
			"Webhook-Id": {vecID}, "Webhook-Timestamp": {ts}, "Webhook-Signature": {vecSig}}, vecBody, at, 0, nil},
		{"good, lower-case keys built by hand", vecSecret, http.Header{
			HeaderID: {vecID}, HeaderTimestamp: {ts}, HeaderSignature: {vecSig}}, vecBody, at, 0, nil},
		{"good, signatures on two header lines", vecSecret, http.Header{
			"Webhook-Id": {vecID}, "Webhook-Timestamp": {ts}, "Webhook-Signature": {otherSig, vecSig}}, vecBody, at, 0, nil},
		{"tampered body", vecSecret, headers(vecID, ts, vecSig), `{"test": 2432232315}`, at, 0, ErrSignatureMismatch},
		{"body re-encoded", vecSecret, headers(vecID, ts, vecSig), `{"test":2432232314}`, at, 0, ErrSignatureMismatch},
		{"tampered id", vecSecret, headers("msg_other", ts, vecSig), vecBody, at, 0, ErrSignatureMismatch},
		{"tampered timestamp", vecSecret, headers(vecID, strconv.Itoa(vecUnix+1), vecSig), vecBody, at, 0, ErrSignatureMismatch},
		{"wrong secret", otherSecret, headers(vecID, ts, vecSig), vecBody, at, 0, ErrSignatureMismatch},
		{"old timestamp", vecSecret, headers(vecID, ts, vecSig), vecBody, at.Add(5*time.Minute + time.Second), 0, ErrTimestampTooOld},
		{"old timestamp at the edge", vecSecret, headers(vecID, ts, vecSig), vecBody, at.Add(5 * time.Minute), 0, nil},
		{"old timestamp, own tolerance", vecSecret, headers(vecID, ts, vecSig), vecBody, at.Add(time.Minute + time.Second), time.Minute, ErrTimestampTooOld},
		{"future timestamp", vecSecret, headers(vecID, ts, vecSig), vecBody, at.Add(-5*time.Minute - time.Second), 0, ErrTimestampTooNew},
		{"future timestamp at the edge", vecSecret, headers(vecID, ts, vecSig), vecBody, at.Add(-5 * time.Minute), 0, nil},
		{"rotation: old secret matches second signature", vecSecret, headers(vecID, ts, otherSig+" "+vecSig), vecBody, at, 0, nil},
		{"rotation: new secret matches first signature", otherSecret, headers(vecID, ts, otherSig+" "+vecSig), vecBody, at, 0, nil},
		{"rotation: receiver holds two secrets", otherSecret + " " + vecSecret, headers(vecID, ts, vecSig), vecBody, at, 0, nil},
		{"rotation: neither matches", vecSecret, headers(vecID, ts, otherSig+" "+otherSig), vecBody, at, 0, ErrSignatureMismatch},
		{"unknown versions skipped", vecSecret, headers(vecID, ts, "v1a,AAAA v2,xyz "+vecSig), vecBody, at, 0, nil},
		{"only v1a", vecSecret, headers(vecID, ts, "v1a"+vecSig[2:]), vecBody, at, 0, ErrSignatureMismatch},
		{"signature not base64", vecSecret, headers(vecID, ts, "v1,!!!"), vecBody, at, 0, ErrSignatureMismatch},
		{"signature truncated", vecSecret, headers(vecID, ts, vecSig[:20]), vecBody, at, 0, ErrSignatureMismatch},
		{"signature without version", vecSecret, headers(vecID, ts, vecSig[3:]), vecBody, at, 0, ErrSignatureMismatch},
		{"signature comma-separated", vecSecret, headers(vecID, ts, otherSig+","+vecSig), vecBody, at, 0, ErrSignatureMismatch},
		{"missing id", vecSecret, headers("", ts, vecSig), vecBody, at, 0, ErrMissingHeader},
		{"missing timestamp", vecSecret, headers(vecID, "", vecSig), vecBody, at, 0, ErrMissingHeader},
		{"missing signature", vecSecret, headers(vecID, ts, ""), vecBody, at, 0, ErrMissingHeader},
		{"no headers", vecSecret, http.Header{}, vecBody, at, 0, ErrMissingHeader},
		{"timestamp in milliseconds", vecSecret, headers(vecID, ts+"000", vecSig), vecBody, at, 0, ErrTimestampTooNew},
		{"timestamp not a number", vecSecret, headers(vecID, "16142653x0", vecSig), vecBody, at, 0, ErrInvalidHeader},
		{"timestamp signed", vecSecret, headers(vecID, "+"+ts, vecSig), vecBody, at, 0, ErrInvalidHeader},
		{"timestamp negative", vecSecret, headers(vecID, "-1", vecSig), vecBody, at, 0, ErrInvalidHeader},
		{"timestamp huge", vecSecret, headers(vecID, strings.Repeat("9", 30), vecSig), vecBody, at, 0, ErrInvalidHeader},
		{"timestamp RFC 3339", vecSecret, headers(vecID, "2021-02-25T15:02:10Z", vecSig), vecBody, at, 0, ErrInvalidHeader},
		{"id with full stop", vecSecret, headers("msg.1", ts, vecSig), vecBody, at, 0, ErrInvalidHeader},
		{"bad secret", "whsec_short", headers(vecID, ts, vecSig), vecBody, at, 0, ErrInvalidSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Verify(tt.secret, tt.h, []byte(tt.body), tt.now, tt.tolerance)
			if tt.want == nil && err != nil {
				t.Fatalf("Verify = %v, want nil", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}
