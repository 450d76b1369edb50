package policy

import (
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

func countryOf(s string) calendar.Country { return calendar.Country(s) }

func TestFeesForFinding(t *testing.T) {
	e := testEngine(t)
	sek := func(code string, minor claimdesk.Minor) Fee {
		return Fee{Code: code, Money: claimdesk.Money{Amount: minor, Currency: "SEK"}}
	}
	tests := []struct {
		name    string
		shop    string
		finding string
		q       FeeQuery
		want    []Fee
	}{
		{"confirmed fault is free (Dir. 2019/771 art. 14)", "compumail", "fault_confirmed", FeeQuery{Kind: "defect"}, nil},
		{"no fault found, no technician (Felfri vara)", "compumail", "no_fault_found", FeeQuery{Kind: "defect"},
			[]Fee{sek("no_fault_found_fee", 30000)}},
		{"no fault found, 61 technician minutes = 2 started hours (Felfri vara)", "compumail", "no_fault_found",
			FeeQuery{Kind: "defect", TechnicianMinutes: 61}, []Fee{sek("no_fault_found_fee", 30000), sek("technician_hour", 100000)}},
		{"liquid damage (Oberättigad reklamation)", "compumail", "liquid_damage", FeeQuery{Kind: "defect"},
			[]Fee{sek("unjustified_complaint_fee", 30000)}},
		{"physical damage (Oberättigad reklamation)", "compumail", "physical_damage", FeeQuery{Kind: "defect", Business: true},
			[]Fee{sek("unjustified_complaint_fee", 30000)}},
		{"third-party software (Oberättigad reklamation)", "compumail", "third_party_software", FeeQuery{Kind: "defect"},
			[]Fee{sek("third_party_software_fee", 30000)}},
		{"illegal software (Oberättigad reklamation)", "compumail", "illegal_software", FeeQuery{Kind: "defect"},
			[]Fee{sek("illegal_software_fee", 30000)}},
		{"insufficient description (Felaktig felbeskrivning)", "compumail", "description_insufficient", FeeQuery{Kind: "defect"},
			[]Fee{sek("description_fee", 30000)}},
		{"Find My on (smartphones och surfplattor)", "compumail", "find_my_enabled", FeeQuery{Kind: "defect"},
			[]Fee{sek("find_my_fee", 30000)}},
		{"withdrawal sent as complaint", "compumail", "withdrawal_sent_as_complaint", FeeQuery{Kind: "defect"},
			[]Fee{sek("withdrawal_as_complaint_fee", 30000)}},
		{"missing box: value deduction judged case by case (Ångerrätt)", "digitallassmed", "missing_original_box",
			FeeQuery{Kind: "withdrawal"}, []Fee{{Code: "value_deduction", CaseByCase: true}}},
		{"value deduction does not apply to complaints", "digitallassmed", "diminished_value", FeeQuery{Kind: "defect"}, nil},
		{"Dustin announces no fees", "dustin", "no_fault_found", FeeQuery{Kind: "defect"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FeesForFinding(e.Terms(tt.shop), tt.finding, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("fee %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
	if _, err := FeesForFinding(e.Terms("compumail"), "gremlins", FeeQuery{}); err == nil {
		t.Error("unknown finding accepted")
	}
}
