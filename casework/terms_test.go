package casework_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk"
	"github.com/claimdesk/claimdesk/casework"
	"github.com/claimdesk/claimdesk/policy"
	"github.com/claimdesk/claimdesk/storetest"
)

// cleanTerms is the linter's clean fixture as a shop would upload it, with
// its version and withdrawal period replaced.
func cleanTerms(t *testing.T, version string, days int) []byte {
	t.Helper()
	data, err := os.ReadFile("../policy/testdata/clean.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `version = "clean-2026-11-01.1"`, `version = "`+version+`"`, 1)
	s = strings.Replace(s, "[withdrawal]\ndays = 14", "[withdrawal]\ndays = "+strconv.Itoa(days), 1)
	if !strings.Contains(s, version) || !strings.Contains(s, "days = "+strconv.Itoa(days)) {
		t.Fatal("the fixture changed: cannot set version and withdrawal days")
	}
	return []byte(s)
}

// TestUploadedTerms: a shop admin uploads terms; the linter's errors block
// a file, a clean one is stored and activated, and from then on new
// decisions for the shop use it (here a 30-day withdrawal period instead of
// 14) on every instance, while a case decided before keeps its terms
// version and deadline.
func TestUploadedTerms(t *testing.T) {
	for name, open := range storetest.Dialects() {
		t.Run(name, func(t *testing.T) {
			d := newDesk(t, open)
			engine, _ := policy.Default()
			other := casework.New(d.db, casework.Options{Assessor: casework.PolicyAssessor{Engine: engine}, SLA: casework.CalendarSLA{}, Now: d.clk.now})
			admin := d.as("", "knut.hovland@digitallassmed.example")
			silje := d.as("digitallassmed", "silje.bakken@example.net")
			withdraw := func(svc *casework.Service) *claimdesk.Case {
				c, err := svc.OpenCase(silje, "digitallassmed", casework.OpenCaseInput{Kind: claimdesk.KindWithdrawal, OrderExternalID: "DL-100457", Lines: line("HANG-ABUS-55", 1)})
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			before := withdraw(d.svc)
			_ = withdraw(other) // the other instance has read the terms version
			if before.TermsVersion != "digitallassmed-2022-05-01.1" {
				t.Fatalf("before: terms %s", before.TermsVersion)
			}

			shipped, _ := os.ReadFile("../policy/terms/digitallassmed.toml")
			flagged := strings.Replace(string(shipped), `version = "digitallassmed-2022-05-01.1"`, `version = "digitallassmed-2026-12-01"`, 1)
			checks := []struct {
				name    string
				data    []byte
				blocked bool
				want    string // a finding code, "load" or "version"
			}{
				{"the linter finds errors", []byte(flagged), true, "dead_odr_link"},
				{"not TOML", []byte("id = \"x\"\nversion = \n"), true, "load"},
				{"the version it runs on", []byte(strings.Replace(flagged, "digitallassmed-2026-12-01", "digitallassmed-2022-05-01.1", 1)), true, "version"},
				{"clean", cleanTerms(t, "dls-2026-12-01", 30), false, ""},
				{"clean, the same version again", cleanTerms(t, "dls-2026-12-01", 30), true, "version"},
			}
			for _, tt := range checks {
				chk, err := d.svc.UploadTerms(admin, "digitallassmed", "upload.toml", tt.data)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if chk.Blocked != tt.blocked || (chk.Saved != nil) == tt.blocked {
					t.Errorf("%s: blocked %v, saved %v", tt.name, chk.Blocked, chk.Saved != nil)
				}
				switch tt.want {
				case "load":
					if chk.LoadError == nil || chk.LoadError.Line == 0 {
						t.Errorf("%s: load error %v", tt.name, chk.LoadError)
					}
				case "version":
					if !chk.VersionTaken {
						t.Errorf("%s: version not refused", tt.name)
					}
				case "":
				default:
					found := false
					for _, f := range chk.Findings {
						found = found || (f.Code == tt.want && f.Severity == policy.SeverityError && f.Law != "" && strings.HasPrefix(f.Clause, "odr: "))
					}
					if !found {
						t.Errorf("%s: no %s finding with its law and clause in %+v", tt.name, tt.want, chk.Findings)
					}
				}
			}
			if _, err := d.svc.UploadTerms(d.as("", "amira.haddad@digitallassmed.example"), "digitallassmed", "x.toml", cleanTerms(t, "x-1", 30)); !claimdesk.IsCode(err, claimdesk.CodeForbidden) {
				t.Errorf("an agent uploads terms: %v", err)
			}
			if _, err := d.svc.UploadTerms(admin, "digitallassmed", "x.toml", make([]byte, casework.MaxTermsSize+1)); !claimdesk.IsCode(err, claimdesk.CodeInvalid) {
				t.Errorf("a file too large: %v", err)
			}
			if err := d.svc.ActivateTerms(admin, "digitallassmed", "digitallassmed-2026-12-01"); !claimdesk.IsCode(err, claimdesk.CodeNotFound) {
				t.Errorf("activating a blocked upload: %v", err)
			}
			if err := d.svc.ActivateTerms(d.as("", "camilla.strand@dustin.example"), "digitallassmed", "dls-2026-12-01"); !claimdesk.IsCode(err, claimdesk.CodeForbidden) {
				t.Errorf("another shop's admin activates: %v", err)
			}
			if c := withdraw(d.svc); c.TermsVersion != before.TermsVersion {
				t.Errorf("an upload not yet active decided a case: %s", c.TermsVersion)
			}

			if err := d.svc.ActivateTerms(admin, "digitallassmed", "dls-2026-12-01"); err != nil {
				t.Fatal(err)
			}
			for inst, svc := range map[string]*casework.Service{"this instance": d.svc, "another instance": other} {
				after := withdraw(svc)
				if after.TermsVersion != "dls-2026-12-01" || !after.Deadline.After(before.Deadline.AddDays(14)) {
					t.Errorf("%s: new case under %s, deadline %s (before: %s)", inst, after.TermsVersion, after.Deadline, before.Deadline)
				}
			}
			old, err := d.svc.GetCase(d.as("", "knut.hovland@digitallassmed.example"), before.Number)
			if err != nil {
				t.Fatal(err)
			}
			if old.TermsVersion != before.TermsVersion || old.Deadline != before.Deadline {
				t.Errorf("the old case changed: %s, %s", old.TermsVersion, old.Deadline)
			}
			info, err := d.svc.ShopTermsInfo(admin, "digitallassmed")
			if err != nil || info.Active == nil || info.Active.Version != "dls-2026-12-01" || info.Terms.Version != "dls-2026-12-01" || len(info.Uploads) != 1 {
				t.Fatalf("info %+v: %v", info, err)
			}
			if name, src, err := d.svc.TermsSource(admin, "digitallassmed"); err != nil || name != "dls-2026-12-01.toml" || !strings.Contains(string(src), "days = 30") {
				t.Errorf("download %s: %v", name, err)
			}
			if name, src, err := d.svc.TermsSource(d.as("", "camilla.strand@dustin.example"), "dustin"); err != nil || !strings.Contains(string(src), `id = "dustin"`) {
				t.Errorf("download of shipped terms %s: %v", name, err)
			}
		})
	}
}
