package webhooks

import (
	"testing"
	"time"
)

func TestNextAttemptSchedule(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)
	// The Standard Webhooks example schedule, delay after the previous failure.
	want := []time.Duration{0, 5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour,
		5 * time.Hour, 10 * time.Hour, 14 * time.Hour, 20 * time.Hour, 24 * time.Hour}
	if MaxAttempts != len(want) {
		t.Fatalf("MaxAttempts = %d, want %d", MaxAttempts, len(want))
	}
	tests := []struct {
		name   string
		rnd    float64
		factor float64
	}{
		{"no jitter", 0.5, 1},
		{"least", 0, 0.9},
		{"most", 0.999999999, 1.1},
		{"out of range low is clamped", -3, 0.9},
		{"out of range high is clamped", 7, 1.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for attempt, d := range want {
				got, ok := NextAttempt(attempt, now, func() float64 { return tt.rnd })
				if !ok {
					t.Fatalf("attempt %d: exhausted", attempt)
				}
				exp := time.Duration(float64(d) * tt.factor)
				if diff := got.Sub(now) - exp; diff < -time.Millisecond || diff > time.Millisecond {
					t.Errorf("attempt %d: delay %v, want %v", attempt, got.Sub(now), exp)
				}
			}
		})
	}
}

func TestNextAttemptExhaustion(t *testing.T) {
	t.Parallel()
	now := time.Now()
	for _, attempt := range []int{MaxAttempts, MaxAttempts + 1, 1000} {
		if at, ok := NextAttempt(attempt, now, nil); ok || !at.IsZero() {
			t.Errorf("NextAttempt(%d) = %v, %v; want exhausted", attempt, at, ok)
		}
	}
	if at, ok := NextAttempt(-1, now, nil); !ok || !at.Equal(now) {
		t.Errorf("NextAttempt(-1) = %v, %v; want now", at, ok)
	}
	// Default randomness stays within ±10 %.
	for range 200 {
		at, ok := NextAttempt(2, now, nil)
		if d := at.Sub(now); !ok || d < 270*time.Second || d > 330*time.Second {
			t.Fatalf("NextAttempt(2) delay %v", d)
		}
	}
	// The whole schedule spans about 75.5 hours.
	var total time.Duration
	for _, d := range Schedule() {
		total += d
	}
	if want := 75*time.Hour + 35*time.Minute + 5*time.Second; total != want {
		t.Errorf("schedule spans %v, want %v", total, want)
	}
	s := Schedule()
	s[1] = time.Hour
	if Schedule()[1] != 5*time.Second {
		t.Error("Schedule returned its own array")
	}
}
