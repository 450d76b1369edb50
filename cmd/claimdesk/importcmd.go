package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/httpapi"
)

// csvColumns are the columns of the CSV import format, one row per order
// line; rows with the same order_id make one order (see README).
var csvColumns = []string{
	"order_id", "ordered_at", "customer_id", "customer_kind", "customer_name", "customer_email", "customer_org_number",
	"customer_country", "currency", "payment_method", "delivery_fee", "sku", "name", "category", "manufacturer", "quantity",
	"unit_price", "vat_rate", "custom_made", "long_lived", "handled_by_manufacturer", "manufacturer_warranty_months",
	"delivered_on", "carrier", "tracking_number",
}

func runImport(ctx context.Context, env *environment, args []string) error {
	if _, rest, err := sub(args, "import", "orders"); err != nil {
		return err
	} else {
		args = rest
	}
	fs := flag.NewFlagSet("import orders", flag.ContinueOnError)
	shop := fs.String("shop", "", "the shop (required)")
	format := fs.String("format", "", "csv or jsonl (default: from the file name)")
	var file string
	// allow the file before or after the flags
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	return withApp(ctx, env, fs, args, func(ctx context.Context, a *app) error {
		if file == "" && fs.NArg() > 0 {
			file = fs.Arg(0)
		}
		if *shop == "" || file == "" {
			return usageErr("usage: claimdesk import orders --shop S FILE")
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		f := *format
		if f == "" {
			f = strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), ".")
		}
		var orders []casework.OrderInput
		var lines []int
		var problems []casework.ImportError
		switch f {
		case "csv":
			orders, lines, problems = parseCSV(data)
		case "jsonl", "ndjson", "json":
			orders, lines, problems = parseJSONL(data)
		default:
			return usageErr("unknown format %q: use --format csv or jsonl", f)
		}
		checked, err := a.svc.CheckOrders(ctx, *shop, orders, lines)
		if err != nil {
			return err
		}
		problems = append(problems, checked...)
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		if len(problems) == 0 {
			bar := newProgress(env, len(orders))
			var created, updated int
			created, updated, problems, err = a.svc.ImportOrders(ctx, *shop, orders, lines, bar.set)
			bar.done()
			if err != nil {
				return err
			}
			if len(problems) == 0 {
				fmt.Fprintf(env.stdout, "imported %d orders into %s: %d new, %d updated\n", len(orders), *shop, created, updated)
				return nil
			}
		}
		reportProblems(env, file, problems)
		return &exitError{code: 1, err: fmt.Errorf("%d problems in %s; nothing was imported", len(problems), file)}
	})
}

func reportProblems(env *environment, file string, problems []casework.ImportError) {
	for _, p := range problems {
		var de *claimdesk.Error
		if errors.As(p.Err, &de) && len(de.Fields) > 0 {
			for _, f := range de.Fields {
				fmt.Fprintf(env.stderr, "%s:%d: order %s: %s: %s\n", file, p.Line, p.Ref, f.Field, f.Message)
			}
			continue
		}
		fmt.Fprintf(env.stderr, "%s:%d: order %s: %v\n", file, p.Line, p.Ref, p.Err)
	}
}

// parseJSONL reads one order per line in the API's order format.
func parseJSONL(data []byte) ([]casework.OrderInput, []int, []casework.ImportError) {
	var out []casework.OrderInput
	var lines []int
	var problems []casework.ImportError
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var b httpapi.OrderInBody
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&b); err != nil {
			problems = append(problems, casework.ImportError{Line: n, Err: fmt.Errorf("not an order: %v", err)})
			continue
		}
		out = append(out, b.OrderInput())
		lines = append(lines, n)
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, casework.ImportError{Line: n + 1, Err: err})
	}
	return out, lines, problems
}

// parseCSV reads order-line rows and groups them by order_id.
func parseCSV(data []byte) ([]casework.OrderInput, []int, []casework.ImportError) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, []casework.ImportError{{Line: 1, Err: fmt.Errorf("no header row: %v", err)}}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	for _, need := range []string{"order_id", "ordered_at", "customer_kind", "customer_name", "sku", "name", "quantity", "unit_price"} {
		if _, ok := col[need]; !ok {
			return nil, nil, []casework.ImportError{{Line: 1, Err: fmt.Errorf("the header has no %q column (columns: %s)", need, strings.Join(csvColumns, ","))}}
		}
	}
	var out []casework.OrderInput
	var lines []int
	var problems []casework.ImportError
	index := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			problems = append(problems, casework.ImportError{Line: line, Err: err})
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row, perr := csvRow(get)
		if perr != nil {
			problems = append(problems, casework.ImportError{Line: line, Ref: get("order_id"), Err: perr})
			continue
		}
		i, ok := index[row.Order.ExternalID]
		if !ok {
			index[row.Order.ExternalID] = len(out)
			out = append(out, row)
			lines = append(lines, line)
			continue
		}
		mergeRow(&out[i], row)
	}
	return out, lines, problems
}

// csvRow turns one row into an order with one line (and its delivery).
func csvRow(get func(string) string) (casework.OrderInput, error) {
	var errs []string
	num := func(name string) claimdesk.Minor {
		s := strings.ReplaceAll(get(name), ",", ".")
		if s == "" {
			return 0
		}
		m, err := claimdesk.ParseMinor(s)
		if err != nil {
			errs = append(errs, name+": "+err.Error())
		}
		return m
	}
	integer := func(name string) int {
		s := get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %q is not a whole number", name, s))
		}
		return n
	}
	flag := func(name string) bool {
		v := strings.ToLower(get(name))
		return v == "1" || v == "true" || v == "yes" || v == "ja"
	}
	at, err := time.Parse(time.RFC3339, get("ordered_at"))
	if err != nil {
		if d, derr := claimdesk.ParseDate(get("ordered_at")); derr == nil {
			at = d.Time(time.UTC).Add(12 * time.Hour)
		} else {
			errs = append(errs, fmt.Sprintf("ordered_at: %q is not a date or RFC 3339 time", get("ordered_at")))
		}
	}
	o := claimdesk.Order{ExternalID: get("order_id"), OrderedAt: at, Currency: get("currency"), PaymentMethod: get("payment_method"), DeliveryFee: num("delivery_fee")}
	line := claimdesk.OrderLine{
		SKU: get("sku"), Name: get("name"), Category: get("category"), Manufacturer: get("manufacturer"), Quantity: integer("quantity"),
		UnitPrice: num("unit_price"), CustomMade: flag("custom_made"), LongLived: flag("long_lived"),
		HandledByManufacturer: flag("handled_by_manufacturer"), WarrantyMonths: integer("manufacturer_warranty_months"),
	}
	if v := get("vat_rate"); v != "" {
		r, err := claimdesk.ParseMinor(strings.ReplaceAll(v, ",", "."))
		if err != nil {
			errs = append(errs, "vat_rate: "+err.Error())
		}
		line.VATRate = claimdesk.VATRate(r)
	}
	o.Lines = []claimdesk.OrderLine{line}
	if d := get("delivered_on"); d != "" {
		day, err := claimdesk.ParseDate(d)
		if err != nil {
			errs = append(errs, "delivered_on: "+err.Error())
		}
		num := get("tracking_number")
		if num == "" {
			num = o.ExternalID + "-" + d
		}
		o.Deliveries = []claimdesk.Delivery{{Number: num, DeliveredOn: day, Carrier: get("carrier"), TrackingNumber: get("tracking_number"),
			Lines: []claimdesk.DeliveryLine{{SKU: line.SKU, Quantity: line.Quantity}}}}
	}
	in := casework.OrderInput{Order: o, Customer: casework.CustomerRef{
		ExternalID: get("customer_id"), Kind: claimdesk.CustomerKind(get("customer_kind")), Name: get("customer_name"), Email: get("customer_email"),
		OrgNumber: get("customer_org_number"), Country: claimdesk.Country(strings.ToUpper(get("customer_country"))),
	}}
	if len(errs) > 0 {
		return in, errors.New(strings.Join(errs, "; "))
	}
	return in, nil
}

// mergeRow adds a row's line and delivery to the order it belongs to.
func mergeRow(dst *casework.OrderInput, row casework.OrderInput) {
	dst.Order.Lines = append(dst.Order.Lines, row.Order.Lines...)
	for _, d := range row.Order.Deliveries {
		merged := false
		for i := range dst.Order.Deliveries {
			if dst.Order.Deliveries[i].Number == d.Number {
				dst.Order.Deliveries[i].Lines = append(dst.Order.Deliveries[i].Lines, d.Lines...)
				merged = true
			}
		}
		if !merged {
			dst.Order.Deliveries = append(dst.Order.Deliveries, d)
		}
	}
}

// progress draws a progress bar on a terminal and nothing elsewhere.
type progress struct {
	env   *environment
	total int
	last  time.Time
}

func newProgress(env *environment, total int) *progress { return &progress{env: env, total: total} }

func (p *progress) set(done int) {
	if !p.env.isTerminal || p.total == 0 || (time.Since(p.last) < 50*time.Millisecond && done < p.total) {
		return
	}
	p.last = time.Now()
	const width = 30
	filled := width * done / p.total
	fmt.Fprintf(p.env.stderr, "\r[%s%s] %d/%d orders", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, p.total)
}

func (p *progress) done() {
	if p.env.isTerminal && p.total > 0 {
		fmt.Fprintln(p.env.stderr)
	}
}
