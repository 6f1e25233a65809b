package hostilepdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"
)

func TestRepeat(t *testing.T) {
	for _, tc := range []struct {
		pre, pat, suf string
		n             int64
	}{
		{"(", "a", ") Tj", 100_000},
		{"[", "0 ", "] TJ", 1000},
		{"", "<0001> <0041>\n", "", 777},
		{"x", "1 0 0 1 0 0 cm\n", "", 0},
		{"", "abc", "", 1},
		{"", string(bytes.Repeat([]byte("q"), 3000)), "Q", 40},
	} {
		z := Repeat([]byte(tc.pre), []byte(tc.pat), tc.n, []byte(tc.suf))
		r, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%q×%d: %v", tc.pat, tc.n, err)
		}
		want := tc.pre + string(bytes.Repeat([]byte(tc.pat), int(tc.n))) + tc.suf
		if string(got) != want {
			t.Fatalf("%q×%d: got %d bytes, want %d", tc.pat, tc.n, len(got), len(want))
		}
	}
}

func TestPeriodic(t *testing.T) {
	inner := Repeat([]byte("BT ("), []byte("a"), 50_000_000, []byte(") Tj ET"))
	outer := Periodic(inner)
	r, err := zlib.NewReader(bytes.NewReader(outer))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, inner) {
		t.Fatalf("round trip differs")
	}
	t.Logf("50 MB → %d → %d bytes", len(inner), len(outer))
	for l := 3; l <= 258; l++ {
		data := append([]byte("xyz"), bytes.Repeat([]byte("k"), l)...)
		r, _ := zlib.NewReader(bytes.NewReader(Periodic(data)))
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("length %d: %v", l, err)
		}
	}
}
