package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/storetest"
)

// BenchmarkCaseCreate compares opening cases over HTTP (API key, JSON,
// validation, the policy engine, number, events and message in one
// transaction) with the raw insert of a case row and its event through the
// store, on the same database in the same run. It reports both rates and
// their ratio; the ratio is what to compare across machines.
func BenchmarkCaseCreate(b *testing.B) {
	for name := range storetest.Dialects() {
		b.Run(name, func(b *testing.B) {
			f := newBenchFixture(b, name)
			raw := rawInsertRate(b, f.db, 2000)
			body := []byte(`{"kind":"defect","order":"5004127733","lines":[{"sku":"DELL-U2724D","quantity":1}],"description":"Skjermen flimrer når den står på 144 Hz."}`)
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				req, _ := http.NewRequest("POST", f.url+"/api/v1/shops/dustin/cases", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+f.key)
				req.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusCreated {
					b.Fatalf("status %d", res.StatusCode)
				}
			}
			httpRate := float64(b.N) / time.Since(start).Seconds()
			b.ReportMetric(httpRate, "http-cases/s")
			b.ReportMetric(raw, "raw-inserts/s")
			b.ReportMetric(httpRate/raw, "http/raw")
		})
	}
}

// rawInsertRate inserts n cases straight through the store.
func rawInsertRate(b *testing.B, db claimdesk.DB, n int) float64 {
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < n; i++ {
		err := db.WithTx(ctx, func(s claimdesk.Stores) error {
			seq, err := s.Cases.NextCaseSequence(ctx, "digitallassmed", 2099)
			if err != nil {
				return err
			}
			c := &claimdesk.Case{Number: fmt.Sprintf("RAW-99-%06d-0", seq), ShopID: "digitallassmed", Kind: claimdesk.KindGeneral, Channel: "api",
				CustomerID: 1, Subject: "raw", Status: claimdesk.StatusOpen, Decision: claimdesk.DecisionRequested, Logistics: claimdesk.LogisticsNone,
				Money: claimdesk.MoneyNone, Ladder: claimdesk.LadderCustomerService, Queue: "customer_service", CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC(), Version: 1}
			return s.Cases.CreateCase(ctx, c, []claimdesk.Event{{Type: "case.opened", ActorKind: "system", At: c.CreatedAt}})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}
