package policy

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // shop time zones resolve without the host's zoneinfo

	"github.com/pelletier/go-toml/v2"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/calendar"
)

// TermsError is a terms file refused at load: the file, the line (0 when
// unknown) and what is wrong.
type TermsError struct {
	File string
	Line int
	Msg  string
}

// Error formats the problem as "file:line: message".
func (e *TermsError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// LoadTermsFile parses and checks one terms file. A malformed or
// contradictory file is refused with a *TermsError naming the line.
func LoadTermsFile(name string, data []byte) (*Terms, error) {
	t := &Terms{file: name}
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(t); err != nil {
		return nil, decodeError(name, err)
	}
	v := &validator{t: t, data: data}
	v.check()
	if v.err != nil {
		return nil, v.err
	}
	return t, nil
}

func decodeError(name string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		return &TermsError{File: name, Line: line, Msg: de.Error()}
	}
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) && len(sm.Errors) > 0 {
		line, _ := sm.Errors[0].Position()
		return &TermsError{File: name, Line: line, Msg: "unknown key " + strings.Join(sm.Errors[0].Key(), ".")}
	}
	return &TermsError{File: name, Msg: err.Error()}
}

// Case kinds that assess judges.
var caseKinds = []string{"withdrawal", "return", "defect", "warranty", "doa", "transport_damage",
	"wrong_item", "missing_item", "lost_parcel", "cancellation"}

// Findings that FeesForFinding understands.
var findings = []string{"fault_confirmed", "no_fault_found", "physical_damage", "liquid_damage", "misuse",
	"third_party_software", "illegal_software", "diminished_value", "missing_original_box",
	"withdrawal_sent_as_complaint", "find_my_enabled", "accounts_not_removed", "description_insufficient"}

var feeCodes = []string{"return_fee", "unjustified_complaint_fee", "no_fault_found_fee",
	"third_party_software_fee", "illegal_software_fee", "description_fee", "find_my_fee",
	"withdrawal_as_complaint_fee", "technician_hour", "value_deduction"}

var langs = []string{"nb", "nn", "sv", "da", "en"}

type validator struct {
	t    *Terms
	data []byte
	err  *TermsError
}

// fail records the first problem, located at path ("fee[2].amount").
func (v *validator) fail(path, format string, args ...any) {
	if v.err == nil {
		v.err = &TermsError{File: v.t.file, Line: lineOf(v.data, path), Msg: path + ": " + fmt.Sprintf(format, args...)}
	}
}

func (v *validator) check() {
	t := v.t
	v.required("id", t.ID)
	v.required("version", t.Version)
	v.required("name", t.Name)
	v.oneOf("language", t.Language, langs)
	v.oneOf("seller_country", t.SellerCountry, []string{"NO", "SE", "DK"})
	loc, err := time.LoadLocation(t.TimeZone)
	if err != nil || t.TimeZone == "" {
		v.fail("time_zone", "unknown time zone %q", t.TimeZone)
	}
	t.loc = loc
	if len(t.Customers) == 0 {
		v.fail("customers", "name at least one of consumer, business")
	}
	for i, c := range t.Customers {
		v.oneOf(fmt.Sprintf("customers[%d]", i), c, []string{"consumer", "business"})
	}
	v.checkClauses()
	v.checkMarkets()
	v.checkRights()
	v.checkComplaint()
	v.checkWindows()
	v.checkFees()
	v.checkService()
	for i, o := range v.t.ReturnOptions {
		p := fmt.Sprintf("return_option[%d]", i)
		v.oneOf(p+".code", o.Code, []string{"pickup", "own_carrier"})
		v.ref(p+".clause", o.Clause)
	}
}

func (v *validator) checkClauses() {
	v.t.clauses = make(map[string]*Clause, len(v.t.Clauses))
	for i := range v.t.Clauses {
		c := &v.t.Clauses[i]
		p := fmt.Sprintf("clause[%d]", i)
		v.required(p+".id", c.ID)
		v.required(p+".title", c.Title)
		if v.t.clauses[c.ID] != nil {
			v.fail(p+".id", "clause %q defined twice", c.ID)
		}
		v.t.clauses[c.ID] = c
	}
}

// ref checks that a rule cites a defined clause.
func (v *validator) ref(path, id string) {
	if id == "" {
		v.fail(path, "every rule must cite the clause it comes from")
	} else if v.t.clauses[id] == nil {
		v.fail(path, "cites clause %q, which is not defined", id)
	}
}

func (v *validator) checkMarkets() {
	seen := map[string]bool{}
	if len(v.t.Markets) == 0 {
		v.fail("market", "name at least one market")
	}
	for i, m := range v.t.Markets {
		p := fmt.Sprintf("market[%d]", i)
		v.oneOf(p+".country", m.Country, []string{"NO", "SE", "DK"})
		if !claimdesk.ValidCurrency(m.Currency) {
			v.fail(p+".currency", "unknown currency %q", m.Currency)
		}
		v.oneOf(p+".lang", m.Lang, langs)
		if seen[m.Country] {
			v.fail(p+".country", "market %s defined twice", m.Country)
		}
		seen[m.Country] = true
	}
}

func (v *validator) checkRights() {
	t := v.t
	if w := t.Withdrawal; w != nil {
		v.ref("withdrawal.clause", w.Clause)
		if w.Days < 0 || w.GoodsDueDays < 0 {
			v.fail("withdrawal.days", "periods cannot be negative")
		}
		if !t.Serves("consumer") {
			v.fail("withdrawal", "a withdrawal clause, but the terms serve no consumers")
		}
	}
	if r := t.Return; r != nil {
		v.ref("return.clause", r.Clause)
		switch {
		case r.Offered && r.Days <= 0:
			v.fail("return.days", "a return right is offered but has no period")
		case !r.Offered && (r.Days != 0 || len(r.Conditions) > 0):
			v.fail("return.offered", "no return right is offered, yet a period or conditions are given")
		}
		for i, c := range r.Conditions {
			v.oneOf(fmt.Sprintf("return.conditions[%d]", i), c, []string{"unused", "labels_intact", "original_packaging"})
		}
	}
	if w := t.Warranty; w != nil {
		v.ref("warranty.clause", w.Clause)
		if w.Months <= 0 {
			v.fail("warranty.months", "a warranty needs a period")
		}
	}
	for i, r := range t.Routes {
		p := fmt.Sprintf("route[%d]", i)
		v.oneOf(p+".kind", r.Kind, caseKinds)
		v.oneOf(p+".to", r.To, []string{"manufacturer", "carrier", "shop"})
		v.ref(p+".clause", r.Clause)
	}
}

func (v *validator) checkComplaint() {
	c := v.t.Complaint
	if c.ConsumerMonths < 0 || c.BusinessMonths < 0 || c.GoodsDueDays < 0 {
		v.fail("complaint", "periods cannot be negative")
	}
	if c.ConsumerMonths > 0 {
		v.ref("complaint.consumer_clause", c.ConsumerClause)
		if !v.t.Serves("consumer") {
			v.fail("complaint.consumer_months", "a consumer complaint period, but the terms serve no consumers")
		}
	}
	if c.BusinessMonths > 0 {
		v.ref("complaint.business_clause", c.BusinessClause)
		if !v.t.Serves("business") {
			v.fail("complaint.business_months", "a business complaint period, but the terms serve no businesses")
		}
	}
	if c.GoodsDueDays > 0 {
		v.ref("complaint.goods_due_clause", c.GoodsDueClause)
	}
	if ch := v.t.Checks; ch != nil {
		if ch.Description {
			v.ref("checks.description_clause", ch.DescriptionClause)
			if len(ch.VaguePhrases) == 0 {
				v.fail("checks.vague_phrases", "the description check needs the phrases that do not suffice")
			}
			for _, p := range ch.VaguePhrases {
				ch.phrases = append(ch.phrases, strings.Fields(strings.ToLower(p)))
			}
		}
		if ch.FindMy {
			v.ref("checks.phone_clause", ch.PhoneClause)
		}
	}
	if s := v.t.Statements; s.PresumptionMonths > 0 {
		v.ref("statements.presumption_clause", s.PresumptionClause)
	}
	for i, s := range v.t.Statements.Statutes {
		v.ref(fmt.Sprintf("statements.statute[%d].clause", i), s.Clause)
	}
}

func (v *validator) checkWindows() {
	type key struct{ kind, damage, aud string }
	seen := map[key]int{}
	for i, w := range v.t.Windows {
		p := fmt.Sprintf("window[%d]", i)
		v.ref(p+".clause", w.Clause)
		v.oneOf(p+".damage", w.Damage, []string{"visible", "hidden", "any"})
		if w.Days < 0 {
			v.fail(p+".days", "a window cannot be negative")
		}
		if len(w.Kinds) == 0 || len(w.Audience) == 0 {
			v.fail(p, "a window needs kinds and an audience")
		}
		for _, k := range w.Kinds {
			v.oneOf(p+".kinds", k, caseKinds)
			for _, a := range w.Audience {
				v.oneOf(p+".audience", a, []string{"consumer", "business"})
				if d, ok := seen[key{k, w.Damage, a}]; ok && d != w.Days {
					v.fail(p+".days", "contradicts an earlier window for %s (%s damage, %s): %d days against %d", k, w.Damage, a, w.Days, d)
				}
				seen[key{k, w.Damage, a}] = w.Days
			}
		}
	}
}

func (v *validator) checkFees() {
	for i := range v.t.Fees {
		f := &v.t.Fees[i]
		p := fmt.Sprintf("fee[%d]", i)
		v.oneOf(p+".code", f.Code, feeCodes)
		v.ref(p+".clause", f.Clause)
		if !f.Variable {
			amt, err := claimdesk.ParseMinor(f.AmountRaw)
			if err != nil || amt <= 0 {
				v.fail(p+".amount", "want a positive amount in major units as a string, e.g. \"300.00\"")
			}
			f.amount = amt
			if !claimdesk.ValidCurrency(f.Currency) {
				v.fail(p+".currency", "unknown currency %q", f.Currency)
			}
		}
		if f.Per == "" {
			f.Per = "case"
		}
		v.oneOf(p+".per", f.Per, []string{"case", "started_hour"})
		for _, k := range f.ChargedOn {
			v.oneOf(p+".charged_on", k, caseKinds)
		}
		for _, k := range f.Kinds {
			v.oneOf(p+".kinds", k, caseKinds)
		}
		for _, fi := range f.Findings {
			v.oneOf(p+".findings", fi, findings)
			if fi == "fault_confirmed" {
				v.fail(p+".findings", "a fee on a confirmed fault: a justified complaint is free")
			}
		}
		if len(f.ChargedOn) == 0 && len(f.Findings) == 0 && f.Threat == "" {
			v.fail(p, "a fee must say when it applies (charged_on, findings or threat)")
		}
	}
}

func (v *validator) checkService() {
	t := v.t
	for i := range t.Hours {
		h := &t.Hours[i]
		p := fmt.Sprintf("hours[%d]", i)
		v.ref(p+".clause", h.Clause)
		h.schedule = v.schedule(p, h)
	}
	for i, a := range t.Answers {
		p := fmt.Sprintf("answer[%d]", i)
		v.ref(p+".clause", a.Clause)
		v.oneOf(p+".clock", a.Clock, []string{"weekday_hours", "calendar_hours", "opening_hours"})
		if a.Hours <= 0 {
			v.fail(p+".hours", "an answer target needs hours")
		}
	}
	for i, l := range t.Ladder {
		p := fmt.Sprintf("ladder[%d]", i)
		v.ref(p+".clause", l.Clause)
		v.oneOf(p+".step", l.Step, []string{"customer_service", "ombudsman", "national_body", "odr"})
	}
	if r := t.Retention; r != nil {
		v.ref("retention.clause", r.Clause)
	}
	for i, n := range t.Packing {
		v.ref(fmt.Sprintf("packing[%d].clause", i), n.Clause)
		v.required(fmt.Sprintf("packing[%d].code", i), n.Code)
	}
}

func (v *validator) schedule(p string, h *Hours) calendar.Schedule {
	var s calendar.Schedule
	parse := func(list []string) []calendar.Shift {
		var out []calendar.Shift
		for _, x := range list {
			sh, err := calendar.ParseShift(x)
			if err != nil {
				v.fail(p, "%v", err)
			}
			out = append(out, sh)
		}
		return out
	}
	days := parse(h.Weekdays)
	for wd := time.Monday; wd <= time.Friday; wd++ {
		s.Days[wd] = days
	}
	s.Days[time.Saturday] = parse(h.Saturday)
	s.Days[time.Sunday] = parse(h.Sunday)
	parse(h.Reduced)
	if err := s.Validate(); err != nil {
		v.fail(p, "%v", err)
	}
	return s
}

func (v *validator) required(path, s string) {
	if strings.TrimSpace(s) == "" {
		v.fail(path, "is required")
	}
}

func (v *validator) oneOf(path, s string, allowed []string) {
	if !contains(allowed, s) {
		v.fail(path, "%q is not one of %s", s, strings.Join(allowed, ", "))
	}
}

// lineOf finds the line of a key path such as "fee[2].amount" or
// "withdrawal.days" in a TOML text; 0 when not found. It follows table
// headers ([x], [[x]]) and counts array-of-table occurrences.
func lineOf(data []byte, path string) int {
	if n := lineIn(data, path); n > 0 || strings.Contains(path, ".") {
		return n
	}
	name, idx, _ := strings.Cut(path, "[") // "fee[2]" or "withdrawal": a table
	return lineIn(data, name+"["+strings.TrimSuffix(idx, "]")+"].")
}

func lineIn(data []byte, path string) int {
	table, key, idx := splitPath(path)
	count := -1
	inTable := table == ""
	tableLine := 0
	for n, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "[") {
			name := strings.Trim(line, "[] ")
			if name == table {
				count++
				inTable = idx < 0 || count == idx
				if inTable {
					tableLine = n + 1
				}
			} else {
				inTable = false
			}
			continue
		}
		if inTable && key != "" {
			k, _, ok := strings.Cut(line, "=")
			if ok && strings.TrimSpace(k) == key {
				return n + 1
			}
		}
	}
	return tableLine
}

// splitPath splits "fee[2].amount" into ("fee", "amount", 2) and
// "withdrawal.days" into ("withdrawal", "days", -1); a top-level key has
// an empty table.
func splitPath(path string) (table, key string, idx int) {
	idx = -1
	head, rest, dotted := strings.Cut(path, ".")
	if !dotted {
		head, rest = "", path
	}
	if i := strings.IndexByte(head, '['); i >= 0 {
		idx, _ = strconv.Atoi(strings.TrimSuffix(head[i+1:], "]"))
		head = head[:i]
	}
	if i := strings.IndexByte(rest, '['); i >= 0 {
		rest = rest[:i]
	}
	if head == "" && idx < 0 {
		if i := strings.IndexByte(path, '['); i >= 0 { // "customers[0]"
			return "", path[:i], -1
		}
	}
	return head, rest, idx
}
