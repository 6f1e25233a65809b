// Package hostilepdf makes the PDF files that attack a reader: the cases an
// audit reproduced against vanthu's PDF library (duplicated cross-reference
// keys, /Prev loops, object streams that recurse, content bombs of hundreds
// of megabytes compressed under 1 MB) and a mutator that damages real PDFs
// the same ways (truncation, flipped bytes, duplicated keys, bombs, loops).
// Tests, fuzz targets and the serve benchmark use it; nothing in vanthu's
// commands does.
//
// The bombs are written directly as deflate back-references (Repeat), so a
// stream that expands to 1.4 GB is built in milliseconds without holding it.
package hostilepdf
