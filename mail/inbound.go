package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // registers ISO-8859-*, Windows-125x … decoders
	gomail "github.com/emersion/go-message/mail"
	"golang.org/x/text/encoding/charmap"
)

// Limits that keep a hostile message from using unbounded time or memory.
const (
	// MaxInboundBytes is the largest raw message ParseInbound accepts.
	MaxInboundBytes = 40 << 20
	maxParts        = 200
	maxDepth        = 16
)

// ErrTooLarge is returned by ParseInbound for a message over MaxInboundBytes.
var ErrTooLarge = errors.New("mail: message too large")

// Address is a mailbox: a display name and an address in lower case.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// String formats the address for a header, e.g. `Kari Nordmann <kari@example.no>`.
func (a Address) String() string {
	if a.Name == "" {
		return "<" + a.Email + ">"
	}
	return fmt.Sprintf("%q <%s>", a.Name, a.Email)
}

// Attachment is a file carried by a message, inline images included.
type Attachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	ContentID   string `json:"content_id,omitempty"`
	Inline      bool   `json:"inline,omitempty"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"`
	Data        []byte `json:"-"`
}

// Inbound is a parsed inbound message. All strings are valid UTF-8.
type Inbound struct {
	// MessageID is the Message-ID without angle brackets. A message without one
	// gets a stable synthetic id derived from its bytes ("sha256-…@claimdesk.invalid")
	// so that duplicate detection still works.
	MessageID  string   `json:"message_id"`
	InReplyTo  []string `json:"in_reply_to,omitempty"`
	References []string `json:"references,omitempty"`

	From    Address   `json:"from"`
	ReplyTo []Address `json:"reply_to,omitempty"`
	To      []Address `json:"to,omitempty"`
	Cc      []Address `json:"cc,omitempty"`
	// DeliveredTo holds envelope recipients recorded by the receiving MTA
	// (Delivered-To, X-Original-To, Envelope-To), lower case.
	DeliveredTo []string `json:"delivered_to,omitempty"`
	// ReturnPath is the envelope sender; "" with HasReturnPath for a bounce (<>).
	ReturnPath    string `json:"return_path,omitempty"`
	HasReturnPath bool   `json:"-"`

	Subject string `json:"subject"`
	// Date is the Date header in UTC; zero when missing or unreadable (use
	// the time of receipt then).
	Date time.Time `json:"date"`

	// Text is the new text of the message: quoted history, reply headers and
	// signatures removed. FullText is the whole text as sent (HTML-only mail
	// converted to text). HTML is the original HTML part, if any.
	Text     string `json:"text"`
	FullText string `json:"full_text"`
	HTML     string `json:"-"`
	HasHTML  bool   `json:"has_html,omitempty"`

	Attachments []Attachment `json:"attachments,omitempty"`

	// Auto says whether the message was sent by a machine (auto-reply,
	// bounce, list or bulk mail); such mail is never answered automatically.
	Auto       AutoKind `json:"auto,omitempty"`
	AutoReason string   `json:"auto_reason,omitempty"`
	// Bounce is set for delivery status notifications.
	Bounce *Bounce `json:"bounce,omitempty"`

	// Warnings lists parts that could not be fully decoded (unknown charset …).
	Warnings []string `json:"warnings,omitempty"`

	Size   int            `json:"size"`
	header message.Header // kept for auto-reply detection
}

// Bounce is what a delivery status notification says about the failed message.
type Bounce struct {
	Recipients        []string `json:"recipients,omitempty"`
	Status            string   `json:"status,omitempty"`
	Action            string   `json:"action,omitempty"`
	OriginalMessageID string   `json:"original_message_id,omitempty"`
}

// Recipients returns every address the message was sent to (To, Cc and the
// envelope recipients), lower case, without duplicates. The per-case reply
// address is looked for among them.
func (in *Inbound) Recipients() []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range in.DeliveredTo {
		add(s)
	}
	for _, a := range in.To {
		add(a.Email)
	}
	for _, a := range in.Cc {
		add(a.Email)
	}
	return out
}

// Customer returns the address of the person behind the message: From, or
// the Reply-To of a message sent from a no-reply address (web shop contact
// forms send as noreply@shop with the customer in Reply-To).
func (in *Inbound) Customer() Address {
	if isNoReply(in.From.Email) && len(in.ReplyTo) == 1 {
		return in.ReplyTo[0]
	}
	return in.From
}

// IsAutomatic reports whether the message was sent by a machine.
func (in *Inbound) IsAutomatic() bool { return in.Auto != AutoNone }

// ParseInbound parses a raw RFC 5322 message. It is lenient: malformed header
// fields and undecodable parts give empty values or warnings, not errors. It
// returns an error only for input that is not a message at all.
func ParseInbound(raw []byte) (*Inbound, error) {
	if len(raw) > MaxInboundBytes {
		return nil, ErrTooLarge
	}
	ent, err := message.Read(bytes.NewReader(raw))
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return nil, fmt.Errorf("mail: parse header: %w", err)
	}
	if len(ent.Header.Map()) == 0 {
		return nil, errors.New("mail: no header fields")
	}
	in := &Inbound{Size: len(raw), header: ent.Header}
	parseHeader(in, gomail.Header{Header: ent.Header}, raw)
	if err != nil {
		in.Warnings = append(in.Warnings, err.Error())
	}
	w := &walker{in: in}
	w.walk(ent, 0, "")
	in.HasHTML = in.HTML != ""
	full := w.plain.String()
	if strings.TrimSpace(full) == "" && in.HTML != "" {
		full = HTMLToText(in.HTML)
	}
	in.FullText = cleanText(full)
	in.Text = StripQuoted(in.FullText)
	detectAuto(in)
	sanitize(in)
	return in, nil
}

func parseHeader(in *Inbound, h gomail.Header, raw []byte) {
	in.MessageID = firstOr(msgIDs(h.Get("Message-Id")), "")
	if in.MessageID == "" {
		sum := sha256.Sum256(raw)
		in.MessageID = "sha256-" + hex.EncodeToString(sum[:12]) + "@claimdesk.invalid"
	}
	in.InReplyTo = msgIDs(h.Get("In-Reply-To"))
	in.References = msgIDs(h.Get("References"))
	if from := addressList(h, "From"); len(from) > 0 {
		in.From = from[0]
	} else if s := addressList(h, "Sender"); len(s) > 0 {
		in.From = s[0]
	}
	in.ReplyTo = addressList(h, "Reply-To")
	in.To = addressList(h, "To")
	in.Cc = addressList(h, "Cc")
	for _, k := range []string{"Delivered-To", "X-Original-To", "Envelope-To"} {
		for _, v := range h.Values(k) {
			for _, a := range looseAddresses(v) {
				in.DeliveredTo = appendUnique(in.DeliveredTo, a.Email)
			}
		}
	}
	if vs := h.Values("Return-Path"); len(vs) > 0 {
		in.HasReturnPath = true
		if as := looseAddresses(vs[0]); len(as) > 0 {
			in.ReturnPath = as[0].Email
		}
	}
	in.Subject = decodeSubject(h)
	if d, err := h.Date(); err == nil {
		in.Date = d.UTC()
	}
}

var msgIDRe = regexp.MustCompile(`<([^<>\s]+)>`)

// msgIDs extracts message identifiers leniently: every <…> token, or the
// bare words of a header written without brackets.
func msgIDs(v string) []string {
	var out []string
	for _, m := range msgIDRe.FindAllStringSubmatch(v, 50) {
		out = appendUnique(out, m[1])
	}
	if len(out) == 0 {
		for _, f := range strings.Fields(v) {
			if strings.Contains(f, "@") {
				out = appendUnique(out, strings.Trim(f, "<>,;"))
			}
		}
	}
	return out
}

func addressList(h gomail.Header, key string) []Address {
	v := h.Get(key)
	if v == "" {
		return nil
	}
	list, err := h.AddressList(key)
	if err != nil || len(list) == 0 {
		return looseAddresses(v)
	}
	out := make([]Address, 0, len(list))
	for _, a := range list {
		out = append(out, Address{Name: strings.TrimSpace(a.Name), Email: strings.ToLower(a.Address)})
	}
	return out
}

var looseAddrRe = regexp.MustCompile(`[A-Za-z0-9._%+\-=/!#$&'*?^{|}~]+@[A-Za-z0-9.\-]+`)

// looseAddresses finds anything address-like in a malformed header field.
func looseAddresses(v string) []Address {
	var out []Address
	for _, m := range looseAddrRe.FindAllString(v, 20) {
		out = append(out, Address{Email: strings.ToLower(strings.Trim(m, "."))})
	}
	return out
}

func decodeSubject(h gomail.Header) string {
	s, err := h.Subject()
	if err != nil {
		s = h.Get("Subject")
	}
	if !utf8.ValidString(s) {
		s = decode1252([]byte(s))
	}
	return strings.Join(strings.Fields(fixText([]byte(s))), " ")
}

// walker collects the text bodies and attachments of a message tree.
type walker struct {
	in    *Inbound
	plain strings.Builder
	parts int
}

func (w *walker) walk(e *message.Entity, depth int, parent string) {
	w.parts++
	if w.parts > maxParts || depth > maxDepth {
		w.in.Warnings = appendUnique(w.in.Warnings, "too many or too deeply nested parts; rest ignored")
		return
	}
	mt, params, _ := e.Header.ContentType()
	if mr := e.MultipartReader(); mr != nil {
		w.walkMultipart(mr, mt, depth)
		return
	}
	disp, dparams, _ := e.Header.ContentDisposition()
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	body, err := io.ReadAll(io.LimitReader(e.Body, MaxInboundBytes))
	if err != nil {
		w.in.Warnings = appendUnique(w.in.Warnings, fmt.Sprintf("%s part: %v", mt, err))
	}
	switch {
	case mt == "message/delivery-status":
		w.in.Bounce = parseDeliveryStatus(w.in.Bounce, body)
	case (mt == "message/rfc822" || mt == "text/rfc822-headers") && parent == "multipart/report":
		w.in.Bounce = bounceOriginal(w.in.Bounce, body)
	case disp != "attachment" && filename == "" && (mt == "text/plain" || mt == ""):
		w.addPlain(body, params)
	case disp != "attachment" && filename == "" && mt == "text/html":
		if w.in.HTML == "" {
			w.in.HTML = string(body)
		}
	default:
		w.addAttachment(e, mt, disp, filename, body)
	}
}

func (w *walker) walkMultipart(mr message.MultipartReader, mt string, depth int) {
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			w.in.Warnings = appendUnique(w.in.Warnings, fmt.Sprintf("%s: %v", mt, err))
			return
		}
		if err != nil {
			w.in.Warnings = appendUnique(w.in.Warnings, err.Error())
		}
		if mt == "multipart/alternative" && w.plain.Len() > 0 {
			// Plain text already chosen: keep reading other alternatives only
			// for the HTML original.
			if pmt, _, _ := p.Header.ContentType(); pmt != "text/html" && !strings.HasPrefix(pmt, "multipart/") {
				continue
			}
		}
		w.walk(p, depth+1, mt)
	}
}

func (w *walker) addPlain(body []byte, params map[string]string) {
	s := fixText(body)
	if strings.EqualFold(params["format"], "flowed") {
		s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
	}
	if w.plain.Len() > 0 {
		w.plain.WriteString("\n\n")
	}
	w.plain.WriteString(s)
}

func (w *walker) addAttachment(e *message.Entity, mt, disp, filename string, body []byte) {
	if filename == "" {
		filename = defaultFilename(mt)
	}
	filename = decodeWordIfNeeded(filename)
	sum := sha256.Sum256(body)
	w.in.Attachments = append(w.in.Attachments, Attachment{
		Filename:    filename,
		ContentType: mt,
		ContentID:   firstOr(msgIDs(e.Header.Get("Content-Id")), strings.Trim(e.Header.Get("Content-Id"), "<> ")),
		Inline:      disp == "inline" || (disp == "" && e.Header.Get("Content-Id") != ""),
		Size:        len(body),
		SHA256:      hex.EncodeToString(sum[:]),
		Data:        body,
	})
}

func defaultFilename(mt string) string {
	switch {
	case mt == "message/rfc822":
		return "message.eml"
	case strings.HasPrefix(mt, "image/"):
		return "image." + strings.TrimPrefix(mt, "image/")
	}
	return "attachment"
}

// decodeWordIfNeeded decodes an RFC 2047 encoded filename some mailers send
// in place of RFC 2231 parameters.
func decodeWordIfNeeded(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	h := message.Header{}
	h.Set("X-Name", s)
	if d, err := h.Text("X-Name"); err == nil {
		return d
	}
	return s
}

// fixText makes a decoded body valid UTF-8. Bytes that are not UTF-8 are read
// as Windows-1252, and C1 control characters (what Windows-1252 text labelled
// ISO-8859-1 turns into) are mapped back to the characters meant (€, “ ”, – …).
func fixText(b []byte) string {
	if !utf8.Valid(b) {
		return decode1252(b)
	}
	s := string(b)
	if !strings.ContainsFunc(s, isC1) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isC1(r) {
			return charmap.Windows1252.DecodeByte(byte(r))
		}
		return r
	}, s)
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

func decode1252(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
	}
	return sb.String()
}

// unflow joins the soft line breaks of format=flowed text (RFC 3676).
func unflow(s string, delsp bool) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var sb strings.Builder
	for i, l := range lines {
		soft := strings.HasSuffix(l, " ") && l != "-- " && !strings.HasPrefix(l, ">") && i < len(lines)-1
		if soft && delsp {
			l = l[:len(l)-1]
		}
		sb.WriteString(l)
		if !soft {
			sb.WriteByte('\n')
		}
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// cleanText normalises line ends, strips trailing spaces and collapses runs
// of blank lines.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

func sanitize(in *Inbound) {
	v := func(s *string) { *s = strings.ToValidUTF8(*s, "\uFFFD") }
	v(&in.Subject)
	v(&in.Text)
	v(&in.FullText)
	v(&in.HTML)
	v(&in.From.Name)
	for i := range in.Attachments {
		v(&in.Attachments[i].Filename)
	}
	for _, l := range [][]Address{in.To, in.Cc, in.ReplyTo} {
		for i := range l {
			v(&l[i].Name)
		}
	}
}

func appendUnique(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

func firstOr(l []string, def string) string {
	if len(l) > 0 {
		return l[0]
	}
	return def
}
