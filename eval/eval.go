// Package eval embeds copies of the public evaluation sets from
// ../shared/eval: policy scenarios with expected decisions
// (assess-dev.jsonl) and help-center questions with expected answers
// (helpcenter-dev.jsonl). The test suite runs them; a test checks that the
// copies still match ../shared when it is present.
package eval

import _ "embed"

// AssessDev is assess-dev.jsonl: one scenario per line with an "expect" object.
//
//go:embed assess-dev.jsonl
var AssessDev []byte

// HelpcenterDev is helpcenter-dev.jsonl: one question per line with "expect" snippets.
//
//go:embed helpcenter-dev.jsonl
var HelpcenterDev []byte
