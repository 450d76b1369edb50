package casework

import (
	"testing"

	"github.com/claimdesk/claimdesk"
)

// TestCatalogComplete: every language has every key the English one has.
func TestCatalogComplete(t *testing.T) {
	catalogOnce.Do(loadCatalog)
	if catalogErr != nil {
		t.Fatal(catalogErr)
	}
	for key := range catalog[claimdesk.English] {
		for _, l := range claimdesk.Langs {
			if _, ok := catalog[l][key]; !ok {
				t.Errorf("%s has no %q", l, key)
			}
		}
	}
	if got := text(claimdesk.Nynorsk, "referral.intro", map[string]string{"Number": "DUS-26-000001-3", "Customer": "Ola", "Shop": "Dustin", "Body": "Forbrukartilsynet"}); got != "Saka DUS-26-000001-3 mellom Ola og Dustin vert send vidare til Forbrukartilsynet." {
		t.Errorf("template: %q", got)
	}
}
