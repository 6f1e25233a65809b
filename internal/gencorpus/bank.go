package gencorpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math/rand/v2"
	"strings"
	"sync"
)

// bank.txt.gz holds 10,367 paragraphs (1.76 MB) of real legal text, in
// document order: the articles of four codes and laws and seven documents on
// foreign affairs, made by ./mkbank from ../shared/corpus-real (legal texts
// are not objects of copyright, Luật Sở hữu trí tuệ Điều 15).
//
//go:embed bank.txt.gz
var bankGz []byte

// bank returns the paragraphs, decompressed once.
var bank = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(bankGz))
	if err != nil {
		panic("gencorpus: embedded bank.txt.gz: " + err.Error()) // the build embeds it: cannot happen
	}
	var paras []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		paras = append(paras, sc.Text())
	}
	if err := sc.Err(); err != nil || len(paras) == 0 {
		panic("gencorpus: embedded bank.txt.gz unreadable")
	}
	return paras
})

// writePassage appends consecutive paragraphs of the bank, from a random
// one, until b holds about size bytes: a passage reads as one text on one
// matter, which gives words the uneven spread over documents that real
// archives have (a word of criminal procedure is in some texts, not all).
func writePassage(b *strings.Builder, r *rand.Rand, size int) {
	paras := bank()
	i := r.IntN(len(paras))
	for b.Len() < size {
		p := paras[i%len(paras)]
		if rest := size - b.Len(); len(p) > rest+100 {
			// Cut a long last paragraph at the first word boundary past
			// the size.
			if k := strings.IndexByte(p[rest:], ' '); k >= 0 {
				p = p[:rest+k]
			}
		}
		b.WriteString(p)
		b.WriteByte('\n')
		i++
	}
}
