package claimdesk

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// CaseNumber formats a case (RMA) number: the shop's prefix, the two-digit
// year, a six-digit sequence and a Luhn check digit over the digits, as
// "DUS-26-000123-4". The check digit catches a mistyped or swapped digit when
// a customer reads the number out on the phone or writes it on a parcel.
func CaseNumber(prefix string, year int, seq int64) string {
	digits := fmt.Sprintf("%02d%06d", year%100, seq)
	return fmt.Sprintf("%s-%s-%s-%d", strings.ToUpper(prefix), digits[:2], digits[2:], luhnDigit(digits))
}

var caseNumberRE = regexp.MustCompile(`^([A-Z]{2,5})-(\d{2})-(\d{6,9})-(\d)$`)

// ParseCaseNumber checks a case number's form and check digit and returns it
// normalised (upper case, no spaces). It accepts lower case and spaces
// around the dashes.
func ParseCaseNumber(s string) (string, error) {
	n := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	m := caseNumberRE.FindStringSubmatch(n)
	if m == nil {
		return "", Errorf(CodeInvalid, "%q is not a case number like DUS-26-000123-4", s)
	}
	d, _ := strconv.Atoi(m[4])
	if luhnDigit(m[2]+m[3]) != d {
		return "", Errorf(CodeInvalid, "case number %q has a wrong check digit", s)
	}
	return n, nil
}

// luhnDigit returns the Luhn check digit for a string of digits.
func luhnDigit(digits string) int {
	sum := 0
	double := true
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}
