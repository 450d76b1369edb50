package seeds_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCopiesMatchShared fails when ../shared holds a newer version of a file
// the repository keeps a copy of: update the copy (seeds/docs, eval) then.
func TestCopiesMatchShared(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("../shared is not beside the repository; nothing to compare")
	}
	pairs := map[string]string{}
	for _, dir := range []struct{ from, to string }{{"seeds", "docs"}, {"eval", "../eval"}} {
		entries, err := os.ReadDir(filepath.Join(shared, dir.from))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() {
				pairs[filepath.Join(shared, dir.from, e.Name())] = filepath.Join(dir.to, e.Name())
			}
		}
	}
	if len(pairs) == 0 {
		t.Fatal("../shared has no seeds or eval files")
	}
	for src, dst := range pairs {
		want, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(dst)
		if err != nil {
			t.Errorf("%s has no copy at %s: copy it into the repository", src, dst)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s: update the copy", dst, src)
		}
	}
}
