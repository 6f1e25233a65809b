// Package plaintext reads .txt originals: it finds the encoding (UTF-8,
// UTF-16, windows-1258, TCVN3, VNI, mojibake: see vnenc), converts to NFC,
// normalises line endings to "\n", removes NUL and other C0 control
// characters except tab, newline and form feed (the page separator of
// ingest.Extracted), and measures quality as the share of words that are
// valid Vietnamese syllables.
//
// A text whose quality is low is still returned, with a warning: an archive
// must keep what it was given, and the reader decides. Only data that is not
// text (binary) or holds no visible character is an error.
package plaintext
