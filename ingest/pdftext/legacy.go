package pdftext

func fixLegacy(gs []glyph) string { return "" }
