package generate

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// writeValue serialises a parsed or new value.
func writeValue(w *bytes.Buffer, v any) {
	switch x := v.(type) {
	case pdfName:
		w.WriteByte('/')
		w.WriteString(string(x))
	case pdfRef:
		fmt.Fprintf(w, "%d %d R", x.Num, x.Gen)
	case pdfRaw:
		w.WriteString(string(x))
	case pdfStr:
		if x.hex {
			w.WriteByte('<')
			w.Write(x.b)
			w.WriteByte('>')
		} else {
			w.WriteByte('(')
			w.Write(x.b)
			w.WriteByte(')')
		}
	case pdfArray:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(' ')
			}
			writeValue(w, e)
		}
		w.WriteByte(']')
	case *pdfDict:
		w.WriteString("<<")
		for _, k := range x.keys {
			w.WriteByte('/')
			w.WriteString(string(k))
			w.WriteByte(' ')
			writeValue(w, x.vals[k])
		}
		w.WriteString(">>")
	case int:
		w.WriteString(strconv.Itoa(x))
	case float64:
		w.WriteString(strconv.FormatFloat(x, 'f', 2, 64))
	case string: // a text string: UTF-16BE with BOM, hex (ISO 32000-1, 7.9.2.2)
		w.WriteString("<FEFF")
		for _, r := range x {
			if r > 0xFFFF {
				r1, r2 := 0xD800+((r-0x10000)>>10), 0xDC00+((r-0x10000)&0x3FF)
				fmt.Fprintf(w, "%04X%04X", r1, r2)
				continue
			}
			fmt.Fprintf(w, "%04X", r)
		}
		w.WriteByte('>')
	default:
		w.WriteString("null")
	}
}

// update is an incremental update being built.
type update struct {
	f    *pdfFile
	objs map[int][]byte // object number -> serialised value (without "n 0 obj")
	next int
}

func newUpdate(f *pdfFile) *update {
	return &update{f: f, objs: map[int][]byte{}, next: f.size}
}

// add reserves a new object number.
func (u *update) add() int {
	n := u.next
	u.next++
	return n
}

func (u *update) set(num int, v any) {
	var b bytes.Buffer
	writeValue(&b, v)
	u.objs[num] = b.Bytes()
}

func (u *update) setRaw(num int, b []byte) { u.objs[num] = b }

// bytes appends the update: the new objects, a cross-reference section
// listing only them, and a trailer pointing at the previous section.
func (u *update) bytes() []byte {
	var w bytes.Buffer
	w.Write(u.f.b)
	if len(u.f.b) > 0 && u.f.b[len(u.f.b)-1] != '\n' {
		w.WriteByte('\n')
	}
	nums := make([]int, 0, len(u.objs))
	for n := range u.objs {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	offs := map[int]int{}
	for _, n := range nums {
		offs[n] = w.Len()
		fmt.Fprintf(&w, "%d 0 obj\n", n)
		w.Write(u.objs[n])
		w.WriteString("\nendobj\n")
	}
	xref := w.Len()
	w.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&w, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&w, "%010d 00000 n\r\n", offs[nums[k]])
		}
		i = j + 1
	}
	tr := newDict()
	tr.Set("Size", u.next)
	for _, k := range []pdfName{"Root", "Info", "ID"} {
		if v := u.f.trailer.Get(k); v != nil {
			tr.Set(k, v)
		}
	}
	tr.Set("Prev", int(u.f.xref))
	w.WriteString("trailer\n")
	writeValue(&w, tr)
	fmt.Fprintf(&w, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return w.Bytes()
}
