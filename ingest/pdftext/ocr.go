package pdftext

import (
	"context"
	"io"
)

func ocrPages(ctx context.Context, r io.ReaderAt, size int64, res *Result, opts Options) error {
	return nil
}
