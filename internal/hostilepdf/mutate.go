package hostilepdf

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
)

// Kind is a way of damaging a PDF.
type Kind int

const (
	Truncate  Kind = iota // cut at a random length
	Flip                  // change 1-20 random bytes
	DupKey                // repeat a key of the trailer or xref stream with an absurd value
	Bomb                  // an incremental update replacing the first page's content by a bomb
	Loop                  // an incremental update whose /Prev chain loops
	BreakXref             // blank the last cross-reference section
	Zero                  // zero a block of up to 4 KB
	Kinds                 // the number of kinds
)

func (k Kind) String() string {
	return [...]string{"truncate", "flip", "duplicate key", "bomb", "prev loop", "xref blanked", "zeroed", "?"}[min(int(k), int(Kinds))]
}

var (
	contentsRe  = regexp.MustCompile(`/Contents\s+(\d+)\s+0\s+R`)
	rootRe      = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
	sizeRe      = regexp.MustCompile(`/Size\s+(\d+)`)
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)`)
)

// dupKeys are repeated after a trailer's or xref stream's /Size: readers
// keep the last of a repeated key.
var dupKeys = []string{
	"/Size 2000000000", "/Size -5", "/W [1 2000000000 2]", "/W [4 4 4 4 4 4 4 4 4 4]",
	"/Index [1000000000 7]", "/Index [0 1000000000]", "/Prev SELF", "/Prev 0", "/Prev -1",
	"/DecodeParms << /Predictor 12 /Columns 1000000000000 >>",
}

// Mutate returns a damaged copy of data; the same (data, kind, seed) gives
// the same file.
func Mutate(data []byte, kind Kind, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, uint64(kind)))
	b := bytes.Clone(data)
	if len(b) == 0 {
		return b
	}
	switch kind % Kinds {
	case Truncate:
		return b[:rng.IntN(len(b))]
	case Flip:
		for i := 0; i < 1+rng.IntN(20); i++ {
			b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		}
		return b
	case DupKey:
		locs := sizeRe.FindAllIndex(b, -1)
		if len(locs) == 0 {
			return b
		}
		at := locs[len(locs)-1][1]
		if rng.IntN(3) == 0 {
			at = locs[rng.IntN(len(locs))][1]
		}
		key := dupKeys[rng.IntN(len(dupKeys))]
		if m := startxrefRe.FindAllSubmatch(b, -1); len(m) > 0 {
			key = string(bytes.ReplaceAll([]byte(key), []byte("SELF"), m[len(m)-1][1]))
		}
		return append(b[:at:at], append([]byte(" "+key+" "), b[at:]...)...)
	case Bomb:
		m := contentsRe.FindSubmatch(b)
		id := 0
		if m != nil {
			id, _ = strconv.Atoi(string(m[1]))
		}
		if id == 0 {
			return b
		}
		return update(b, map[int]string{id: bombStream(rng)}, false)
	case Loop:
		return update(b, nil, true)
	case BreakXref:
		if i := bytes.LastIndex(b, []byte("xref")); i >= 0 {
			end := bytes.Index(b[i:], []byte("trailer"))
			if end < 0 {
				end = min(len(b)-i, 4096)
			}
			for j := i; j < i+end; j++ {
				b[j] = ' '
			}
		}
		return b
	default: // Zero
		at := rng.IntN(len(b))
		for j := at; j < min(len(b), at+1+rng.IntN(4096)); j++ {
			b[j] = 0
		}
		return b
	}
}

// bombStream is the body of a content stream chosen by rng among the
// bombs (made small enough to build in a millisecond, large enough to matter).
func bombStream(rng *rand.Rand) string {
	switch rng.IntN(6) {
	case 0:
		return Flate("", Repeat([]byte("BT /F1 12 Tf ["), []byte("0 "), int64(1+rng.IntN(30_000_000)), []byte("] TJ ET")))
	case 1:
		return Flate("", Repeat([]byte("BT /F1 12 Tf ("), []byte("a"), int64(1+rng.IntN(100_000_000)), []byte(") Tj ET")))
	case 2:
		return Flate("", Repeat(nil, []byte("1 0 0 1 0 0 cm\n"), int64(1+rng.IntN(30_000_000)), nil))
	case 3:
		return Stream("", []byte("BT /F1 12 Tf <41"))
	case 4:
		return Flate("", Repeat(nil, []byte("0 "), int64(1+rng.IntN(20_000_000)), []byte("Tj")))
	default:
		return Flate("", Repeat(nil, []byte("q "), int64(1+rng.IntN(10_000_000)), []byte("BT (x) Tj ET")))
	}
}

// update appends an incremental update: objs redefined, a classic section
// whose /Prev is the file's last startxref (or itself, when loop).
func update(b []byte, objs map[int]string, loop bool) []byte {
	prev := "0"
	if m := startxrefRe.FindAllSubmatch(b, -1); len(m) > 0 {
		prev = string(m[len(m)-1][1])
	}
	root := "1 0 R"
	if m := rootRe.FindAllSubmatch(b, -1); len(m) > 0 {
		root = string(m[len(m)-1][1])
	}
	size := 1
	if m := sizeRe.FindAllSubmatch(b, -1); len(m) > 0 {
		size, _ = strconv.Atoi(string(m[len(m)-1][1]))
	}
	out := bytes.NewBuffer(b)
	out.WriteString("\n")
	offs := map[int]int{}
	for id, body := range objs {
		offs[id] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", id, body)
		size = max(size, id+1)
	}
	x := out.Len()
	if loop {
		prev = strconv.Itoa(x)
	}
	out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for id, o := range offs {
		fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", id, o)
	}
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", size, root, prev, x)
	return out.Bytes()
}
