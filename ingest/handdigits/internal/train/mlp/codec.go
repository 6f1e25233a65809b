package mlp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrFormat is wrapped by every error Unmarshal returns.
var ErrFormat = errors.New("mlp: bad model data")

// magic starts every model file; the digit is the format version.
var magic = [4]byte{'H', 'D', 'G', '1'}

// maxUnits bounds the shape read from a file so a damaged header cannot
// make Unmarshal allocate gigabytes.
const maxUnits = 1 << 12

// Marshal encodes n: magic, three uint32 (in, hidden, out), then for each
// layer every row as a float32 scale and int8 weights (w = q*scale), then
// the float32 biases. Int8 rows keep a 784-256-10 net near 200 KB; the
// rounding costs no measurable accuracy on MNIST (docs/benchmarks/handdigits.md).
func (n *Net) Marshal() []byte {
	var b bytes.Buffer
	b.Write(magic[:])
	for _, v := range []int{n.In, n.Hidden, n.Out} {
		binary.Write(&b, binary.LittleEndian, uint32(v))
	}
	writeRows(&b, n.W1, n.Hidden, n.In)
	binary.Write(&b, binary.LittleEndian, n.B1)
	writeRows(&b, n.W2, n.Out, n.Hidden)
	binary.Write(&b, binary.LittleEndian, n.B2)
	return b.Bytes()
}

func writeRows(b *bytes.Buffer, w []float32, rows, cols int) {
	q := make([]int8, cols)
	for r := 0; r < rows; r++ {
		row := w[r*cols : (r+1)*cols]
		var m float32
		for _, v := range row {
			m = max(m, float32(math.Abs(float64(v))))
		}
		scale := m / 127
		if scale == 0 {
			scale = 1
		}
		for i, v := range row {
			q[i] = int8(math.Round(float64(v / scale)))
		}
		binary.Write(b, binary.LittleEndian, scale)
		binary.Write(b, binary.LittleEndian, q)
	}
}

// Unmarshal decodes what Marshal wrote.
func Unmarshal(data []byte) (*Net, error) {
	r := bytes.NewReader(data)
	var m [4]byte
	if _, err := r.Read(m[:]); err != nil || m != magic {
		return nil, fmt.Errorf("mlp: header %q, want %q: %w", m[:], magic[:], ErrFormat)
	}
	var shape [3]uint32
	if err := binary.Read(r, binary.LittleEndian, &shape); err != nil {
		return nil, fmt.Errorf("mlp: shape: %v: %w", err, ErrFormat)
	}
	for _, v := range shape {
		if v == 0 || v > maxUnits {
			return nil, fmt.Errorf("mlp: shape %v out of range: %w", shape, ErrFormat)
		}
	}
	in, hid, out := int(shape[0]), int(shape[1]), int(shape[2])
	want := 16 + hid*(4+in) + 4*hid + out*(4+hid) + 4*out
	if len(data) != want {
		return nil, fmt.Errorf("mlp: %d bytes for shape %v, want %d: %w", len(data), shape, want, ErrFormat)
	}
	n := NewNet(in, hid, out)
	readRows(r, n.W1, hid, in)
	binary.Read(r, binary.LittleEndian, n.B1)
	readRows(r, n.W2, out, hid)
	binary.Read(r, binary.LittleEndian, n.B2)
	for _, s := range [][]float32{n.W1, n.B1, n.W2, n.B2} {
		for _, v := range s {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("mlp: weight %v: %w", v, ErrFormat)
			}
		}
	}
	return n, nil
}

// readRows reads rows written by writeRows; the length was checked.
func readRows(r *bytes.Reader, w []float32, rows, cols int) {
	q := make([]int8, cols)
	for i := 0; i < rows; i++ {
		var scale float32
		binary.Read(r, binary.LittleEndian, &scale)
		binary.Read(r, binary.LittleEndian, q)
		for j, v := range q {
			w[i*cols+j] = float32(v) * scale
		}
	}
}
