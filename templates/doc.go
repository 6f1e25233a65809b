// Package templates holds the official document templates as data: a layout
// description (layout.json: page geometry and type sizes, checked against the
// ranges of Nghị định 30/2020/NĐ-CP, Phụ lục I) and one text/template body per
// document kind (proposal.tmpl, decision.tmpl, report.tmpl), embedded with
// go:embed. Load(dir) replaces any of them by a file of the same name in dir,
// so an office can adapt the wording without rebuilding; a new KIND.tmpl adds
// a kind. It imports the standard library only.
//
// # Why a markup between template and layout
//
// The wording belongs to the office, the geometry to the decree. A body
// template renders a small line-oriented markup that names what each piece of
// text is, never where it goes; package generate owns the positions, so an
// override cannot break the layout rules (margins, the rule under the issuer,
// punctuation of Kính gửi and Nơi nhận lists) and cannot reach the PDF.
//
// # Markup
//
// One directive per line, "@name text"; a line without "@" continues the text
// of the directive above (joined with a space); blank lines are ignored.
// Inside text, **bold** and __italic__ mark spans.
//
//	@type TEXT       type name ("QUYẾT ĐỊNH"); absent for a công văn
//	@subject TEXT    trích yếu ("V/v ..." under the number for a công văn)
//	@title, @keywords  PDF metadata
//	@authority TEXT  "thẩm quyền ban hành" line of a decision
//	@basis TEXT      căn cứ line (italic; ";" and the final "." are added)
//	@to TEXT         one Kính gửi recipient (one on the same line, several as a dashed list)
//	@p TEXT          body paragraph (justified, first-line indent)
//	@h TEXT          bold heading paragraph
//	@center TEXT     centred bold line; @note TEXT centred italic; @rule short rule
//	@cc TEXT         one Nơi nhận line ("- " and ";"/"." are added)
//	@sign TEXT       a caps line of the signature block; @signer NAME the name
//	@newpage         start a page (appendix)
//	@space PT        vertical space
//	@table W|W|...   a table with relative column widths; @th A|B|... header; @tr a|b|... rows
//
// Parse reports unknown directives and malformed tables with the template
// file and the line of the rendered output; text/template errors carry the
// template's own line.
package templates
