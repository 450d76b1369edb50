// Command load puts a running claimdesk under concurrent load and reports,
// per target, requests per second, latency percentiles and errors, each
// against a baseline measured in the same run (GET /healthz), because the
// ratio is what stays comparable on a noisy machine.
//
//	go run ./bench/load -url http://localhost:8080 -c 8 -d 10s \
//	    -key cd_… /s/dustin/help?q=angrerett /api/v1/shops/dustin/cases
//
// Targets are paths; those under /api/ get the API key as a bearer token.
// Without targets it loads the public help search of the demo shop dustin.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

func main() {
	base := flag.String("url", "http://localhost:8080", "the server")
	conc := flag.Int("c", 8, "concurrent clients")
	dur := flag.Duration("d", 10*time.Second, "how long to load each target")
	key := flag.String("key", "", "API key for targets under /api/")
	flag.Parse()
	targets := flag.Args()
	if len(targets) == 0 {
		targets = []string{"/s/dustin/help?q=angrerett"}
	}
	if err := run(context.Background(), os.Stdout, *base, *key, *conc, *dur, targets); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// Result is what one target did under load.
type Result struct {
	Target   string
	Requests int
	Errors   int // transport errors and non-2xx answers
	Elapsed  time.Duration
	P50, P95 time.Duration
	P99      time.Duration
}

// Rate returns requests per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

func run(ctx context.Context, out io.Writer, base, key string, conc int, d time.Duration, targets []string) error {
	if conc < 1 || d <= 0 {
		return fmt.Errorf("need at least one client and a positive duration")
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	baseline := Measure(ctx, client, base, "/healthz", "", conc, d)
	if baseline.Requests == 0 || baseline.Errors == baseline.Requests {
		return fmt.Errorf("%s/healthz does not answer: is claimdesk running there?", base)
	}
	w := tabwriter.NewWriter(out, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "target\treq/s\tp50\tp95\tp99\terrors\trate vs /healthz\t")
	for _, r := range append([]Result{baseline}, measureAll(ctx, client, base, key, conc, d, targets)...) {
		fmt.Fprintf(w, "%s\t%.0f\t%s\t%s\t%s\t%d\t%.3f\t\n", r.Target, r.Rate(), ms(r.P50), ms(r.P95), ms(r.P99), r.Errors, r.Rate()/baseline.Rate())
	}
	return w.Flush()
}

func measureAll(ctx context.Context, client *http.Client, base, key string, conc int, d time.Duration, targets []string) []Result {
	var out []Result
	for _, t := range targets {
		k := ""
		if strings.HasPrefix(t, "/api/") {
			k = key
		}
		out = append(out, Measure(ctx, client, base, t, k, conc, d))
	}
	return out
}

// Measure sends GET base+path from conc clients for d and sums up.
func Measure(ctx context.Context, client *http.Client, base, path, key string, conc int, d time.Duration) Result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu    sync.Mutex
		lat   []time.Duration
		errs  int
		wg    sync.WaitGroup
		start = time.Now()
	)
	for range conc {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			for ctx.Err() == nil {
				t0 := time.Now()
				ok := get(ctx, client, base+path, key)
				if ctx.Err() != nil {
					break // cut off by the end of the run: not counted
				}
				mine = append(mine, time.Since(t0))
				if !ok {
					bad++
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(lat)
	return Result{Target: path, Requests: len(lat), Errors: errs, Elapsed: time.Since(start),
		P50: pct(lat, 50), P95: pct(lat, 95), P99: pct(lat, 99)}
}

func get(ctx context.Context, client *http.Client, u, key string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := client.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode >= 200 && res.StatusCode <= 299
}

// pct returns the p-th percentile of sorted latencies (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (p*len(sorted) + 99) / 100
	return sorted[max(i-1, 0)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }
