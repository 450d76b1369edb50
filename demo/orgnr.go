package demo

import "strings"

// ValidNorwegianOrgNumber checks a Norwegian organisation number: nine
// digits, the last a modulus-11 check digit with weights 3 2 7 6 5 4 3 2
// (Brønnøysundregistrene).
func ValidNorwegianOrgNumber(s string) bool {
	d := digits(s)
	if len(d) != 9 {
		return false
	}
	return mod11(d[:8], []int{3, 2, 7, 6, 5, 4, 3, 2}) == int(d[8]-'0')
}

// ValidDanishCVR checks a Danish CVR number: eight digits whose weighted sum
// with weights 2 7 6 5 4 3 2 1 is divisible by 11.
func ValidDanishCVR(s string) bool {
	d := digits(s)
	if len(d) != 8 {
		return false
	}
	sum := 0
	for i, w := range []int{2, 7, 6, 5, 4, 3, 2, 1} {
		sum += int(d[i]-'0') * w
	}
	return sum%11 == 0
}

// ValidSwedishOrgNumber checks a Swedish organisation number: ten digits,
// the last a Luhn check digit (Bolagsverket).
func ValidSwedishOrgNumber(s string) bool {
	d := digits(s)
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		v := int(d[i] - '0')
		if i%2 == 0 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

func mod11(d string, weights []int) int {
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	c := 11 - sum%11
	switch c {
	case 11:
		return 0
	case 10:
		return -1
	}
	return c
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if r != ' ' && r != '-' {
			return ""
		}
	}
	return b.String()
}
