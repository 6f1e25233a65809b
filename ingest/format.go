package ingest

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Formats the pipeline knows. Each maps to one Extractor in Config.Extractors,
// except FormatRecords, which the pipeline reads itself (one record per line).
const (
	FormatPDF     = "pdf"
	FormatHTML    = "html"
	FormatText    = "text"
	FormatRecords = "jsonl"
	FormatWord    = "word" // .docx (Office Open XML) and Word 97-2003 .doc
)

// Media types of Word files.
const (
	MIMEDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MIMEDoc  = "application/msword"
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// wordKind says "docx" or "doc" when the bytes are a Word file: a zip
// holding word/document.xml, or an OLE2 compound file holding a
// WordDocument stream (its name is UTF-16); "" otherwise.
func wordKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && bytes.Contains(data, []byte("word/document.xml")):
		return "docx"
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")):
		return "doc"
	}
	return ""
}

// DetectFormat says how to read an input: from its bytes first (a PDF named
// .txt is still a PDF), then its declared media type, then its name.
func DetectFormat(in Input) string {
	head := in.Data
	if len(head) > 1024 {
		head = head[:1024]
	}
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("%PDF-")):
		return FormatPDF
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		// Some generators put junk before the header; PDF readers accept
		// the header anywhere in the first 1024 bytes.
		return FormatPDF
	}
	if wordKind(in.Data) != "" {
		return FormatWord
	}
	name := strings.ToLower(in.Name)
	if i := strings.IndexAny(name, "?#"); i >= 0 && strings.Contains(name, "://") {
		name = name[:i]
	}
	switch path.Ext(name) {
	case ".jsonl", ".ndjson":
		return FormatRecords
	}
	mt := in.MIME
	if mt == "" {
		mt = http.DetectContentType(in.Data)
	}
	if m, _, err := mime.ParseMediaType(mt); err == nil {
		mt = m
	}
	switch mt {
	case "application/pdf":
		return FormatPDF
	case "text/html", "application/xhtml+xml":
		return FormatHTML
	case "application/x-ndjson", "application/jsonl":
		return FormatRecords
	}
	switch path.Ext(name) {
	case ".html", ".htm", ".xhtml", ".aspx", ".php", ".jsp":
		return FormatHTML
	case ".txt", ".text", ".md":
		return FormatText
	case ".pdf":
		return FormatPDF
	}
	if bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<!doctype html")) || bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<html")) {
		return FormatHTML
	}
	if strings.HasPrefix(mt, "text/") {
		return FormatText
	}
	if path.Ext(name) == "" && in.MIME == "" && looksLikeText(in.Data) {
		return FormatText
	}
	return ""
}

// MIMEOf returns the media type stored in a version's provenance.
func MIMEOf(format string, in Input) string {
	if in.MIME != "" {
		if m, _, err := mime.ParseMediaType(in.MIME); err == nil {
			return m
		}
	}
	switch format {
	case FormatPDF:
		return "application/pdf"
	case FormatHTML:
		return "text/html"
	case FormatText:
		return "text/plain"
	case FormatRecords:
		return "application/x-ndjson"
	case FormatWord:
		if wordKind(in.Data) == "doc" {
			return MIMEDoc
		}
		return MIMEDocx
	}
	return "application/octet-stream"
}

// looksLikeText accepts bytes without NULs and mostly printable: plain text in
// UTF-8 or an 8-bit Vietnamese encoding.
func looksLikeText(b []byte) bool {
	if len(b) > 4096 {
		b = b[:4096]
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 < len(b)+1
}
