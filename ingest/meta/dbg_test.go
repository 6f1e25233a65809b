package meta

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDbg prints what Parse reads from the files named in $DBG (a
// development aid; skipped unless DBG is set).
func TestDbg(t *testing.T) {
	if os.Getenv("DBG") == "" {
		t.Skip("set DBG=file[,file] to print what Parse reads")
	}
	p := newParser(t)
	for _, f := range strings.Split(os.Getenv("DBG"), ",") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := p.parse(newText(string(b)))
		d.Spans, d.FieldSources = nil, nil
		out, _ := json.MarshalIndent(d, "", " ")
		fmt.Printf("== %s\n%s\n", f, out)
	}
}
