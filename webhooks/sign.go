// Package webhooks sends claimdesk's case events to shop platforms as
// Standard Webhooks (https://www.standardwebhooks.com): the event catalogue
// and its OpenAPI description, the JSON envelope, HMAC-SHA256 signing and
// verification, one HTTP delivery attempt with its outcome classified, and
// the retry schedule. It touches no database: the caller stores endpoints and
// deliveries and runs the durable job that calls Sender.Deliver.
package webhooks

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names of the Standard Webhooks specification.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// SecretPrefix marks a symmetric signing secret.
const SecretPrefix = "whsec_"

// DefaultTolerance is how far a webhook-timestamp may lie from the receiver's
// clock, either way, when Verify is given no tolerance.
const DefaultTolerance = 5 * time.Minute

// Bounds on the decoded secret: 24 to 64 bytes (192 to 512 bits), as the
// specification asks.
const (
	minSecretBytes = 24
	maxSecretBytes = 64
	secretBytes    = 32 // what NewSecret draws
)

// Errors returned by Sign and Verify. Verify wraps them, so test with
// errors.Is.
var (
	ErrInvalidSecret     = errors.New("webhooks: invalid secret")
	ErrMissingHeader     = errors.New("webhooks: missing webhook header")
	ErrInvalidHeader     = errors.New("webhooks: malformed webhook header")
	ErrTimestampTooOld   = errors.New("webhooks: timestamp too old")
	ErrTimestampTooNew   = errors.New("webhooks: timestamp too far in the future")
	ErrSignatureMismatch = errors.New("webhooks: no matching signature")
)

// NewSecret returns a fresh signing secret: "whsec_" followed by the standard
// base64 of 32 random bytes.
func NewSecret() (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhooks: reading random bytes: %w", err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b), nil
}

// NewMessageID returns a fresh message id, "msg_" followed by 22 random
// URL-safe base64 characters (128 bits). Keep the id of a message across its
// retries: receivers use it to drop duplicates.
func NewMessageID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhooks: reading random bytes: %w", err)
	}
	return "msg_" + base64.RawURLEncoding.EncodeToString(b), nil
}

// decodeSecrets parses one secret, or several separated by spaces, into HMAC
// keys. The "whsec_" prefix is optional, so a receiver may paste either form.
func decodeSecrets(secrets string) ([][]byte, error) {
	fields := strings.Fields(secrets)
	if len(fields) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrInvalidSecret)
	}
	keys := make([][]byte, 0, len(fields))
	for i, s := range fields {
		key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, SecretPrefix))
		if err != nil {
			return nil, fmt.Errorf("%w: secret %d is not base64", ErrInvalidSecret, i+1)
		}
		if len(key) < minSecretBytes || len(key) > maxSecretBytes {
			return nil, fmt.Errorf("%w: secret %d has %d bytes, want %d to %d",
				ErrInvalidSecret, i+1, len(key), minSecretBytes, maxSecretBytes)
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// validID reports whether id can be signed: non-empty, at most 256 bytes,
// printable ASCII without full stops or spaces (a full stop would make the
// signed content ambiguous).
func validID(id string) bool {
	if id == "" || len(id) > 256 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' || c == '.' {
			return false
		}
	}
	return true
}

// mac returns HMAC-SHA256(key, id "." unix "." body).
func mac(key []byte, id, unix string, body []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(id))
	h.Write([]byte{'.'})
	h.Write([]byte(unix))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}

// Sign returns the webhook-signature header value for a message:
// "v1," + base64(HMAC-SHA256(key, id.timestamp.body)), where key is the
// base64-decoded secret without its "whsec_" prefix and timestamp is ts in
// unix seconds. During a secret rotation, pass the secrets separated by
// spaces (newest first): each signs, and the signatures are joined by spaces.
// It fails with ErrInvalidSecret, or ErrInvalidHeader for an id that is empty,
// longer than 256 bytes, or holds anything but printable ASCII without "."
// and " ".
func Sign(secret, id string, ts time.Time, body []byte) (string, error) {
	keys, err := decodeSecrets(secret)
	if err != nil {
		return "", err
	}
	if !validID(id) {
		return "", fmt.Errorf("%w: message id %q", ErrInvalidHeader, id)
	}
	unix := strconv.FormatInt(ts.Unix(), 10)
	sigs := make([]string, len(keys))
	for i, key := range keys {
		sigs[i] = "v1," + base64.StdEncoding.EncodeToString(mac(key, id, unix, body))
	}
	return strings.Join(sigs, " "), nil
}

// Verify checks a received webhook: the three webhook-* headers must be
// present, the timestamp within tolerance of now either way (DefaultTolerance
// when tolerance ≤ 0), and at least one "v1," signature in the space-separated
// webhook-signature header must match body under secret. secret may hold
// several secrets separated by spaces (a receiver rotating its own); any may
// match; several webhook-signature header lines count as one list. Header
// names are matched case-insensitively, also in an http.Header built by hand.
// body must be the raw request body, byte for byte, not re-encoded
// JSON. Signatures are compared in constant time. The error wraps one of
// ErrInvalidSecret, ErrMissingHeader, ErrInvalidHeader, ErrTimestampTooOld,
// ErrTimestampTooNew or ErrSignatureMismatch. Verify does not remember ids:
// a receiver that must not act twice keeps webhook-id for longer than the
// tolerance and drops repeats.
func Verify(secret string, header http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	keys, err := decodeSecrets(secret)
	if err != nil {
		return err
	}
	id, unix := headerValue(header, HeaderID), headerValue(header, HeaderTimestamp)
	sigs := strings.Join(headerValues(header, HeaderSignature), " ")
	switch {
	case id == "":
		return fmt.Errorf("%w: %s", ErrMissingHeader, HeaderID)
	case unix == "":
		return fmt.Errorf("%w: %s", ErrMissingHeader, HeaderTimestamp)
	case sigs == "":
		return fmt.Errorf("%w: %s", ErrMissingHeader, HeaderSignature)
	}
	if !validID(id) {
		return fmt.Errorf("%w: %s", ErrInvalidHeader, HeaderID)
	}
	ts, err := parseUnix(unix)
	if err != nil {
		return err
	}
	if err := checkTimestamp(ts, now, tolerance); err != nil {
		return err
	}
	return matchSignature(keys, id, unix, body, sigs)
}

// headerValues returns the values of the header name, also when h was built
// by hand with keys that are not in canonical form ("webhook-id").
func headerValues(h http.Header, name string) []string {
	if vs := h.Values(name); len(vs) > 0 {
		return vs
	}
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs
		}
	}
	return nil
}

// headerValue returns the first value of the header name, or "".
func headerValue(h http.Header, name string) string {
	if vs := headerValues(h, name); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// parseUnix parses a webhook-timestamp: 1 to 18 decimal digits.
func parseUnix(s string) (int64, error) {
	if len(s) > 18 {
		return 0, fmt.Errorf("%w: %s", ErrInvalidHeader, HeaderTimestamp)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%w: %s", ErrInvalidHeader, HeaderTimestamp)
		}
	}
	return strconv.ParseInt(s, 10, 64) // cannot fail: ≤ 18 digits
}

// checkTimestamp compares in whole seconds, so the check cannot overflow.
func checkTimestamp(ts int64, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	tol := int64(tolerance / time.Second)
	n := now.Unix()
	switch {
	case ts < n-tol:
		return fmt.Errorf("%w: %d s before now", ErrTimestampTooOld, n-ts)
	case ts > n+tol:
		return fmt.Errorf("%w: %d s after now", ErrTimestampTooNew, ts-n)
	}
	return nil
}

// matchSignature looks for a v1 signature among the space-separated entries
// of header that equals the MAC under any key. Entries of other versions
// (v1a, future ones) and undecodable entries are skipped, not errors: a
// receiver must accept a header as long as one entry matches.
func matchSignature(keys [][]byte, id, unix string, body []byte, header string) error {
	want := make([][]byte, len(keys))
	for i, key := range keys {
		want[i] = mac(key, id, unix, body)
	}
	for _, entry := range strings.Fields(header) {
		version, sig, ok := strings.Cut(entry, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err != nil || len(got) != sha256.Size {
			continue
		}
		for _, w := range want {
			if hmac.Equal(got, w) {
				return nil
			}
		}
	}
	return ErrSignatureMismatch
}
