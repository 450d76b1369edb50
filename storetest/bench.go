package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/claimdesk/claimdesk"
)

// BenchOpener opens a fresh database for a benchmark.
type BenchOpener func(b *testing.B) claimdesk.DB

// BenchCreateCase measures the raw case-insert rate through the store: one
// NextCaseSequence plus one CreateCase with its first event, in one WithTx,
// per iteration.
func BenchCreateCase(b *testing.B, open BenchOpener) {
	db := open(b)
	ctx := context.Background()
	s := db.Stores()
	sh := &claimdesk.Shop{ID: "bench", Name: "Bench", Country: claimdesk.Norway, Lang: claimdesk.Bokmal, CasePrefix: "B"}
	if err := s.Shops.CreateShop(ctx, sh); err != nil {
		b.Fatal(err)
	}
	cu := &claimdesk.Customer{ShopID: "bench", Kind: claimdesk.Consumer, Name: "Kari"}
	if err := s.Customers.CreateCustomer(ctx, cu); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := db.WithTx(ctx, func(s claimdesk.Stores) error {
			n, err := s.Cases.NextCaseSequence(ctx, "bench", 2026)
			if err != nil {
				return err
			}
			c := &claimdesk.Case{Number: fmt.Sprintf("B-2026-%07d", n), ShopID: "bench", Kind: claimdesk.KindDefect,
				Channel: "api", CustomerID: cu.ID, Subject: "Defekt", Description: "Virker ikke",
				Status: claimdesk.StatusOpen, Decision: claimdesk.DecisionRequested, Queue: "customer_service"}
			return s.Cases.CreateCase(ctx, c, []claimdesk.Event{{Type: "created", ActorKind: "api_key"}})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
