//go:build !race

package pdftext

const slowdown = 1
