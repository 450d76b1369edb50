package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const importCSV = `order_id,ordered_at,customer_id,customer_kind,customer_name,customer_email,customer_org_number,customer_country,currency,payment_method,delivery_fee,sku,name,category,manufacturer,quantity,unit_price,vat_rate,custom_made,long_lived,handled_by_manufacturer,manufacturer_warranty_months,delivered_on,carrier,tracking_number
IMP-1,2026-11-01T10:00:00Z,K-1,consumer,Åse Ødegård,ase@example.net,,NO,NOK,card,99,LAS-1,ASSA 2000,lock,ASSA ABLOY,1,1890.00,25,false,false,false,,2026-11-04,Posten,70123
IMP-1,2026-11-01T10:00:00Z,K-1,consumer,Åse Ødegård,ase@example.net,,NO,NOK,card,99,NOK-1,Systemnøkkel,key,ASSA ABLOY,3,"349,00",25,true,false,false,,2026-11-04,Posten,70123
IMP-2,2026-11-02,K-2,consumer,Jonas Lie,jonas@example.net,,NO,NOK,vipps,0,HANG-1,Hengelås,padlock,ABUS,2,449,25,,,,,,,
`

const importJSONL = `{"id":"J-1","ordered_at":"2026-11-01T10:00:00Z","customer":{"kind":"consumer","name":"Kari","email":"kari@example.net","country":"NO"},"lines":[{"sku":"A","name":"Nøkkel","quantity":1,"unit_price":349}]}

{"id":"J-2","ordered_at":"2026-11-01T10:00:00Z","customer":{"kind":"consumer","name":"Per","email":"per@example.net","country":"NO"},"lines":[{"sku":"B","name":"Lås","quantity":2,"unit_price":1890}]}
`

// TestImportOrders: CSV and JSON Lines import, idempotent on the shop's
// order number; a file with a bad record reports every problem with its
// line and imports nothing.
func TestImportOrders(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"CLAIMDESK_LOG_LEVEL": "warn", "CLAIMDESK_DEMO": "true"}
	cli(t, dir, vars, "migrate")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// the demo shops must exist: kb search on an empty input loads them
	if code, _, errOut := runCode(t, dir, vars, "", "kb", "search", "--in", "-", "--out", "-"); code != 0 {
		t.Fatal(errOut)
	}
	csvFile := write("orders.csv", importCSV)
	if out := cli(t, dir, vars, "import", "orders", "--shop", "digitallassmed", csvFile); !strings.Contains(out, "2 new, 0 updated") {
		t.Errorf("first CSV import: %s", out)
	}
	if out := cli(t, dir, vars, "import", "orders", "--shop", "digitallassmed", csvFile); !strings.Contains(out, "0 new, 2 updated") {
		t.Errorf("second CSV import is not idempotent: %s", out)
	}
	if out := cli(t, dir, vars, "import", "orders", "--shop", "digitallassmed", write("orders.jsonl", importJSONL)); !strings.Contains(out, "2 new") {
		t.Errorf("JSON Lines import: %s", out)
	}
	bad := strings.Replace(importJSONL, `"quantity":2`, `"quantity":-2`, 1) + `{"id":"J-3",` + "\n"
	code, _, errOut := runCode(t, dir, vars, "", "import", "orders", "--shop", "digitallassmed", write("bad.jsonl", bad))
	if code != 1 {
		t.Fatalf("bad file: exit %d", code)
	}
	for _, want := range []string{"bad.jsonl:3: order J-2: lines[0].quantity", "bad.jsonl:4:", "nothing was imported"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the report lacks %q:\n%s", want, errOut)
		}
	}
	code, _, errOut = runCode(t, dir, vars, "", "import", "orders", "--shop", "digitallassmed", write("bad.csv", strings.Replace(importCSV, "1890.00", "abc", 1)))
	if code != 1 || !strings.Contains(errOut, "bad.csv:2: order IMP-1: unit_price") {
		t.Errorf("bad CSV: exit %d\n%s", code, errOut)
	}
}

// TestBackupWhileServing copies the SQLite database while the server runs.
func TestBackupWhileServing(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"CLAIMDESK_LOG_LEVEL": "warn"}
	url, stop := startServer(t, dir, vars)
	defer stop()
	dest := filepath.Join(t.TempDir(), "copy.db")
	if out := cli(t, dir, vars, "backup", dest); !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %s", out)
	}
	// the copy is a working database with the demo shops in it
	copyDir := t.TempDir()
	code, out, errOut := runCode(t, copyDir, map[string]string{"CLAIMDESK_DATABASE_URL": "sqlite:" + dest, "CLAIMDESK_LOG_LEVEL": "warn"}, "",
		"kb", "search", "--in", "-", "--out", "-")
	if code != 0 || strings.Contains(errOut, "Demo logins") {
		t.Errorf("the copy is not a loaded database: exit %d %s %s", code, out, errOut)
	}
	_ = url
}
