// Package wordtext reads the text of Word files for ingest: .docx (Office
// Open XML, read with archive/zip and encoding/xml) and the older binary .doc
// (Word 97-2003, converted by antiword, a Debian package, since no
// maintained Go library reads it).
//
// The text comes out in reading order as the pdftext reader gives a PDF's:
// one line per paragraph; a table's cells in row order, each cell's
// paragraphs on their own lines (the header of an official document is a
// two-column table: issuer left, Quốc hiệu right); explicit page breaks as
// form feeds. Deleted text of tracked changes and field codes are left out.
// The original bytes are never changed; metadata is parsed from this text by
// ingest, as for any other format.
package wordtext
