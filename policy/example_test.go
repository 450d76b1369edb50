package policy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claimdesk/claimdesk/policy"
)

const exampleWithdrawal = `{"id": "ex-withdrawal", "shop": "digitallassmed", "customer": {"kind": "consumer", "country": "NO", "lang": "%s"},
 "order": {"ordered_on": "2026-04-28", "currency": "NOK", "delivery_fee": 129.00,
  "extra_fees": [{"code": "emergency_order", "amount": 450.00}],
  "lines": [{"sku": "KS-20", "category": "key_safe", "quantity": 1, "unit_price": 2490.00}],
  "deliveries": [{"delivered_on": "2026-05-03", "skus": ["KS-20"]}]},
 "case": {"kind": "withdrawal", "opened_on": "2026-05-18", "skus": [{"sku": "KS-20", "quantity": 1}]}}`

const exampleComplaint = `{"id": "ex-complaint", "shop": "compumail", "customer": {"kind": "consumer", "country": "SE", "lang": "%s"},
 "order": {"ordered_on": "2025-02-15", "currency": "SEK", "delivery_fee": 0,
  "lines": [{"sku": "NB-ZB14", "category": "laptop", "quantity": 1, "unit_price": 11990.00}],
  "deliveries": [{"delivered_on": "2025-02-18", "skus": ["NB-ZB14"]}]},
 "case": {"kind": "defect", "opened_on": "2027-04-14", "discovered_on": "2027-04-02",
  "skus": [{"sku": "NB-ZB14", "quantity": 1}],
  "description": "Fläkten låter högt och datorn stänger av sig under belastning."}}`

func assessOne(e *policy.Engine, scenario string) {
	var out strings.Builder
	if _, err := policy.RunAssess(strings.NewReader(strings.ReplaceAll(scenario, "\n", "")), &out, e); err != nil {
		panic(err)
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(out.String()), "", "  "); err != nil {
		panic(err)
	}
	fmt.Print(b.String())
}

// A withdrawal whose last day, 17 May 2026, is a Sunday and Norway's
// Constitution Day, judged in Norwegian bokmål.
func ExampleRunAssess_withdrawal() {
	e, err := policy.Default()
	if err != nil {
		panic(err)
	}
	assessOne(e, fmt.Sprintf(exampleWithdrawal, "nb"))
	// Output:
	// {
	//   "id": "ex-withdrawal",
	//   "eligible": true,
	//   "deadline": "2026-05-18",
	//   "goods_due": "2026-06-01",
	//   "route": "shop",
	//   "reasons": [],
	//   "fees": [
	//     {
	//       "code": "return_fee",
	//       "amount": 250.00,
	//       "currency": "NOK"
	//     }
	//   ],
	//   "possible_fees": [],
	//   "refund": {
	//     "amount": 2369.00,
	//     "currency": "NOK"
	//   },
	//   "explanation": [
	//     {
	//       "rule": "withdrawal.deadline_extended",
	//       "source": "angrerettloven § 20",
	//       "text": "Angrefristen går ut 18. mai 2026 (angrerettloven § 20, forlenget fordi 17. mai 2026 er helligdag)."
	//     },
	//     {
	//       "rule": "withdrawal.goods_due",
	//       "source": "angrerettloven § 25",
	//       "text": "Send varene tilbake innen 1. juni 2026 (angrerettloven § 25)."
	//     },
	//     {
	//       "rule": "fee.return_fee",
	//       "source": "shop terms: Ångerrätt",
	//       "text": "Butikken trekker et returgebyr på 250,00 NOK (butikkens vilkår, «Ångerrätt»)."
	//     },
	//     {
	//       "rule": "refund.full",
	//       "source": "shop terms: Ångerrätt",
	//       "text": "Du får tilbake 2 369,00 NOK når varene er kommet tilbake (butikkens vilkår, «Ångerrätt»)."
	//     },
	//     {
	//       "rule": "refund.extra_fees",
	//       "source": "shop terms: Ångerrätt",
	//       "text": "Tilleggstjenester som hastebestilling refunderes ikke (butikkens vilkår, «Ångerrätt»)."
	//     }
	//   ],
	//   "error": null
	// }
}

// The same withdrawal in English.
func ExampleRunAssess_withdrawalEnglish() {
	e, _ := policy.Default()
	assessOne(e, fmt.Sprintf(exampleWithdrawal, "en"))
	// Output:
	// {
	//   "id": "ex-withdrawal",
	//   "eligible": true,
	//   "deadline": "2026-05-18",
	//   "goods_due": "2026-06-01",
	//   "route": "shop",
	//   "reasons": [],
	//   "fees": [
	//     {
	//       "code": "return_fee",
	//       "amount": 250.00,
	//       "currency": "NOK"
	//     }
	//   ],
	//   "possible_fees": [],
	//   "refund": {
	//     "amount": 2369.00,
	//     "currency": "NOK"
	//   },
	//   "explanation": [
	//     {
	//       "rule": "withdrawal.deadline_extended",
	//       "source": "angrerettloven § 20",
	//       "text": "The withdrawal period runs until 18 May 2026 (angrerettloven § 20, extended because 17 May 2026 is a public holiday)."
	//     },
	//     {
	//       "rule": "withdrawal.goods_due",
	//       "source": "angrerettloven § 25",
	//       "text": "Send the goods back by 1 June 2026 (angrerettloven § 25)."
	//     },
	//     {
	//       "rule": "fee.return_fee",
	//       "source": "shop terms: Ångerrätt",
	//       "text": "The shop deducts a return fee of NOK 250.00 (the shop's terms, “Ångerrätt”)."
	//     },
	//     {
	//       "rule": "refund.full",
	//       "source": "shop terms: Ångerrätt",
	//       "text": "You get NOK 2,369.00 back once the goods are back (the shop's terms, “Ångerrätt”)."
	//     },
	//     {
	//       "rule": "refund.extra_fees",
	//       "source": "shop terms: Ångerrätt",
	//       "text": "Paid extras such as an emergency order are not refunded (the shop's terms, “Ångerrätt”)."
	//     }
	//   ],
	//   "error": null
	// }
}

// A Swedish consumer's complaint after the shop's 24 months, within the
// law's 3 years, judged in Swedish.
func ExampleRunAssess_complaint() {
	e, _ := policy.Default()
	assessOne(e, fmt.Sprintf(exampleComplaint, "sv"))
	// Output:
	// {
	//   "id": "ex-complaint",
	//   "eligible": true,
	//   "deadline": "2028-02-18",
	//   "goods_due": "2027-05-05",
	//   "route": "shop",
	//   "reasons": [
	//     "statutory_floor"
	//   ],
	//   "fees": [],
	//   "possible_fees": [
	//     {
	//       "code": "unjustified_complaint_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "third_party_software_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "illegal_software_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "no_fault_found_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "technician_hour",
	//       "amount": 500.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "withdrawal_as_complaint_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     }
	//   ],
	//   "refund": null,
	//   "explanation": [
	//     {
	//       "rule": "complaint.deadline",
	//       "source": "konsumentköplagen (2022:260) 5 kap. 4 §",
	//       "text": "Du kan reklamera till och med 18 februari 2028, 36 månader efter leveransen (konsumentköplagen (2022:260) 5 kap. 4 §)."
	//     },
	//     {
	//       "rule": "complaint.statutory_floor",
	//       "source": "konsumentköplagen (2022:260) 5 kap. 4 §",
	//       "text": "Lagen ger dig 36 månader, mer än de 24 månader som butikens villkor anger (konsumentköplagen (2022:260) 5 kap. 4 §)."
	//     },
	//     {
	//       "rule": "complaint.goods_due",
	//       "source": "shop terms: 2. Reklamationsrätt",
	//       "text": "Varan ska vara butiken tillhanda senast 5 maj 2027 (butikens villkor, ”2. Reklamationsrätt”)."
	//     }
	//   ],
	//   "error": null
	// }
}

// The same complaint in English.
func ExampleRunAssess_complaintEnglish() {
	e, _ := policy.Default()
	assessOne(e, fmt.Sprintf(exampleComplaint, "en"))
	// Output:
	// {
	//   "id": "ex-complaint",
	//   "eligible": true,
	//   "deadline": "2028-02-18",
	//   "goods_due": "2027-05-05",
	//   "route": "shop",
	//   "reasons": [
	//     "statutory_floor"
	//   ],
	//   "fees": [],
	//   "possible_fees": [
	//     {
	//       "code": "unjustified_complaint_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "third_party_software_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "illegal_software_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "no_fault_found_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "technician_hour",
	//       "amount": 500.00,
	//       "currency": "SEK"
	//     },
	//     {
	//       "code": "withdrawal_as_complaint_fee",
	//       "amount": 300.00,
	//       "currency": "SEK"
	//     }
	//   ],
	//   "refund": null,
	//   "explanation": [
	//     {
	//       "rule": "complaint.deadline",
	//       "source": "konsumentköplagen (2022:260) 5 kap. 4 §",
	//       "text": "You can complain until 18 February 2028, 36 months after delivery (konsumentköplagen (2022:260) 5 kap. 4 §)."
	//     },
	//     {
	//       "rule": "complaint.statutory_floor",
	//       "source": "konsumentköplagen (2022:260) 5 kap. 4 §",
	//       "text": "The law gives you 36 months, more than the 24 months the shop's terms state (konsumentköplagen (2022:260) 5 kap. 4 §)."
	//     },
	//     {
	//       "rule": "complaint.goods_due",
	//       "source": "shop terms: 2. Reklamationsrätt",
	//       "text": "The goods must reach the shop by 5 May 2027 (the shop's terms, “2. Reklamationsrätt”)."
	//     }
	//   ],
	//   "error": null
	// }
}
