package corpus_test

import (
	"fmt"

	"vanthu/corpus"
)

// Document numbers are written many ways; their key is one.
func ExampleNumberKey() {
	for _, s := range []string{"4060-CV/BTCTU", "Số 4060 -CV/BTCTU", "155/2020/nd-cp", "155/2020/NĐ-CP"} {
		fmt.Printf("%-20q %s\n", s, corpus.NumberKey(s))
	}
	// Output:
	// "4060-CV/BTCTU"      4060-CV-BTCTU
	// "Số 4060 -CV/BTCTU"  4060-CV-BTCTU
	// "155/2020/nd-cp"     155-2020-ND-CP
	// "155/2020/NĐ-CP"     155-2020-ND-CP
}

// Folding removes diacritics (đ included) so accent-free queries match.
func ExampleFold() {
	fmt.Println(corpus.Fold("Đoàn ra nước ngoài"))
	// Output: Doan ra nuoc ngoai
}

// ParseNumber splits a number into its parts.
func ExampleParseNumber() {
	n, ok := corpus.ParseNumber("Số: 05/2026/QĐ-UBND")
	fmt.Println(ok, n.Canonical, n.Num, n.Year, n.Type, n.Issuer)
	// Output: true 05/2026/QĐ-UBND 5 2026 QĐ UBND
}
