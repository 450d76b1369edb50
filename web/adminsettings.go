package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
)

// weekdays are the opening-hours rows in the order the page shows them:
// Monday first.
var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// settingsData is the settings page: the form (filled from the shop, or as
// sent) and whether the mail servers are set, never their URLs, which may
// hold passwords.
type settingsData struct {
	Admin    adminData
	Form     *form
	Days     []time.Weekday
	Langs    []claimdesk.Lang
	Clocks   []string
	Country  []claimdesk.Country
	SMTPSet  bool
	IMAPSet  bool
	SMTPHost string
	IMAPHost string
}

func (h *Handler) shopSettings(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "settings")
	if !ok {
		return
	}
	h.renderSettings(w, r, p, ad, settingsForm(ad.Shop), http.StatusOK)
}

func (h *Handler) renderSettings(w http.ResponseWriter, r *http.Request, p *page, ad adminData, f *form, status int) {
	m := ad.Shop.Mail
	p.Data = settingsData{Admin: ad, Form: f, Days: weekdays, Langs: claimdesk.Langs, Clocks: []string{"business_hours", "weekday_hours"},
		Country: []claimdesk.Country{claimdesk.Norway, claimdesk.Sweden, claimdesk.Denmark, claimdesk.Finland},
		SMTPSet: m.SMTPURL != "", IMAPSet: m.IMAPURL != "", SMTPHost: hostOf(m.SMTPURL), IMAPHost: hostOf(m.IMAPURL)}
	h.renderForm(w, r, p, "admin_settings", f, status)
}

// hostOf is a mail server URL's host, safe to show (no user or password).
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// settingsForm fills the form from the shop's settings.
func settingsForm(s *claimdesk.Shop) *form {
	v := url.Values{}
	set := func(k, val string) { v.Set(k, val) }
	set("name", s.Name)
	set("lang", string(s.Lang))
	set("time_zone", s.TimeZone)
	set("support_email", s.SupportEmail)
	set("phone", s.Phone)
	for _, d := range weekdays {
		set(dayField(d), formatShifts(s.OpeningHours.Week[d]))
	}
	set("sla_first", strconv.Itoa(s.SLA.FirstResponseMinutes))
	set("sla_next", strconv.Itoa(s.SLA.NextResponseMinutes))
	set("sla_clock", s.SLA.Clock)
	a := s.ReturnAddress
	set("ret_name", a.Name)
	set("ret_attention", a.Attention)
	set("ret_street", a.Street)
	set("ret_street2", a.Street2)
	set("ret_postal", a.PostalCode)
	set("ret_city", a.City)
	set("ret_country", string(a.Country))
	set("mail_from", s.Mail.From)
	set("mail_from_name", s.Mail.FromName)
	set("mail_reply_domain", s.Mail.ReplyDomain)
	set("retention_years", strconv.Itoa(s.RetentionYears))
	set("brand_color", brandColorValue(s.Brand))
	return newForm(v)
}

func dayField(d time.Weekday) string { return fmt.Sprintf("hours_%d", int(d)) }

// formatShifts writes a day's shifts as people type them: "08:00-12:00, 13:00-16:00".
func formatShifts(list []claimdesk.Interval) string {
	parts := make([]string, len(list))
	for i, iv := range list {
		parts[i] = iv.From + "-" + iv.To
	}
	return strings.Join(parts, ", ")
}

// parseShifts reads "08:00-12:00, 13:00-16:00"; casework judges each shift.
func parseShifts(s string) []claimdesk.Interval {
	var out []claimdesk.Interval
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.NewReplacer("–", "-", "—", "-", ".", ":", " ", "").Replace(part)
		if part == "" {
			continue
		}
		from, to, _ := strings.Cut(part, "-")
		out = append(out, claimdesk.Interval{From: from, To: to})
	}
	return out
}

// settingsFields maps casework's field paths to the page's field ids.
func settingsFields(field string) string {
	switch field {
	case "name", "lang", "time_zone", "support_email", "retention_years":
		return field
	case "return_address":
		return "ret_name"
	case "sla", "sla.first_response_minutes":
		return "sla_first"
	case "sla.clock":
		return "sla_clock"
	case "mail.from":
		return "mail_from"
	case "mail.smtp_url":
		return "smtp_url"
	case "mail.imap_url":
		return "imap_url"
	case "brand.color":
		return "brand_color"
	}
	var d, i int
	if _, err := fmt.Sscanf(field, "opening_hours.week[%d][%d]", &d, &i); err == nil {
		return dayField(time.Weekday(d))
	}
	return ""
}

// shopSettingsPost saves the settings through casework, which holds the
// rules the API shares; errors come back beside their fields. An empty
// mail server field keeps the server that is set.
func (h *Handler) shopSettingsPost(w http.ResponseWriter, r *http.Request) {
	p, ad, ok := h.adminPage(w, r, "settings")
	if !ok {
		return
	}
	_ = r.ParseForm()
	f := newForm(r.PostForm)
	in := settingsInput(f, p.L, ad.Shop)
	if !f.Invalid() {
		_, err := h.svc.UpdateShopSettings(r.Context(), ad.Shop.ID, in)
		if err == nil {
			http.Redirect(w, r, adminPath(ad.Shop.ID, "settings")+"?flash=settings_saved", http.StatusSeeOther)
			return
		}
		if !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
			h.fail(w, r, err)
			return
		}
		brandContrastError(f, p.L, err, in.Brand)
		f.addError(p.L, err, settingsFields)
	}
	f.Values.Del("smtp_url")
	f.Values.Del("imap_url")
	h.renderSettings(w, r, p, ad, f, http.StatusUnprocessableEntity)
}

// settingsInput reads the form into casework's settings.
func settingsInput(f *form, l *locale, shop *claimdesk.Shop) casework.ShopSettings {
	str := func(k string) *string { s := f.Val(k); return &s }
	lang := claimdesk.Lang(f.Val("lang"))
	in := casework.ShopSettings{Name: str("name"), Lang: &lang, TimeZone: str("time_zone"), SupportEmail: str("support_email"), Phone: str("phone"),
		RetentionYears: intField(f, l, "retention_years")}
	var hours claimdesk.OpeningHours
	for _, d := range weekdays {
		hours.Week[d] = parseShifts(f.Val(dayField(d)))
	}
	in.OpeningHours = &hours
	first, next := intField(f, l, "sla_first"), intField(f, l, "sla_next")
	if first != nil && next != nil {
		in.SLA = &claimdesk.ShopSLA{FirstResponseMinutes: *first, NextResponseMinutes: *next, Clock: f.Val("sla_clock")}
	}
	in.ReturnAddress = &claimdesk.Address{Name: f.Val("ret_name"), Attention: f.Val("ret_attention"), Street: f.Val("ret_street"), Street2: f.Val("ret_street2"),
		PostalCode: f.Val("ret_postal"), City: f.Val("ret_city"), Country: claimdesk.Country(f.Val("ret_country"))}
	mail := claimdesk.ShopMail{From: f.Val("mail_from"), FromName: f.Val("mail_from_name"), ReplyDomain: f.Val("mail_reply_domain"),
		SMTPURL: replaceSecret(f, "smtp_url", shop.Mail.SMTPURL), IMAPURL: replaceSecret(f, "imap_url", shop.Mail.IMAPURL)}
	in.Mail = &mail
	in.Brand = brandInput(f)
	return in
}

// replaceSecret is a secret field's new value: what was typed, nothing if
// the clear box is ticked, else the value that is set.
func replaceSecret(f *form, name, current string) string {
	switch {
	case f.Val(name) != "":
		return f.Val(name)
	case f.Checked(name+"_clear", "1"):
		return ""
	}
	return current
}
