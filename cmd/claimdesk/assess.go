package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/helpcenter"
	"github.com/claimdesk/claimdesk/policy"
)

// openIn opens an input file, "-" being standard input.
func openIn(env *environment, name string) (io.Reader, func(), error) {
	if name == "-" {
		return env.stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, &exitError{code: 2, err: err}
	}
	return f, func() { f.Close() }, nil
}

// openOut creates an output file, "-" being standard output.
func openOut(env *environment, name string) (io.Writer, func() error, error) {
	if name == "-" {
		return env.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, &exitError{code: 2, err: err}
	}
	return f, f.Close, nil
}

// runAssess judges scenario files as shared/spec/assessment.md defines:
// exit 1 if any scenario had an error, 2 on a usage or I/O error. It needs
// no database: the demo shops' terms ship inside the binary.
func runAssess(_ context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("assess", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	in := fs.String("in", "", "scenarios, JSON Lines (- for standard input)")
	out := fs.String("out", "", "decisions, JSON Lines (- for standard output)")
	terms := fs.String("terms", "", "judge against this terms file instead of the shipped one for its shop")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if *in == "" || *out == "" || fs.NArg() > 0 {
		return usageErr("usage: claimdesk assess --in FILE --out FILE [--terms FILE]")
	}
	engine, err := policy.Default()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if *terms != "" {
		data, err := os.ReadFile(*terms)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		t, err := policy.LoadTermsFile(*terms, data)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		engine = engine.With(t)
	}
	r, closeIn, err := openIn(env, *in)
	if err != nil {
		return err
	}
	defer closeIn()
	w, closeOut, err := openOut(env, *out)
	if err != nil {
		return err
	}
	hadErrors, err := policy.RunAssess(r, w, engine)
	if cerr := closeOut(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if hadErrors {
		return &exitError{code: 1}
	}
	return nil
}

// runTerms lints a shop's terms (or a terms file) against the law in force
// today; it exits 1 when it finds something.
func runTerms(_ context.Context, env *environment, args []string) error {
	if _, rest, err := sub(args, "terms", "lint"); err != nil {
		return err
	} else {
		args = rest
	}
	fs := flag.NewFlagSet("terms lint", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	shop := fs.String("shop", "", "lint the shipped terms of this shop (default: all shipped terms)")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	today := fs.String("today", "", "judge as of this date (default: today)")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	when := time.Now()
	if *today != "" {
		t, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return usageErr("--today %q is not a date", *today)
		}
		when = t
	}
	list, err := termsToLint(*shop, fs.Args())
	if err != nil {
		return err
	}
	total := 0
	var all []map[string]any
	for _, t := range list {
		findings := policy.Lint(t, when)
		total += len(findings)
		if *asJSON {
			all = append(all, map[string]any{"terms": t.ID, "findings": findings})
			continue
		}
		fmt.Fprintf(env.stdout, "%s: %d findings\n", t.ID, len(findings))
		for _, f := range findings {
			fmt.Fprintf(env.stdout, "  %-7s %s\n          clause: %s\n          law:    %s\n          %s\n", f.Severity, f.Code, f.Clause, f.Law, f.Message)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			return err
		}
	}
	if total > 0 {
		return &exitError{code: 1}
	}
	return nil
}

func termsToLint(shop string, files []string) ([]*policy.Terms, error) {
	if len(files) > 0 {
		var out []*policy.Terms
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, &exitError{code: 2, err: err}
			}
			t, err := policy.LoadTermsFile(f, data)
			if err != nil {
				return nil, &exitError{code: 2, err: err}
			}
			out = append(out, t)
		}
		return out, nil
	}
	all, err := policy.EmbeddedTerms()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	if shop == "" {
		return all, nil
	}
	var ids []string
	for _, t := range all {
		if t.ID == shop {
			return []*policy.Terms{t}, nil
		}
		ids = append(ids, t.ID)
	}
	sort.Strings(ids)
	return nil, usageErr("no shipped terms for shop %q (there are: %s)", shop, strings.Join(ids, ", "))
}

// runKB answers help-center questions from the configured database (on a
// fresh one in an empty directory it loads the demo shops first, like serve).
func runKB(ctx context.Context, env *environment, args []string) error {
	if _, rest, err := sub(args, "kb", "search"); err != nil {
		return err
	} else {
		args = rest
	}
	fs := flag.NewFlagSet("kb search", flag.ContinueOnError)
	in := fs.String("in", "", "questions, JSON Lines {\"id\",\"shop\",\"q\",\"lang\"?} (- for standard input)")
	out := fs.String("out", "", "answers, JSON Lines (- for standard output)")
	cfg, err := parseConfig(env, fs, args)
	if err != nil {
		return err
	}
	if *in == "" || *out == "" {
		return usageErr("usage: claimdesk kb search --in FILE --out FILE")
	}
	quiet := *env
	quiet.stdout = env.stderr // demo logins must not mix into the answers
	a, err := openApp(ctx, &quiet, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	r, closeIn, err := openIn(env, *in)
	if err != nil {
		return err
	}
	defer closeIn()
	w, closeOut, err := openOut(env, *out)
	if err != nil {
		return err
	}
	if err := helpcenter.RunKBSearch(r, w, a.svc.HelpCenter()); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}
