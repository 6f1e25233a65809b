package corpus

import (
	"reflect"
	"testing"
)

func TestCloneSharesNothing(t *testing.T) {
	v := Version{SHA256: "ab", Warnings: []string{"w"}, Pages: []Page{{Warnings: []string{"p"}}},
		Signature: &SignatureCheck{Signatures: []SignatureInfo{{Signer: "A"}}}}
	d := Document{ID: "x", Recipients: []string{"r"}, CC: []string{"c"}, Citations: []Citation{{Number: "1"}},
		Rules: []Rule{{Kind: "k"}}, Spans: map[string]Span{"number": {}}, FieldSources: map[string]string{"number": "text"},
		Attrs: map[string]string{"a": "b"}, ESign: &ESign{Signer: "s"}, Incoming: &Incoming{Number: "2"},
		Source: v, Versions: []Version{v}}
	want := Document{}
	deepCopy(t, d, &want)
	c := d.Clone()
	c.Recipients[0], c.CC[0], c.Citations[0].Number, c.Rules[0].Kind = "X", "X", "X", "X"
	c.Spans["date"], c.FieldSources["number"], c.Attrs["a"] = Span{}, "X", "X"
	c.ESign.Signer, c.Incoming.Number = "X", "X"
	for _, cv := range []*Version{&c.Source, &c.Versions[0]} {
		cv.Warnings[0], cv.Pages[0].Warnings[0] = "X", "X"
		cv.Signature.Signatures[0].Signer = "X"
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("changing the clone changed the original:\n got %+v\nwant %+v", d, want)
	}
}

// deepCopy copies src into dst through Clone's own opposite: field by field
// with fresh values, so the test does not trust the code it tests.
func deepCopy(t *testing.T, src Document, dst *Document) {
	t.Helper()
	*dst = src
	dst.Recipients, dst.CC = []string{"r"}, []string{"c"}
	dst.Citations, dst.Rules = []Citation{{Number: "1"}}, []Rule{{Kind: "k"}}
	dst.Spans, dst.FieldSources = map[string]Span{"number": {}}, map[string]string{"number": "text"}
	dst.Attrs, dst.ESign, dst.Incoming = map[string]string{"a": "b"}, &ESign{Signer: "s"}, &Incoming{Number: "2"}
	mk := func() Version {
		return Version{SHA256: "ab", Warnings: []string{"w"}, Pages: []Page{{Warnings: []string{"p"}}},
			Signature: &SignatureCheck{Signatures: []SignatureInfo{{Signer: "A"}}}}
	}
	dst.Source, dst.Versions = mk(), []Version{mk()}
}
