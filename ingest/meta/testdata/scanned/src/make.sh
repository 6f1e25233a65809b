#!/bin/sh
# Rebuilds ../scan_*.txt: each page here is rendered by chromium to a PNG,
# wrapped as an image-only PDF (no text layer), and read back by vanthu's own
# PDF reader (tesseract vie and the handwriting pass), as a scan would be.
# Usage: sh make.sh /path/to/vanthu   (needs chromium, tesseract-ocr-vie, poppler-utils)
set -eu
vanthu=${1:?path to the vanthu binary}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for html in "$here"/scan_*.html; do
	name=$(basename "$html" .html)
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=2.5 \
		--window-size=794,1123 --screenshot="$tmp/$name.png" "file://$html" 2>/dev/null
	printf '<html><head><style>@page{size:A4;margin:0}body{margin:0}</style></head><body><img src="%s" style="width:210mm;height:297mm;display:block"></body></html>' \
		"$tmp/$name.png" > "$tmp/$name.img.html"
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$tmp/$name.pdf" \
		"file://$tmp/$name.img.html" 2>/dev/null
	"$vanthu" extract "$tmp/$name.pdf" > "$here/../$name.txt"
done
