package sqlstore

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/claimdesk/claimdesk"
)

// timeCol scans an instant stored as microseconds (SQLite) or timestamptz
// (PostgreSQL) into a UTC time.Time; NULL gives the zero time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
	case int64:
		*c.t = time.UnixMicro(v).UTC()
	case time.Time:
		*c.t = v.UTC()
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a time", src)
	}
	return nil
}

// timePtrCol scans a nullable instant into a *time.Time.
type timePtrCol struct{ t **time.Time }

func (c timePtrCol) Scan(src any) error {
	if src == nil {
		*c.t = nil
		return nil
	}
	var t time.Time
	if err := (timeCol{&t}).Scan(src); err != nil {
		return err
	}
	*c.t = &t
	return nil
}

// dateCol scans a DATE (PostgreSQL) or 'YYYY-MM-DD' text (SQLite) into a
// claimdesk.Date; NULL gives the zero date.
type dateCol struct{ d *claimdesk.Date }

func (c dateCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.d = claimdesk.Date{}
		return nil
	case time.Time:
		*c.d = claimdesk.DateOf(v)
		return nil
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	}
	return fmt.Errorf("sqlstore: cannot scan %T into a date", src)
}

func (c dateCol) parse(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := claimdesk.ParseDate(s)
	if err != nil {
		return err
	}
	*c.d = d
	return nil
}

// dateVal is the column value of a date: NULL for the zero date.
func dateVal(d claimdesk.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// idCol scans a nullable id; NULL gives 0.
type idCol struct{ p *int64 }

func (c idCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = 0
	case int64:
		*c.p = v
	case int32:
		*c.p = int64(v)
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into an id", src)
	}
	return nil
}

// idVal is the column value of an optional id: NULL for 0.
func idVal(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// strVal is the column value of an optional reference by string: NULL for "".
func strVal(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// strCol scans a nullable text into a string; NULL gives "".
type strCol struct{ p *string }

func (c strCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = ""
	case string:
		*c.p = v
	case []byte:
		*c.p = string(v)
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a string", src)
	}
	return nil
}

// jsonCol scans a JSON column (text, json or jsonb) and decodes it into v.
// NULL and empty text leave v alone.
type jsonCol struct{ v any }

func (c jsonCol) Scan(src any) error {
	var b []byte
	switch x := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("sqlstore: cannot scan %T as JSON", src)
	}
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, c.v)
}

// rawCol scans a nullable JSON column into a json.RawMessage, byte for byte.
type rawCol struct{ p *json.RawMessage }

func (c rawCol) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*c.p = nil
	case string:
		*c.p = json.RawMessage(x)
	case []byte:
		*c.p = append(json.RawMessage(nil), x...)
	default:
		return fmt.Errorf("sqlstore: cannot scan %T as JSON", src)
	}
	return nil
}

// jsonVal encodes v as JSON text for a column.
func jsonVal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", claimdesk.Wrap(err, claimdesk.CodeInvalid, "value cannot be stored as JSON")
	}
	return string(b), nil
}

// rawVal is the column value of a raw JSON document: NULL when empty.
func rawVal(r json.RawMessage) any {
	if len(r) == 0 {
		return nil
	}
	return string(r)
}

// blob returns b, or an empty non-nil slice, for NOT NULL binary columns.
func blob(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
