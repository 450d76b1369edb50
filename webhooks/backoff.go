package webhooks

import (
	"math/rand/v2"
	"time"
)

// schedule is the example retry schedule of the Standard Webhooks
// specification ("Deliverability and reliability"): the delay before each
// attempt, counted from the failure of the one before. Ten attempts span
// about 75.5 hours.
var schedule = [...]time.Duration{
	0,
	5 * time.Second,
	5 * time.Minute,
	30 * time.Minute,
	2 * time.Hour,
	5 * time.Hour,
	10 * time.Hour,
	14 * time.Hour,
	20 * time.Hour,
	24 * time.Hour,
}

// MaxAttempts is how many attempts NextAttempt allows a message.
const MaxAttempts = len(schedule)

// Jitter is the fraction by which NextAttempt varies each delay, either way.
const Jitter = 0.10

// Schedule returns the delays before each attempt, without jitter: attempt 1
// at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after
// the failure before.
func Schedule() []time.Duration { return append([]time.Duration(nil), schedule[:]...) }

// NextAttempt returns when to make the next attempt of a message that has
// been attempted attempt times so far (0 for a new message), counting from
// now (the failure of the last attempt), with the delay varied by ±10 %:
// rnd returns a number in [0, 1), nil means math/rand/v2. It returns false
// once MaxAttempts attempts have been made: give up, mark the message failed
// and tell the shop. When the last Result had a RetryAfter, wait at least
// that long.
func NextAttempt(attempt int, now time.Time, rnd func() float64) (time.Time, bool) {
	if attempt >= MaxAttempts {
		return time.Time{}, false
	}
	d := schedule[max(attempt, 0)]
	if d == 0 {
		return now, true
	}
	if rnd == nil {
		rnd = rand.Float64
	}
	r := min(max(rnd(), 0), 1)
	factor := 1 - Jitter + 2*Jitter*r
	return now.Add(time.Duration(float64(d) * factor)), true
}
