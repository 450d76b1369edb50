package main

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestREADMESettingsTable checks that the README's settings table lists
// every setting with its flag, environment variable and file key, and no
// setting that does not exist.
func TestREADMESettingsTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "| `--") {
			cells := strings.Split(line, "|")
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`-")] = line
		}
	}
	typ := reflect.TypeOf(Config{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		row, ok := rows[f.Tag.Get("flag")]
		if !ok {
			t.Errorf("README's settings table has no row for --%s", f.Tag.Get("flag"))
			continue
		}
		for _, want := range []string{"`CLAIMDESK_" + f.Tag.Get("env") + "`", "`" + f.Tag.Get("toml") + "`"} {
			if !strings.Contains(row, want) {
				t.Errorf("README row for --%s lacks %s", f.Tag.Get("flag"), want)
			}
		}
		delete(rows, f.Tag.Get("flag"))
	}
	for flag := range rows {
		t.Errorf("README lists --%s, which is no setting", flag)
	}
}

// TestConfigPrecedence: flags beat environment beat file beat defaults.
func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/claimdesk.toml"
	if err := os.WriteFile(file, []byte("addr = \":7000\"\nbase_url = \"https://desk.example\"\nlog_level = \"debug\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CLAIMDESK_LOG_LEVEL": "warn", "CLAIMDESK_BASE_URL": "https://env.example"}
	fs := newFlagSet()
	cf := bindConfig(fs)
	if err := fs.Parse([]string{"--config", file, "--base-url", "https://flag.example", "--demo=false"}); err != nil {
		t.Fatal(err)
	}
	c, err := cf.load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, got, want string }{
		{"file beats default", c.Addr, ":7000"},
		{"env beats file", c.LogLevel, "warn"},
		{"flag beats env", c.BaseURL, "https://flag.example"},
		{"default stays", c.DatabaseURL, "sqlite:claimdesk.db"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if c.Demo {
		t.Error("--demo=false did not turn the demo off")
	}
	env["CLAIMDESK_LOG_LEVEL"] = "loud"
	if _, err := cf.load(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "log level") {
		t.Errorf("a wrong log level is not refused: %v", err)
	}
}

func newFlagSet() *flag.FlagSet { return flag.NewFlagSet("claimdesk", flag.ContinueOnError) }
