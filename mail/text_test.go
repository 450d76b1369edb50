package mail

import (
	"strings"
	"testing"
)

func TestStripQuoted(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"gmail nb attribution", "Takk!\n\nDen man. 23. nov. 2026 kl. 10:00 skrev Kundeservice <s@x.no>:\n\n> gammelt", "Takk!"},
		{"gmail sv attribution", "Tack!\n\nDen mån 23 nov. 2026 kl 10:00 skrev Kundtjänst <s@x.se>:\n> gammalt", "Tack!"},
		{"gmail nb without Den", "Ok\n\nman. 23. nov. 2026 kl. 10:00 skrev Kari <k@x.no>:\n> x", "Ok"},
		{"gmail wrapped attribution", "Ja\n\nDen man. 23. nov. 2026 kl. 10:00 skrev Dustin Kundeservice <\nsupport@dustin.no>:\n\n> x", "Ja"},
		{"apple da attribution", "Hej\n\n> Den 23. nov. 2026 kl. 10.00 skrev A <a@b.dk>:\n> x", "Hej"},
		{"english attribution", "Thanks\n\nOn Mon, 23 Nov 2026 at 10:00, Shop <s@shop.com> wrote:\n> x", "Thanks"},
		{"outlook opprinnelig melding", "Hei\n\n-----Opprinnelig melding-----\nFra: x\nSendt: y\n", "Hei"},
		{"outlook original message", "Hi\n-----Original Message-----\nFrom: x", "Hi"},
		{"outlook header block sv", "Hej\n\n________________________________\nFrån: A <a@b.se>\nSkickat: den 20 november 2026\nTill: B\nÄmne: C\n\nold", "Hej"},
		{"outlook header block da bold", "Hej\n\n*Fra:* A\n*Sendt:* 20. nov\n*Til:* B\n*Emne:* C", "Hej"},
		{"signature dash dash", "Hei\n\nMvh Kari\n-- \nKari Nordmann\nTlf 123", "Hei\n\nMvh Kari"},
		{"sendt fra min iphone", "Ja takk\n\nSendt fra min iPhone", "Ja takk"},
		{"skickat från min iphone", "Ja tack\n\nSkickat från min iPhone", "Ja tack"},
		{"sendt fra min ipad", "Ok\nSendt fra min iPad", "Ok"},
		{"samsung", "Ok\n\nSendt fra min Samsung Galaxy-smartphone.", "Ok"},
		{"outlook mobile", "Ok\n\nHent Outlook for iOS<https://aka.ms/o0ukef>", "Ok"},
		{"interleaved quotes dropped", "> Spørsmål?\nSvar her.", "Svar her."},
		{"only a quote is kept whole", "> bare sitat", "> bare sitat"},
		{"customer mentions skrev is kept", "Jeg skrev til dere om ordre 12345:\nhar dere svar?", "Jeg skrev til dere om ordre 12345:\nhar dere svar?"},
		{"Fra: line in body without header block is kept", "Fra: Oslo til Bergen tok pakken 5 dager.", "Fra: Oslo til Bergen tok pakken 5 dager."},
		{"forwarded content kept", "Se under.\n\n---------- Forwarded message ---------\nFrom: Shop <s@x>\nDate: 20 Nov\nSubject: Ordre\nTo: me\n\nOrdre 123456", "Se under.\n\n---------- Forwarded message ---------\nFrom: Shop <s@x>\nDate: 20 Nov\nSubject: Ordre\nTo: me\n\nOrdre 123456"},
		{"videresendt kept", "Se under\n\nVideresendt melding:\n\nFra: Shop\nDato: 20. nov\nTil: meg\nEmne: Ordre", "Se under\n\nVideresendt melding:\n\nFra: Shop\nDato: 20. nov\nTil: meg\nEmne: Ordre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripQuoted(tt.in); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>Hei</p><p>Takk</p>", "Hei\n\nTakk"},
		{"line breaks", "Hei<br>Takk<br/>Kari", "Hei\nTakk\nKari"},
		{"divs", "<div>Hei</div><div><br></div><div>Takk</div>", "Hei\n\nTakk"},
		{"unordered list", "<p>Varer:</p><ul><li>A</li><li>B</li></ul>", "Varer:\n\n- A\n- B"},
		{"ordered list", "<ol><li>En</li><li>To</li></ol>", "1. En\n2. To"},
		{"nested list", "<ul><li>A<ul><li>A1</li></ul></li></ul>", "- A\n\n  - A1"},
		{"link with text", `Se <a href="https://x.no/a">vilkår</a>.`, "Se vilkår (https://x.no/a)."},
		{"link same as text", `<a href="https://x.no/">https://x.no</a>`, "https://x.no"},
		{"mailto", `<a href="mailto:s@x.no">skriv til oss</a>`, "skriv til oss (s@x.no)"},
		{"javascript link hidden", `<a href="javascript:alert(1)">klikk</a>`, "klikk"},
		{"script and style dropped", "<style>p{}</style><script>alert(1)</script><p>Hei</p>", "Hei"},
		{"hidden dropped", `<p>Hei</p><div style="display: none">skjult</div>`, "Hei"},
		{"entities", "<p>&laquo;&aring;pent kj&oslash;p&raquo; &amp; 5&nbsp;%</p>", "«åpent kjøp» & 5 %"},
		{"whitespace collapsed", "<p>  Hei\n   der  </p>", "Hei der"},
		{"pre kept", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"blockquote quoted", "<p>Ja</p><blockquote>Gammel<br>tekst</blockquote>", "Ja\n\n> Gammel\n> tekst"},
		{"table cells", "<table><tr><td>Vare</td><td>Pris</td></tr><tr><td>Lampe</td><td>499</td></tr></table>", "Vare  Pris\nLampe  499"},
		{"image alt", `<img src="cid:x" alt="logo">`, "[logo]"},
		{"headings", "<h1>Tittel</h1><p>Tekst</p>", "Tittel\n\nTekst"},
		{"outlook MsoNormal lines", `<p class=MsoNormal>Hei,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Linje 1<o:p></o:p></p><p class=MsoNormal>Linje 2<o:p></o:p></p>`, "Hei,\n\nLinje 1\nLinje 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestStripQuotedHTMLReplies(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, html, want string }{
		{"outlook web nb", `<div>Hei, pakken kom i dag.</div><div><br></div><div>Mvh Ola</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><font><b>Fra:</b> Dustin &lt;s@dustin.no&gt;<br><b>Sendt:</b> fredag 20. november 2026 09:12<br><b>Til:</b> Ola<br><b>Emne:</b> Ordre</font></div><div>Gammel tekst</div>`, "Hei, pakken kom i dag.\n\nMvh Ola"},
		{"gmail html sv", `<div dir="ltr">Tack!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Den mån 23 nov. 2026 kl 09:12 skrev Shop &lt;<a href="mailto:s@x.se">s@x.se</a>&gt;:<br></div><blockquote class="gmail_quote">Gammalt</blockquote></div>`, "Tack!"},
		{"apple html da", `<div>Hej</div><div><br><blockquote type="cite"><div>Den 20. nov. 2026 kl. 10.00 skrev Shop &lt;s@x.dk&gt;:</div><br><div>Gammel</div></blockquote></div>`, "Hej"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripQuoted(HTMLToText(tt.html)); got != tt.want {
				t.Errorf("got %q\nwant %q\nfrom %q", got, tt.want, HTMLToText(tt.html))
			}
		})
	}
}

func TestTriage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, subject, text string
		want                Kind
		lang                string
	}{
		{"nb withdrawal", "Angrerett", "Jeg vil benytte angreretten min for ordre 123456.", KindWithdrawal, "nb"},
		{"sv withdrawal", "", "Jag ångrar köpet och vill utnyttja ångerrätten.", KindWithdrawal, "sv"},
		{"da withdrawal", "Fortrydelse", "Jeg vil gøre brug af min fortrydelsesret.", KindWithdrawal, "da"},
		{"nb transport damage beats defect", "Pakken kom knust", "Esken var skadet og skjermen virker ikke.", KindTransportDamage, "nb"},
		{"sv defect", "Reklamation", "Hörlurarna slutade fungera efter två månader.", KindDefect, "sv"},
		{"da defect", "", "Min kaffemaskine er gået i stykker og virker ikke.", KindDefect, "da"},
		{"nb wrong item", "Feil vare", "Jeg fikk feil størrelse.", KindWrongItem, "nb"},
		{"da missing item", "", "Opladeren var ikke med i pakken, og jeg har fået resten.", KindMissingItem, "da"},
		{"nn lost parcel", "Pakken har ikkje kome", "Kvar er pakken?", KindLostParcel, "nn"},
		{"sv lost parcel", "", "Paketet har inte kommit och spårningen står still.", KindLostParcel, "sv"},
		{"en cancellation", "Cancel order", "Please cancel my order before it ships.", KindCancellation, "en"},
		{"nb cancellation", "", "Jeg vil kansellere bestillingen.", KindCancellation, "nb"},
		{"da warranty", "Garanti", "Er min støvsuger stadig dækket af garantien?", KindWarranty, "da"},
		{"nb return", "Retur", "Hvordan returnerer jeg en vare jeg ikke vil ha?", KindReturn, "nb"},
		{"sv doa", "", "Datorn fungerade inte från början, den startar inte.", KindDOA, "sv"},
		{"general", "Spørsmål", "Har dere butikk i Bergen?", KindGeneral, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := Triage(tt.subject, tt.text)
			if h.Kind != tt.want || h.Lang != tt.lang {
				t.Errorf("got %s (%s) %v, want %s (%s)", h.Kind, h.Lang, h.Scores, tt.want, tt.lang)
			}
			if tt.want == KindGeneral && (h.Score != 0 || len(h.Matched) != 0) {
				t.Errorf("general with score: %+v", h)
			}
		})
	}
}

func TestTriageDataCoversKindsAndLanguages(t *testing.T) {
	t.Parallel()
	for _, k := range triage.Order {
		for _, lang := range []string{"nb", "nn", "sv", "da", "en"} {
			if len(triage.Kinds[k][lang]) == 0 {
				t.Errorf("%s has no %s keywords", k, lang)
			}
		}
	}
	if len(triage.Order) != len(triage.Kinds) {
		t.Errorf("order lists %d kinds, data has %d", len(triage.Order), len(triage.Kinds))
	}
}

func TestDetectAuto(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, header string
		want         AutoKind
	}{
		{"plain human mail", "From: kari@x.no\nSubject: Hei", AutoNone},
		{"auto-submitted no is human", "From: kari@x.no\nAuto-Submitted: no\nSubject: Hei", AutoNone},
		{"auto-submitted", "From: kari@x.no\nAuto-Submitted: auto-replied\nSubject: Hei", AutoReply},
		{"x-autoreply", "From: kari@x.no\nX-Autoreply: yes\nSubject: Hei", AutoReply},
		{"x-autorespond", "From: kari@x.no\nX-Autorespond: Out of office\nSubject: Hei", AutoReply},
		{"precedence bulk", "From: kari@x.no\nPrecedence: bulk\nSubject: Hei", AutoBulk},
		{"precedence junk", "From: kari@x.no\nPrecedence: junk\nSubject: Hei", AutoBulk},
		{"precedence list", "From: kari@x.no\nPrecedence: list\nSubject: Hei", AutoList},
		{"list-id", "From: kari@x.no\nList-Id: <a.b.c>\nSubject: Hei", AutoList},
		{"null return path", "Return-Path: <>\nFrom: kari@x.no\nSubject: Hei", AutoReply},
		{"mailer-daemon", "From: MAILER-DAEMON@mx.x.no\nSubject: Hei", AutoBounce},
		{"bounce report", "From: postmaster@x.no\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\nSubject: Hei", AutoBounce},
		{"out of office subject", "From: kari@x.no\nSubject: Out of Office: Din sak", AutoReply},
		{"fraværende", "From: kari@x.no\nSubject: Fraværende: Ordre 123", AutoReply},
		{"frånvarande", "From: kari@x.no\nSubject: SV: Frånvarande", AutoReply},
		{"autosvar", "From: kari@x.no\nSubject: Autosvar: Reklamation", AutoReply},
		{"automatisk svar", "From: kari@x.no\nSubject: Automatisk svar: Reklamation", AutoReply},
		{"ferie in a customer subject is human", "From: kari@x.no\nSubject: Ferie - når kommer pakken?", AutoNone},
		{"noreply sender", "From: noreply@posten.no\nSubject: Pakken din er levert", AutoBulk},
		{"noreply with Reply-To is a web form, human", "From: noreply@dustin.no\nReply-To: kari@x.no\nSubject: Kontaktskjema", AutoNone},
		{"outlook suppress header alone is human", "From: kari@x.no\nX-Auto-Response-Suppress: All\nSubject: Hei", AutoNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := strings.ReplaceAll(tt.header, "\n", "\r\n") + "\r\n\r\nTekst\r\n"
			in, err := ParseInbound([]byte(raw))
			if err != nil {
				t.Fatal(err)
			}
			if in.Auto != tt.want {
				t.Errorf("Auto = %q (%s), want %q", in.Auto, in.AutoReason, tt.want)
			}
		})
	}
}
