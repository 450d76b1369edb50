package label

import (
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Font family names inside the PDF.
const (
	regular = "GoRegular"
	bold    = "GoBold"
)

// fonts parses the embedded Go fonts once per process. gopdf's FontContainer
// hands each document its own copy of the parsed tables, so every label still
// embeds only the glyphs it uses (subsetting keeps a label near 20 KB).
var fonts = sync.OnceValues(func() (*gopdf.FontContainer, error) {
	fc := new(gopdf.FontContainer)
	for _, f := range []struct {
		family string
		data   []byte
	}{{regular, goregular.TTF}, {bold, gobold.TTF}} {
		if err := fc.AddTTFFontData(f.family, f.data); err != nil {
			return nil, fmt.Errorf("label: parse font %s: %w", f.family, err)
		}
	}
	return fc, nil
})
