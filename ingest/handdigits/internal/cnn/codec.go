package cnn

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrFormat is wrapped by every error Unmarshal returns.
var ErrFormat = errors.New("cnn: bad model data")

// Magic starts every model file of this package; the digit is the format
// version. Callers use it to tell this format from others. Version 1 has
// three widths and 10 classes; version 2 adds the class count.
var (
	Magic   = [4]byte{'H', 'D', 'C', '2'}
	magicV1 = [4]byte{'H', 'D', 'C', '1'}
)

// HasMagic reports whether data starts like a model file of this package.
func HasMagic(data []byte) bool {
	return bytes.HasPrefix(data, Magic[:]) || bytes.HasPrefix(data, magicV1[:])
}

// maxWidth bounds each layer width read from a file so a damaged header
// cannot make Unmarshal allocate gigabytes.
const maxWidth = 1024

// Marshal encodes n: Magic, four uint32 (C1, C2, H, Out), then each weight
// tensor row by row (a kernel or a unit's inputs) as a float32 scale and
// int8 values (w = q*scale), each followed by its float32 biases.
func (n *Net) Marshal() []byte {
	var b bytes.Buffer
	b.Write(Magic[:])
	for _, v := range []int{n.C1, n.C2, n.H, n.Out} {
		binary.Write(&b, binary.LittleEndian, uint32(v))
	}
	for _, t := range n.tensors() {
		writeRows(&b, t.w, t.cols)
		binary.Write(&b, binary.LittleEndian, t.b)
	}
	return b.Bytes()
}

type tensor struct {
	w, b []float32
	cols int
}

func (n *Net) tensors() []tensor {
	return []tensor{{n.W1, n.B1, kk}, {n.W2, n.B2, kk}, {n.W3, n.B3, n.C2 * side3 * side3}, {n.W4, n.B4, n.H}}
}

func writeRows(b *bytes.Buffer, w []float32, cols int) {
	q := make([]int8, cols)
	for r := 0; r < len(w)/cols; r++ {
		row := w[r*cols : (r+1)*cols]
		var m float64
		for _, v := range row {
			m = math.Max(m, math.Abs(float64(v)))
		}
		scale := float32(m / 127)
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
	widths := 0
	switch {
	case len(data) >= 20 && bytes.Equal(data[:4], Magic[:]):
		widths = 4
	case len(data) >= 16 && bytes.Equal(data[:4], magicV1[:]):
		widths = 3
	default:
		return nil, fmt.Errorf("cnn: no %q header: %w", Magic[:], ErrFormat)
	}
	shape := [4]int{0, 0, 0, 10}
	for i := 0; i < widths; i++ {
		v := binary.LittleEndian.Uint32(data[4+4*i:])
		if v == 0 || v > maxWidth {
			return nil, fmt.Errorf("cnn: layer width %d out of range: %w", v, ErrFormat)
		}
		shape[i] = int(v)
	}
	if shape[3] < 10 {
		return nil, fmt.Errorf("cnn: %d classes, want at least the 10 digits: %w", shape[3], ErrFormat)
	}
	n := NewNet(shape[0], shape[1], shape[2], shape[3])
	head := 4 + 4*widths
	want := head
	for _, t := range n.tensors() {
		want += len(t.w)/t.cols*(4+t.cols) + 4*len(t.b)
	}
	if len(data) != want {
		return nil, fmt.Errorf("cnn: %d bytes for widths %v, want %d: %w", len(data), shape, want, ErrFormat)
	}
	r := bytes.NewReader(data[head:])
	for _, t := range n.tensors() {
		q := make([]int8, t.cols)
		for row := 0; row < len(t.w)/t.cols; row++ {
			var scale float32
			binary.Read(r, binary.LittleEndian, &scale)
			binary.Read(r, binary.LittleEndian, q)
			for i, v := range q {
				t.w[row*t.cols+i] = float32(v) * scale
			}
		}
		binary.Read(r, binary.LittleEndian, t.b)
	}
	for _, s := range n.Slices() {
		for _, v := range s {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("cnn: weight %v: %w", v, ErrFormat)
			}
		}
	}
	return n, nil
}
