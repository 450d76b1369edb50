package helpcenter

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"
)

// system is one search implementation under comparison: it returns the
// text of its suggested answer, or "" for none.
type system struct {
	name   string
	answer func(c evalCase) (string, error)
	close  func()
}

// measure runs the eval set through s reps times and returns the share of
// answerable and unanswerable questions it gets right and its latencies.
func measure(s system, cases []evalCase, reps int) (ans, unans float64, lat []time.Duration, err error) {
	var t tally
	for r := 0; r < reps; r++ {
		for _, c := range cases {
			start := time.Now()
			text, err := s.answer(c)
			lat = append(lat, time.Since(start))
			if err != nil {
				return 0, 0, nil, fmt.Errorf("%s: %s: %w", s.name, c.ID, err)
			}
			if r == 0 {
				var res KBResult
				if text != "" {
					res.Answer = &Hit{Text: text}
				}
				t.add(c, judge(c, res))
			}
		}
	}
	ans, unans = t.rates()
	return ans, unans, lat, nil
}

func percentile(lat []time.Duration, p float64) time.Duration {
	s := slices.Clone(lat)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func engineSystem(arts []Article) system {
	lib := NewLibrary(arts)
	return system{name: "helpcenter (this package)", close: func() {}, answer: func(c evalCase) (string, error) {
		r := lib.Search(Query{Shop: c.Shop, Q: c.Q, Lang: c.Lang})
		if r.Answer == nil {
			return "", nil
		}
		return r.Answer.Text, nil
	}}
}

// fts5System is the plain SQLite baseline: FTS5 with its default
// tokenizer, the question's words quoted and OR-ed, ranked by bm25, the
// top hit taken as the answer.
func fts5System(b *testing.B, arts []Article) system {
	db, err := sql.Open("sqlite", filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	mustExec(b, db, `CREATE VIRTUAL TABLE kb USING fts5(shop UNINDEXED, title, body, full UNINDEXED)`)
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range arts {
		if _, err := tx.Exec(`INSERT INTO kb(shop, title, body, full) VALUES (?, ?, ?, ?)`, a.Shop, a.Title, a.Body, a.Text()); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	stmt, err := db.Prepare(`SELECT full FROM kb WHERE kb MATCH ? AND shop = ? ORDER BY bm25(kb) LIMIT 1`)
	if err != nil {
		b.Fatal(err)
	}
	return system{name: "SQLite FTS5 bm25 (words OR-ed)", close: func() { stmt.Close(); db.Close() }, answer: func(c evalCase) (string, error) {
		var quoted []string
		for _, w := range words(c.Q) {
			quoted = append(quoted, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		}
		if len(quoted) == 0 {
			return "", nil
		}
		var text string
		err := stmt.QueryRow(strings.Join(quoted, " OR "), c.Shop).Scan(&text)
		if err == sql.ErrNoRows {
			return "", nil
		}
		return text, err
	}}
}

func mustExec(b *testing.B, db *sql.DB, q string) {
	b.Helper()
	if _, err := db.Exec(q); err != nil {
		b.Fatal(err)
	}
}

// pgConfigs maps article languages to PostgreSQL text search configs.
var pgConfigs = map[string]string{"nb": "norwegian", "nn": "norwegian", "sv": "swedish", "da": "danish", "en": "english"}

// pgSystem is PostgreSQL full-text search: to_tsvector with the article
// language's config, websearch_to_tsquery of the question in that same
// config, ts_rank order, the top hit as the answer. It runs in a schema
// of its own, dropped afterwards.
func pgSystem(b *testing.B, dsn string, arts []Article) system {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	schema := fmt.Sprintf("helpcenter_bench_%d", os.Getpid())
	for _, q := range []string{
		`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE`,
		`CREATE SCHEMA ` + schema,
		`CREATE TABLE ` + schema + `.kb (shop text, cfg regconfig, full_text text, tsv tsvector)`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	batch := &pgx.Batch{}
	for _, a := range arts {
		batch.Queue(`INSERT INTO `+schema+`.kb VALUES ($1, $2::regconfig, $3, to_tsvector($2::regconfig, $3))`, a.Shop, pgConfigs[a.Lang], a.Text())
	}
	if err := conn.SendBatch(ctx, batch).Close(); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE INDEX ON `+schema+`.kb USING gin (tsv)`); err != nil {
		b.Fatal(err)
	}
	query := `SELECT full_text FROM ` + schema + `.kb WHERE shop = $1 AND tsv @@ websearch_to_tsquery(cfg, $2)
		ORDER BY ts_rank(tsv, websearch_to_tsquery(cfg, $2)) DESC LIMIT 1`
	return system{name: "PostgreSQL FTS (websearch_to_tsquery)", close: func() {
		_, _ = conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
		_ = conn.Close(ctx)
	}, answer: func(c evalCase) (string, error) {
		var text string
		err := conn.QueryRow(ctx, query, c.Shop, c.Q).Scan(&text)
		if err == pgx.ErrNoRows {
			return "", nil
		}
		return text, err
	}}
}

// BenchmarkCompare compares answer quality and latency on the eval set of
// this package's engine, a plain SQLite FTS5 baseline and, when
// CLAIMDESK_TEST_POSTGRES holds a DSN, PostgreSQL full-text search. Run
// with -benchtime=1x; the timed loop is the engine answering the eval set.
func BenchmarkCompare(b *testing.B) {
	cases := loadEval(b)
	arts := SeedArticles()
	systems := []system{engineSystem(arts), fts5System(b, arts)}
	if dsn := os.Getenv("CLAIMDESK_TEST_POSTGRES"); dsn != "" {
		systems = append(systems, pgSystem(b, dsn, arts))
	}
	table := []string{"| system | answerable right | unanswerable right | p50 latency | p99 latency |", "| --- | --- | --- | --- | --- |"}
	keys := []string{"engine", "fts5", "postgres"}
	metrics := map[string]float64{}
	for i, s := range systems {
		ans, unans, lat, err := measure(s, cases, 5)
		s.close()
		if err != nil {
			b.Fatal(err)
		}
		p50, p99 := percentile(lat, 0.50), percentile(lat, 0.99)
		table = append(table, fmt.Sprintf("| %s | %.2f | %.2f | %s | %s |", s.name, ans, unans, p50.Round(time.Microsecond), p99.Round(time.Microsecond)))
		metrics[keys[i]+"_answerable"] = ans
		metrics[keys[i]+"_unanswerable"] = unans
		metrics[keys[i]+"_p99_µs"] = float64(p99.Microseconds())
	}
	b.Log("\n" + strings.Join(table, "\n"))
	engine := systems[0]
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cases {
			_, _ = engine.answer(c)
		}
	}
	for k, v := range metrics { // after the loop: ResetTimer drops metrics
		b.ReportMetric(v, k)
	}
}

// synthArticles makes n articles for one shop by varying the seed
// articles: each copy gets a numbered title, and a quarter of its body
// words are swapped for words drawn from the other seed articles.
func synthArticles(n int) []Article {
	seed := SeedArticles()
	var vocab []string
	for _, a := range seed {
		vocab = append(vocab, strings.Fields(a.Body)...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]Article, n)
	for i := range out {
		a := seed[i%len(seed)]
		ws := strings.Fields(a.Body)
		for j := range ws {
			if rng.IntN(4) == 0 {
				ws[j] = vocab[rng.IntN(len(vocab))]
			}
		}
		a.ID = fmt.Sprintf("synth/%d", i)
		a.Shop = "bench"
		a.Title = fmt.Sprintf("%s (%d)", a.Title, i)
		a.Body = strings.Join(ws, " ")
		out[i] = a
	}
	return out
}

// BenchmarkSearch10k measures query latency on one shop of 10 000
// articles with the eval questions; it reports p50 and p99 per query (run
// with -benchtime=20x or more for a stable p99).
func BenchmarkSearch10k(b *testing.B) {
	start := time.Now()
	ix := BuildIndex("bench", synthArticles(10000))
	build := time.Since(start)
	runtime.GC() // measure queries, not the collection of the build's garbage
	cases := loadEval(b)
	b.ReportAllocs()
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cases {
			t0 := time.Now()
			ix.Search(Query{Shop: "bench", Q: c.Q, Lang: c.Lang})
			lat = append(lat, time.Since(t0))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(percentile(lat, 0.50).Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99_ms")
	b.ReportMetric(build.Seconds(), "build_s")
}
