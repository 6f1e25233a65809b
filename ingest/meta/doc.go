// Package meta extracts the metadata of Vietnamese official documents and news
// articles from their text: số ký hiệu, type, issuing body and parent, place
// and date, trích yếu, Kính gửi, Nơi nhận, signer, the e-signature and
// incoming stamps, citations of other documents, and the quantitative rules on
// delegations abroad. Parse never fails: what it cannot find stays empty, and
// every field it fills has a Span (1-based line, byte offset and length in the
// given text) so a person can check it.
//
// # Design
//
// The text is prepared once (newText): space-like runes (no-break space, form
// feed, tab) are overwritten byte for byte with ASCII spaces, so offsets into
// the working copy are offsets into the input. Each line is cut into cells at
// runs of three or more spaces, because `pdftotext -layout` prints the two
// header columns (issuing body | national motto) and the Nơi nhận | signature
// columns on one line; text without layout (pdftotext without -layout, HTML)
// simply has one cell a line, and the same code reads both. OCR (tesseract)
// joins the columns with a single space, so within the first lines a cell is
// also cut where the motto starts ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ...") and
// where the place and date follow the number ("Số: 12/UBND-NV Quảng Ngãi,
// ngày ..."), and anywhere before an authority line run into the Nơi nhận
// column ("Nơi nhận: TL. CHỦ TỊCH").
//
// Stamps are read first and their lines marked used, so the e-signature
// ("Ký bởi / Email / Cơ quan / Thời gian ký", or the bare organisation, e-mail
// and time of the Công báo and provincial signing software) is never taken for
// the issuer or the date of issue, and the incoming stamp ("ĐẾN Số: 2.17
// Ngày: 3/6/2019") never for the number. Then the header (within
// Config.HeaderLines lines): the number at the start of a cell ("Số:", "Số",
// "Luật số:", "So:" from text that lost its diacritics), alone in its cell
// or followed only by a date or a "V/v" subject, its code possibly in a
// later cell or line ("Số: 542" ... "/TB-UBND"); the place and date ("Hà Nội, ngày 31 tháng 5 năm 2019"); the
// capitals lines above the number, grouped into bodies (a line starting with
// an administrative unit, "TỈNH QUẢNG NGÃI", continues the one above); the
// type line and its subject, or the "V/v" subject of a công văn.
//
// Kind is document when the header has a number, or an issuer with a type
// line, a "V/v" subject or the national (or Party) motto (a Hiến pháp has no
// number; OCR may lose the digits of "Số: 575/UBND-KTTH"), or a type line
// under the motto; news otherwise. News gets its headline (the first short line that is not portal
// boilerplate, a label of a portal's attribute table or its value, a photo
// caption or the lead paragraph) and the publication date printed under it;
// header fields are never filled for news.
//
// # Conventions
//
//   - Number, NumberKey: corpus.ParseNumber's canonical form and key.
//   - Type: the code the number carries ("4060-CV/BTCTU" → CV, "11/TB-UBND" →
//     TB); a state number without a type code is a công văn unless the type
//     line says otherwise; a number without any type ("100/2015/QH13") takes
//     the type line ("BỘ LUẬT" → L, type name "Bộ luật").
//   - Issuer is the issuing body in the casing of Nghị định 30/2020/NĐ-CP,
//     Phụ lục II ("UBND TỈNH QUẢNG NGÃI" → "Ủy ban nhân dân tỉnh Quảng
//     Ngãi"). When the body's name alone names no jurisdiction ("BAN TỔ
//     CHỨC", "SỞ NGOẠI VỤ") and a parent is printed above it, the parent is
//     appended as running text writes it: "Ban Tổ chức Thành ủy Hà Nội";
//     under an Ủy ban nhân dân only its area is appended ("Sở Ngoại vụ tỉnh
//     Quảng Ngãi"). ParentIssuer is the parent alone ("Thành ủy Hà Nội").
//     Without a header issuer, a legal normative number names it (QHnn →
//     Quốc hội, CP → Chính phủ, TTg → Thủ tướng Chính phủ).
//   - Title is the trích yếu as printed, lines joined: "V/v ..." for a công
//     văn (the "V/v" kept), the subject under the type line otherwise ("Về
//     việc ..."; a subject printed in capitals is kept in capitals, since
//     proper names inside it cannot be told apart). Laws, codes and the
//     constitution are named "<type> <subject>" in the casing of Phụ lục II:
//     "Bộ luật Hình sự", "Luật Ban hành văn bản quy phạm pháp luật", "Luật
//     Sửa đổi, bổ sung một số điều của Luật Điều ước quốc tế", "Hiến pháp
//     nước Cộng hòa xã hội chủ nghĩa Việt Nam".
//   - Date is the date of issue from the header ("Place, ngày D tháng M năm
//     Y"; a date on the number's line), else for laws the day the Quốc hội
//     passed it ("... thông qua ngày 28 tháng 11 năm 2013"). Dates in the
//     body, the e-signature time and the incoming stamp's date never are.
//   - Signer.Title and the names after an authority prefix are in readable
//     case ("TRƯỞNG BAN" → "Trưởng ban", "PHÓ CHÁNH VĂN PHÒNG" → "Phó Chánh
//     Văn phòng"); the span points at the capitals as printed.
//     Signer.Authority lists the authority lines, outermost first, each with
//     its prefix (state "TM.", "KT.", "Q.", "TL.", "TUQ.", the dot added when
//     missing; Party "T/M", "K/T", "T/L"): "TL. Chủ tịch, KT. Chánh Văn
//     phòng". It is empty when the head signs in their own name. The title is
//     the last capitals line before the name. Signer.Name is the name as
//     printed without a military rank or academic title ("Thượng tướng
//     Nguyễn Trường Thắng" → "Nguyễn Trường Thắng").
//   - Recipients and CC items are as written, without the leading "- " and
//     the trailing ";", "," or ".". "- Kính gửi: - A;" (seed 001) is a list.
//   - ESign.Time is RFC 3339 with the stamp's zone (+07:00 when none).
//   - Citations: one per cited document (by number key; numberless mentions
//     such as "Quy chế 01" by type and digits), the mention stating the most
//     (date, issuer) kept; Issuer as written after "của"; Quote and Span
//     cover "<type> số <number>, ngày <date> của <issuer>". The document's
//     own number is never a citation.
//   - Rules: see rules.go for the patterns. Limit is the number stated;
//     key-officials-per-delegation is the largest number allowed ("không bố
//     trí 02 cán bộ chủ chốt" → 1); leadership-share is a fraction (0.5, unit
//     "fraction"); annual-plan-deadline encodes the day as month*100+day
//     ("trước ngày 5/10 hằng năm" → 1005, unit "date"); day limits have unit
//     "day" or "working-day" ("ngày làm việc"). Quote is the sentence, or the
//     clause (cut at ";" outside parentheses) when the sentence is longer than
//     300 bytes; Exception is the "trừ trường hợp ..." / "trường hợp thật cần
//     thiết ..." clause after the rule in its sentence or opening the next
//     sentence of its paragraph. Rules are deduplicated by kind, limit, unit
//     and scope. Scope is a short English phrase: "per delegation" (plus
//     " headed by <who>, as written" when the clause names who leads:
//     "đoàn do cấp trưởng làm trưởng đoàn"), "per country[, not counting
//     travel]", "per trip", "key leaders" / "leaders" for trips a year,
//     "after the trip", "before departure", "each year".
//   - FieldSources maps every filled field to "text".
//
// The input must be NFC (corpus.NFC); spans are byte offsets into it.
package meta
