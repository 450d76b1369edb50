package notify

import (
	gotime "time"

	"github.com/claimdesk/claimdesk"
)

// sample holds the sentences a caller passes in already localised.
type sample struct {
	shop        Shop
	prefix      string
	currency    string
	customer    string
	summary     string
	explain     []string
	packing     []string
	fee         string
	note        string
	agent       string
	agentText   string
	ombudsman   string
	body        string
	bodyURL     string
	lines       []Line
	company     string
	inviter     string
	closeOnRule bool // Compumail: the case closes if the goods do not arrive in 3 weeks
}

// samples are realistic examples: Dustin (nb), Belysning Proff (nn),
// Compumail to Sweden (sv) and Denmark (da), Digital Låssmed (en).
var samples = map[claimdesk.Lang]sample{
	claimdesk.Bokmal: {
		shop:     Shop{Name: "Dustin", SupportEmail: "kundeservice@dustin.example", Phone: "21 04 40 30", Website: "https://www.dustin.no", Lang: claimdesk.Bokmal},
		prefix:   "DUS",
		currency: "NOK", customer: "Kari Nordmann",
		summary:   "Du kan returnere varen og få pengene tilbake.",
		explain:   []string{"Du meldte fra innen angrefristen på 14 dager etter at du fikk varen.", "Dustin lar deg returnere i 30 dager, så du har god tid."},
		packing:   []string{"Legg ved alt tilbehør og bruksanvisningen.", "Pakk varen godt inn i originalesken eller tilsvarende."},
		fee:       "Returfrakt",
		note:      "Skjermen har en ripe i nedre venstre hjørne.",
		agent:     "Jonas Berg",
		agentText: "Hei Kari!\n\nTakk for bildene. Vi sender deg en ny skjerm i dag, og du får sporingsnummeret på SMS.",
		ombudsman: "Ingrid Lunde", body: "Forbrukerrådet", bodyURL: "https://www.forbrukerradet.no/klage",
		lines: []Line{{Name: "Dell UltraSharp U2724D 27\" skjerm", Quantity: 1}, {Name: "Logitech MX Keys S tastatur", Quantity: 2}},
	},
	claimdesk.Nynorsk: {
		shop:     Shop{Name: "Belysning Proff", SupportEmail: "kundeservice@belysning.example", Phone: "63 97 41 00", Website: "https://www.belysning-proff.example", Lang: claimdesk.Bokmal},
		prefix:   "BEL",
		currency: "NOK", customer: "Sigrid Haugland",
		summary:   "Du kan returnere dei ubrukte armaturane innan 50 dagar.",
		explain:   []string{"Bedriftskundar har 50 dagars returrett på lagervarer.", "Varene må vere ubrukte og i original emballasje."},
		packing:   []string{"Legg ved pakksetelen.", "Teip ikkje direkte på eska til produktet."},
		fee:       "Returgebyr",
		note:      "Ei av eskene var opna, men armaturen var ubrukt.",
		agent:     "Åsmund Rye",
		agentText: "Hei Sigrid,\n\nEg har sett på prosjektlista di. Dei resterande armaturane kan vi sende alt i morgon.",
		ombudsman: "Kari Vik", body: "Forbrukarrådet", bodyURL: "https://www.forbrukerradet.no/klage",
		lines:   []Line{{Name: "Downlight LED 8W 3000K", Quantity: 24}, {Name: "Skinneskjøt", Quantity: 4}},
		company: "Haugland Elektro AS", inviter: "Terje Haugland",
	},
	claimdesk.Swedish: {
		shop:     Shop{Name: "Compumail", SupportEmail: "support@compumail.example", Phone: "+45 70 20 35 10", Website: "https://www.compumail.example", Lang: claimdesk.Danish},
		prefix:   "CMP",
		currency: "SEK", customer: "Anna Lindqvist",
		summary:   "Vi godkänner reklamationen och betalar tillbaka beloppet för varan.",
		explain:   []string{"Felet visade sig inom sex månader efter leveransen, så det antas ha funnits redan vid köpet.", "Vi står för rimliga fraktkostnader vid konsumentköp."},
		packing:   []string{"Skriv RMA-numret på paketet, inte på originalförpackningen.", "Lägg med en kopia av fakturan."},
		fee:       "Felsökningsavgift",
		note:      "Laddaren saknades i paketet.",
		agent:     "Lars Mikkelsen",
		agentText: "Hej Anna,\n\nTack för ditt mejl. Vi har beställt ett nytt moderkort och hör av oss när det har kommit.",
		ombudsman: "Sofie Dahl", body: "Allmänna reklamationsnämnden", bodyURL: "https://www.arn.se",
		lines:       []Line{{Name: "Lenovo ThinkPad E14 Gen 6", Quantity: 1}},
		closeOnRule: true,
	},
	claimdesk.Danish: {
		shop:     Shop{Name: "Compumail", SupportEmail: "support@compumail.example", Phone: "+45 70 20 35 10", Website: "https://www.compumail.example", Lang: claimdesk.Danish},
		prefix:   "CMP",
		currency: "DKK", customer: "Mette Kjærgaard",
		summary:   "Vi godkender reklamationen delvist.",
		explain:   []string{"Fejlen på skærmen er dækket af reklamationsretten.", "Det knækkede hængsel skyldes et slag og er ikke dækket."},
		packing:   []string{"Skriv RMA-nummeret på pakken, ikke på den originale emballage.", "Vedlæg en kopi af fakturaen."},
		fee:       "Reparation af hængsel",
		note:      "Hængslet i venstre side er knækket.",
		agent:     "Lars Mikkelsen",
		agentText: "Hej Mette\n\nTak for billederne. Vi sender dig en returlabel i løbet af dagen.",
		ombudsman: "Sofie Dahl", body: "Nævnenes Hus", bodyURL: "https://naevneneshus.dk",
		lines:       []Line{{Name: "ASUS Vivobook 15", Quantity: 1}},
		closeOnRule: true,
	},
	claimdesk.English: {
		shop:     Shop{Name: "Digital Låssmed", SupportEmail: "kundeservice@digitallassmed.example", Phone: "22 15 60 60", Website: "https://www.portal.digitallassmed.no", Lang: claimdesk.Bokmal},
		prefix:   "DLS",
		currency: "NOK", customer: "James O'Connor",
		summary:   "You may return the unused lock; a return fee applies.",
		explain:   []string{"You have a 30-day return right from the day you received the goods.", "A return fee of NOK 250 is always charged for the return shipping."},
		packing:   []string{"Keep all labels intact and use the original packaging.", "Keep your proof of postage until we confirm the return."},
		fee:       "Return fee",
		note:      "The box was opened, but the lock is unused.",
		agent:     "Maja Holm",
		agentText: "Hi James,\n\nThanks for your patience. The refund was approved today; it normally takes 2–3 weeks from the day you sent the return.",
		ombudsman: "Per Strand", body: "Forbrukerrådet (the Norwegian Consumer Council)", bodyURL: "https://www.forbrukerradet.no",
		lines: []Line{{Name: "Yale Doorman V2N smart lock", Quantity: 1}, {Name: "Key tag, programmed", Quantity: 3}},
	},
}

var (
	oslo, _       = gotime.LoadLocation("Europe/Oslo")
	copenhagen, _ = gotime.LoadLocation("Europe/Copenhagen")
)

func date(y, m, d int) claimdesk.Date { return claimdesk.Date{Year: y, Month: gotime.Month(m), Day: d} }

// example returns realistic data for one kind in one language.
func example(kind Kind, lang claimdesk.Lang) Data {
	s := samples[lang]
	money := func(minor claimdesk.Minor) claimdesk.Money {
		return claimdesk.Money{Amount: minor, Currency: s.currency}
	}
	refund := money(236900)
	d := Data{
		Shop: s.shop, CustomerName: s.customer,
		Case: Case{
			Number: claimdesk.CaseNumber(s.prefix, 2026, 123), Kind: claimdesk.KindReturn,
			OrderNumber: "4500123987", Lines: s.lines,
		},
		CaseURL: "https://" + s.shop.Website[len("https://"):] + "/portal/cases/" + claimdesk.CaseNumber(s.prefix, 2026, 123),
	}
	if lang == claimdesk.English && (kind == CaseRegistered || kind == GoodsReceived) {
		d.RefundWeeksMin, d.RefundWeeksMax = 2, 3 // Digital Låssmed's terms
	}
	switch kind {
	case CaseRegistered:
		d.Decision, d.Remedy, d.Summary, d.Explanations = claimdesk.DecisionApproved, claimdesk.RemedyRefund, s.summary, s.explain
		d.GoodsDue, d.Deadline = date(2026, 6, 8), date(2026, 6, 15)
		d.Fees = []Fee{{Label: s.fee, Amount: money(25000)}}
		d.Refund = &refund
		d.Packing = s.packing
		if s.closeOnRule {
			d.Case.Kind = claimdesk.KindDefect
			d.CloseOn = d.GoodsDue // Compumail: no label link, reply to get one
		} else {
			d.LabelURL = d.CaseURL + "/label.pdf"
		}
	case GoodsReceived:
		d.ReceivedOn, d.Deadline = date(2026, 5, 18), date(2026, 5, 26)
		d.Condition, d.ConditionNote = ConditionIncomplete, s.note
	case Decision:
		d.Case.Kind = claimdesk.KindDefect
		d.Decision, d.Remedy, d.Summary, d.Explanations = claimdesk.DecisionPartlyApproved, claimdesk.RemedyRefund, s.summary, s.explain
		d.Fees = []Fee{{Label: s.fee, Amount: money(49900)}}
		d.Refund = &refund
		d.Ombudsman, d.NationalBody, d.NationalBodyURL = s.ombudsman, s.body, s.bodyURL
	case RefundMade:
		d.Refund, d.RefundMethod, d.RefundDaysMin, d.RefundDaysMax = &refund, RefundCard, 3, 5
	case ReminderGoodsDue:
		d.GoodsDue = date(2026, 6, 8)
		if s.closeOnRule {
			d.CloseOn = d.GoodsDue
		} else {
			d.LabelURL = d.CaseURL + "/label.pdf"
		}
	case AutoCloseNotice:
		d.CloseOn = date(2026, 6, 8)
	case CaseClosed:
		d.Summary = s.summary
		d.SurveyURL = d.CaseURL + "/survey?t=3f9c2a7d41be08e5"
	case AgentReply:
		d.AgentName, d.AgentText = s.agent, s.agentText
	case Escalated:
		d.Case.Kind = claimdesk.KindComplaint
		d.Summary, d.Explanations = s.summary, s.explain
		d.Ombudsman, d.NationalBody, d.NationalBodyURL = s.ombudsman, s.body, s.bodyURL
		d.Step, d.Deadline = claimdesk.LadderOmbudsman, date(2026, 6, 1)
		if lang == claimdesk.Swedish || lang == claimdesk.English {
			d.Step, d.Deadline = claimdesk.LadderNationalBody, claimdesk.Date{}
		}
	case WithdrawalReceived:
		d.Case.Kind = claimdesk.KindWithdrawal
		d.ReceivedAt = gotime.Date(2026, 6, 2, 14, 5, 0, 0, oslo)
		d.Summary, d.Explanations = s.summary, s.explain
		d.GoodsDue = date(2026, 6, 16)
		d.Fees = []Fee{{Label: s.fee, Amount: money(25000)}}
		d.Refund = &refund
		d.LabelURL = d.CaseURL + "/label.pdf"
		if lang == claimdesk.Swedish || lang == claimdesk.Danish {
			d.ReceivedAt = gotime.Date(2026, 12, 2, 9, 41, 0, 0, copenhagen) // winter time: CET
			d.LabelURL, d.Reason = "", "Storleken passade inte."
			if lang == claimdesk.Danish {
				d.Reason = "Den passede ikke."
			}
		}
	case Invitation, SignInLink, PasswordReset:
		d.Case = Case{}
		d.CaseURL = ""
		d.LinkURL = s.shop.Website + "/account/link?token=Zx81-kQ2p"
		d.LinkMins = 30
		if kind == Invitation {
			d.LinkMins = 7 * 24 * 60
			if lang == claimdesk.Danish {
				d.LinkMins = 24 * 60
			}
			d.CompanyName, d.InviterName = s.company, s.inviter
			if d.CompanyName == "" {
				d.CompanyName, d.InviterName = "Nordlys Eiendom AS", "Per Olsen"
			}
		}
	}
	return d
}
