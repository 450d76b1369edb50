package sqlstore

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A relative SQLite path is fixed at Open: the pool opens connections
// later, and one opened after the process changed directory must reach the
// same database, not create an empty one where the process now is.
func TestSQLiteRelativePathIsAnchoredAtOpen(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	w, r, err := sqliteDSNs("sqlite:claimdesk.db", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	want := "file:" + filepath.Join(dir, "claimdesk.db") + "?"
	for _, dsn := range []string{w, r} {
		if !strings.HasPrefix(dsn, want) {
			t.Errorf("DSN %q does not start with %q", dsn, want)
		}
	}
}
