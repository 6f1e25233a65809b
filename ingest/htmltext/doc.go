// Package htmltext reads the main content of a web page (a portal's news
// item, a document page of a legal database) as plain text with its line
// structure: title, body, links to attached files, and, for known portals,
// the attribute table the portal publishes beside the text.
//
// Pipeline (Extract):
//
//  1. Charset: the HTTP Content-Type header, then a <meta charset> or
//     <meta http-equiv> in the first 64 KiB, then the content itself, all
//     weighed by vnenc.Detect, which also catches windows-1258 pages
//     labelled iso-8859-1 and TCVN3/VNI pages of the .VnTime era. The text
//     is NFC from here on. In TCVN3 pages, elements set in a capitals font
//     (.VnTimeH by class, style or <font face>) are upper-cased, since the
//     code has no capital toned letters. PDF, Office, archive and image
//     data, or a non-HTML media type, is refused with ErrNotHTML.
//  2. Site rules: pages of vbpl.vn (Cơ sở dữ liệu quốc gia về văn bản pháp
//     luật, Bộ Tư pháp), old SharePoint layout and 2025+ layout, have a
//     known full-text container (#toanvancontent, [data-vbpl-content-root])
//     and a "Thuộc tính" table; they are read directly (Method "vbpl"). The
//     portal's attributes go to Result.Fields under stable keys (number,
//     date, issuer, signer, signer_title, type, effective, status, ...),
//     never mixed into the text: the portal's metadata can contradict the
//     document (a 2026 page gives "Ngày có hiệu lực: 13/01/2025" for a
//     Thông tư in force from 13/01/2026), and the metadata parser must see
//     both separately.
//  3. Otherwise go-readability (codeberg.org/readeck/go-readability/v2,
//     a maintained port of Mozilla's Readability.js) picks the article node
//     (Method "readability"); if it fails or finds too little, the whole
//     body without navigation, header, footer and sidebars is used (Method
//     "fallback"). docs/benchmarks/htmltext.md compares it with
//     go-trafilatura on the real pages and says why readability was kept.
//  4. Rendering keeps structure: block elements end lines, <br> breaks a
//     line, list items start with "- ", data tables (three or more
//     columns, or header cells) become rows of cells joined by " | ", and
//     layout tables (the two-column Quốc hiệu / cơ quan header and the
//     signature block of Nghị định 30/2020/NĐ-CP) become one line per cell.
//     Scripts, styles, SVG, forms' controls and hidden elements are
//     dropped; so are lines that are portal furniture ("Thống kê truy cập",
//     "Hôm nay: 447", "Gửi ý kiến phản hồi").
//  5. Links: every link to a PDF, Word, Excel or archive file outside the
//     navigation, including vbpl's javascript:downloadfile('…','/path')
//     links, resolved against <base href> or the page URL.
//
// Nothing a dependency does may crash the caller: panics in the HTML parser
// or in readability are recovered into an *Error naming the URL.
package htmltext
