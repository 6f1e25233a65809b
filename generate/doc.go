// Package generate turns a trip (corpus.Trip) into the official documents of
// its life — the proposal (công văn or tờ trình asking approval, with the
// detailed programme as an appendix), the decision sending the delegation,
// and the post-trip report — as PDFs laid out per Nghị định 30/2020/NĐ-CP,
// Phụ lục I (state style) or Hướng dẫn 36-HD/VPTW (Party style), ready for
// the leader's digital signature; and signs them (Sign).
//
// # Pipeline
//
//	corpus.Trip --data.go--> templates.Data --templates.Set.Execute--> templates.Doc (markup blocks)
//	  --engine (layout.go, header.go, table.go, text.go)--> Plan (every string and rule, positioned)
//	  --draw (render.go, maroto)--> PDF --addSignatureField--> PDF with an empty /Sig field
//
// The wording comes from package templates (overridable by an office); the
// geometry is fixed here, from the decree: A4, margins 20/20/30/15 mm by
// default, Liberation Serif (Times New Roman metrics) in the sizes of
// Phụ lục I, Mục V, the two header columns, the rules under the issuer
// (1/3-1/2 of its width), the motto (its full width) and the subject, the
// number and the place-and-date on one line, Kính gửi on one line or as a
// dashed list under the colon, căn cứ lines ending ";" and ".", justified
// body text with a 12.7 mm first-line indent and 6 pt between paragraphs,
// the signature block on the right with Nơi nhận level with its title line,
// page numbers from page 2 centred in the top margin (restarting in an
// appendix, Phụ lục I, III.1.đ).
//
// # Yearly documents
//
// annual.go lays out a unit's plan of next year's delegations and its report
// on this year's (Thông tư 25/2025/TT-BGDĐT, Phụ lục IV and III) from plain
// values (AnnualPlan, AnnualReport) that the trip register fills: the same
// header, table and closing code, built as blocks without a template, on
// landscape A4 (the Plan carries its own page geometry). xlsx.go writes the
// same rows (Table) as a workbook with excelize, amounts as numbers.
//
// # Why the engine does the layout and maroto draws
//
// maroto lays out rows and never splits one, justifies every line of a text
// including the last, and offers no text measurement through its component
// interface. So the engine measures text itself (the fonts' advance widths,
// read once per Generator with x/image/font/sfnt and rounded exactly as
// gofpdf writes the PDF's /W arrays, so a measured line is the drawn line),
// breaks paragraphs into lines, justifies all but the last line of each
// paragraph word by word, and paginates. Each planned page becomes one
// maroto page holding a single full-height row whose one component (canvas)
// draws the planned strings and rules through maroto's provider. The Plan is
// exported: it is the layout log the tests measure, and Generator.Plan gives
// it without drawing.
//
// # Signature
//
// gofpdf writes no forms, so the empty signature field (AcroForm /FT /Sig
// and its widget over the signer's block, named SignatureFieldName) is
// appended as an incremental update by a small PDF object reader/writer
// (pdfparse.go, pdfwrite.go) that handles classic cross-reference tables.
// Sign appends a second update: the signature dictionary (adbe.pkcs7.detached
// or ETSI.CAdES.detached) with a fixed-size /Contents, then fills /ByteRange
// and the detached CMS (github.com/smallstep/pkcs7, SHA-256) over every byte
// but /Contents. The original bytes are never rewritten, so earlier
// signatures stay valid. PDFs with cross-reference streams or encryption are
// refused (ErrUnsupportedPDF): sign those with the issuing office's tool.
//
// # Word
//
// RenderDOCX writes the same letter as a .docx (docx.go: WordprocessingML
// written directly on archive/zip, no library): the template's blocks become
// real paragraphs with the layout's sizes, indents, spacing and exact line
// heights, the header and the closing block borderless two-column tables,
// the rules paragraph borders, tables bordered with repeating header rows,
// page numbers a PAGE field in a header shown from page 2 (titlePg; the
// appendix is its own section restarting at 1). Times New Roman is named;
// LibreOffice substitutes Liberation Serif, the metrics the PDF is measured
// with, so its lines and pages break where the PDF's do (tests compare the
// words and, through soffice, the page counts).
//
// # One engine, and its cost
//
// maroto is the one PDF engine (the project's design names it). It gives
// each document a new gofpdf instance that parses the four TrueType faces
// again and subsets and compresses them at output: some tens of milliseconds
// of CPU per document, which is nothing for letters drafted a few times a
// day. gofpdf is told to write its catalog in a fixed order and the
// modification date is set to the creation date (fixModDate), so the same
// trip and clock give the same bytes.
// gofpdf also writes into the font bytes it is given (a table checksum
// appends padding to sub-slices), so each maroto document gets its own copy
// of the TTF bytes from a pool; without it, concurrent renders race.
package generate
