package pdftext

func quality(s string) float64 { return 1 }
