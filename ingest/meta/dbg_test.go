package meta

import (
	"fmt"
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	tx := newText(string(b))
	for i := 0; i < 14 && i < len(tx.lines); i++ {
		for _, c := range tx.lines[i].cells {
			fmt.Printf("%d col%d %q\n", i, c.col, tx.cellText(c))
		}
	}
	p := newParser(t)
	used := make([]bool, len(tx.lines))
	p.findESign(tx, used)
	h := p.parseHeader(tx, used)
	fmt.Printf("%+v\n", h)
}
