// Package seeds embeds the demo shops' own published documents (FAQ pages,
// purchase and complaint terms) and the public evaluation sets, verbatim, so
// that neither the binary nor its tests need anything outside the repository.
//
// The documents are the shops' words, shipped as demo content; docs/README.md
// names each file's shop, language and source. A test checks that these copies
// still match ../shared when that folder is present.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed docs/*.txt docs/README.md
var docs embed.FS

// Docs returns the seed documents; file names are as in docs/README.md.
func Docs() fs.FS {
	sub, err := fs.Sub(docs, "docs")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Doc is one seed document and the demo shop it belongs to.
type Doc struct {
	File string // file name inside Docs()
	Shop string // demo shop id: dustin, belysning, compumail, digitallassmed
	Lang string // language the document is written in: nb or sv
	Kind string // faq, ladder, terms
}

// All lists the seed documents in file order.
var All = []Doc{
	{File: "000_3052a378a0157ddb.txt", Shop: "dustin", Lang: "nb", Kind: "faq"},
	{File: "001_881c1153482cf4ba.txt", Shop: "dustin", Lang: "nb", Kind: "ladder"},
	{File: "002_8b4d5cfe7373f2da.txt", Shop: "belysning", Lang: "nb", Kind: "faq"},
	{File: "003_ba5706d3d54f3d90.txt", Shop: "compumail", Lang: "sv", Kind: "terms"},
	{File: "004_f17017b5d3cf55dc.txt", Shop: "digitallassmed", Lang: "sv", Kind: "terms"},
}

// Read returns the text of one seed document.
func Read(file string) (string, error) {
	b, err := fs.ReadFile(Docs(), file)
	return string(b), err
}
