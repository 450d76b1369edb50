package main

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// Config is every setting of claimdesk. Each field's tags name its flag,
// its environment variable (CLAIMDESK_ + env) and its key in the optional
// TOML config file; the README's table is checked against them by a test.
// Flags beat environment, environment beats the file, the file beats the
// defaults. Secrets may also come from a file named by <ENV>_FILE.
type Config struct {
	DatabaseURL   string        `flag:"db" env:"DATABASE_URL" toml:"database_url" help:"database: postgres://… for PostgreSQL; a path or sqlite:PATH for SQLite"`
	Addr          string        `flag:"addr" env:"ADDR" toml:"addr" help:"host:port the server listens on"`
	BaseURL       string        `flag:"base-url" env:"BASE_URL" toml:"base_url" help:"public URL of the server, used in links in mail and labels"`
	Demo          bool          `flag:"demo" env:"DEMO" toml:"demo" help:"load the four demo shops on first start"`
	SecretKey     string        `flag:"secret-key" env:"SECRET_KEY" toml:"secret_key" secret:"true" help:"key for hashing API keys; generated and kept in the database when empty"`
	LogLevel      string        `flag:"log-level" env:"LOG_LEVEL" toml:"log_level" help:"debug, info, warn or error"`
	LogFormat     string        `flag:"log-format" env:"LOG_FORMAT" toml:"log_format" help:"text or json"`
	SMTPURL       string        `flag:"smtp-url" env:"SMTP_URL" toml:"smtp_url" secret:"true" help:"default outgoing mail server, smtp://user:pass@host:587 (STARTTLS) or smtps://…:465"`
	IMAPURL       string        `flag:"imap-url" env:"IMAP_URL" toml:"imap_url" secret:"true" help:"default support mailbox to poll, imaps://user:pass@host:993/INBOX"`
	KeyRate       float64       `flag:"api-key-rate" env:"API_KEY_RATE" toml:"api_key_rate" help:"requests per second allowed per API key (burst: 4×)"`
	ShutdownGrace time.Duration `flag:"shutdown-grace" env:"SHUTDOWN_GRACE" toml:"shutdown_grace" help:"how long to let requests finish on shutdown"`
	// WebhooksAllowPrivate lets webhooks reach private and loopback
	// addresses: for a receiver on the same machine or network in
	// development. Off, a shop admin cannot point a webhook inside the
	// network (SSRF).
	WebhooksAllowPrivate bool `flag:"webhooks-allow-private" env:"WEBHOOKS_ALLOW_PRIVATE" toml:"webhooks_allow_private" help:"let webhooks reach private, loopback and link-local addresses (development only)"`
}

// Defaults returns the configuration with no flags, environment or file:
// SQLite in claimdesk.db in the working directory, port 8080, demo shops on.
func Defaults() Config {
	return Config{
		DatabaseURL: "sqlite:claimdesk.db", Addr: ":8080", BaseURL: "http://localhost:8080", Demo: true,
		LogLevel: "info", LogFormat: "text", KeyRate: 50, ShutdownGrace: 10 * time.Second,
	}
}

// Validate checks the settings.
func (c Config) Validate() error {
	var errs []string
	if c.DatabaseURL == "" {
		errs = append(errs, "database URL is empty")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Sprintf("log level %q is not debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Sprintf("log format %q is not text or json", c.LogFormat))
	}
	if !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		errs = append(errs, fmt.Sprintf("base URL %q must start with http:// or https://", c.BaseURL))
	}
	if c.KeyRate < 0 {
		errs = append(errs, "api key rate cannot be negative")
	}
	if len(errs) > 0 {
		return fmt.Errorf("config: %s", strings.Join(errs, "; "))
	}
	return nil
}

// configFlags registers every config field on fs (bound to a scratch copy
// so that only flags actually given override the other sources) and a
// --config flag for the file.
type configFlags struct {
	fs   *flag.FlagSet
	file *string
	vals map[string]*string
}

func bindConfig(fs *flag.FlagSet) *configFlags {
	cf := &configFlags{fs: fs, vals: map[string]*string{}}
	cf.file = fs.String("config", os.Getenv("CLAIMDESK_CONFIG"), "optional TOML config file (env CLAIMDESK_CONFIG)")
	t := reflect.TypeOf(Config{})
	def := reflect.ValueOf(Defaults())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("flag")
		v := new(string)
		cf.vals[name] = v
		usage := fmt.Sprintf("%s (env CLAIMDESK_%s, default %v)", f.Tag.Get("help"), f.Tag.Get("env"), def.Field(i))
		fs.Var(rawFlag{v: v, isBool: f.Type.Kind() == reflect.Bool}, name, usage)
	}
	return cf
}

// rawFlag keeps a flag's text until load parses it into the Config; a
// boolean one may stand alone (--demo) or take a value (--demo=false).
type rawFlag struct {
	v      *string
	isBool bool
}

func (f rawFlag) String() string {
	if f.v == nil {
		return ""
	}
	return *f.v
}

func (f rawFlag) Set(s string) error { *f.v = s; return nil }

func (f rawFlag) IsBoolFlag() bool { return f.isBool }

// load merges defaults, the file, the environment and the flags given.
func (cf *configFlags) load(env func(string) string) (Config, error) {
	c := Defaults()
	if *cf.file != "" {
		b, err := os.ReadFile(*cf.file)
		if err != nil {
			return c, fmt.Errorf("config file: %w", err)
		}
		dec := toml.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return c, fmt.Errorf("config file %s: %w", *cf.file, err)
		}
	}
	t := reflect.TypeOf(c)
	v := reflect.ValueOf(&c).Elem()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := "CLAIMDESK_" + f.Tag.Get("env")
		if s := env(key); s != "" {
			if err := setField(v.Field(i), s); err != nil {
				return c, fmt.Errorf("%s: %w", key, err)
			}
		} else if p := env(key + "_FILE"); p != "" && f.Tag.Get("secret") == "true" {
			b, err := os.ReadFile(p)
			if err != nil {
				return c, fmt.Errorf("%s_FILE: %w", key, err)
			}
			v.Field(i).SetString(strings.TrimSpace(string(b)))
		}
		if s := *cf.vals[f.Tag.Get("flag")]; s != "" {
			if err := setField(v.Field(i), s); err != nil {
				return c, fmt.Errorf("--%s: %w", f.Tag.Get("flag"), err)
			}
		}
	}
	return c, c.Validate()
}

func setField(v reflect.Value, s string) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("%q is not true or false", s)
		}
		v.SetBool(b)
	case reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", s)
		}
		v.SetFloat(f)
	case reflect.Int64: // time.Duration
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("%q is not a duration like 10s", s)
		}
		v.SetInt(int64(d))
	}
	return nil
}
