// Package check decides whether an official trip abroad (corpus.Trip) keeps
// the rules on delegations that bind it, and says why, citing each rule's
// document, item and sentence.
//
// # Rules are data
//
// A RuleSet is the rules of one document: its reference (number, date,
// issuer), whom it binds (Jurisdiction names, or National), when it is in
// force (ValidFrom, ValidTo), and its Rules. A Rule has a kind (the
// corpus.Rule* kinds plus the qualitative RuleFunding, RuleProgramme,
// RuleSocialMedia, RuleRequiredInfo, RuleHostHolidays), a limit and unit
// (person, day, working-day, country, trip/year, share, date), a scope (the
// head's rank for rank-dependent limits such as Đà Nẵng's 10/7/5 members;
// which members a per-person rule counts: all, key leaders, leadership), the
// exception clause and the authority that may grant it, and the exact
// sentence it comes from.
//
// The default rules ship embedded (rules/*.yaml): Hà Nội 4060-CV/BTCTU
// (31/5/2019), Quảng Ninh's 2018 principles (162-KH/TU), UBND TP.HCM (2019),
// Thông tư 25/2025/TT-BGDĐT and Đà Nẵng 101/UBND-SNV (9/7/2025). Quotes are
// checked word for word against the shared texts by TestShippedQuotes, except
// Đà Nẵng's, which we hold only from press reports: its quotes are marked
// summaries ("tóm tắt") until the document is ingested. An office can pass its
// own rule sets (LoadRules) in Options.Rules.
//
// # The national layer, the jurisdiction's own set, and the office's sets
//
// National sets (national: true) bind every trip: the shipped one is Chỉ thị
// 38-CT/TW of the Bộ Chính trị, which we hold only as the seeds cite it (its
// number, date and title), so it gives a reminder, not limits; a national
// body's document ingested with rules (FromDocuments) adds its limits. Then
// the sets of the trip's own jurisdiction apply. When none binds the trip,
// Report.OwnRules is false and Report.Notice ("Chưa có quy định riêng của
// <X>: chỉ kiểm tra theo quy định chung") is the first line of the report;
// the CLI exits 3.
//
// An office adds or edits rule sets without a rebuild: PutRuleSet stores the
// YAML text as it was written (comments kept) as a record of kind "ruleset"
// in the data directory's corpus.RecordStore, versioned with who and when;
// StoredRules reads them back and Merge puts them over the shipped sets (the
// same id replaces a shipped set). Records rather than loose files because
// the record store already gives what rule data needs: every change a new
// version with its author, atomic durable writes, one place to back up.
// ParseRuleSet names the line of each mistake (RuleDataError.Line).
//
// A set may name, per style, who decides its jurisdiction's trips
// (deciders:); Draft and Decider give the drafts that body, else the body
// above the issuer (for a Sở, the provincial People's Committee), with the
// report deadline of the applicable rule and the exceptions to ask for.
//
// # Which rules bind a trip, and precedence
//
// Select keeps the rule sets whose Jurisdiction names appear, as whole words,
// in the trip's jurisdiction (accents, case and punctuation ignored: "UBND
// thành phố Hà Nội" is bound by a set naming "Hà Nội") plus every National
// set, and drops the sets not in force on the trip's date. TT 25/2025 binds
// the units of the Ministry of Education (Quy chế, Điều 3), so its
// jurisdiction is the Ministry, not the nation.
//
// Rules extracted from ingested documents (FromDocuments over
// corpus.Document.Rules) take precedence kind by kind: when any applicable
// corpus rule set provides a kind (say days-per-country), the shipped rules
// of that kind are set aside and the corpus rules of that kind are applied,
// each citing its own document; kinds the corpus does not provide still come
// from the shipped set, which therefore stays the default. The reasoning: the
// ingested document is the office's own current text, while the shipped set
// may be older or summarised; a rule extractor that misses a kind must not
// silently remove that check. A corpus set's jurisdiction comes from its
// issuer: national bodies (Bộ Chính trị, Ban Bí thư, Chính phủ, Thủ tướng:
// numbers ending /TW, -CP, -TTg) bind everyone; otherwise the place the
// parent body governs ("UBND TỈNH QUẢNG NINH" → "quang ninh") or the body's
// own name (a ministry).
//
// # Findings
//
// Each applied rule gives one Finding: pass, info (a reminder nothing in the
// trip file can verify), warn (advice broken, such as a host's holiday, or the
// trip file lacks what the rule needs), needs-approval (the value lies
// between the limit and the ceiling the rule allows in its exceptional case,
// TT 25/2025 Điều 6.2.c: 3 days, 5 for large events) or fail. A breach of a
// limit whose rule has an exception clause ("Trừ trường hợp thật cần thiết
// thì xin ý kiến cấp có thẩm quyền quyết định") is still fail, but the
// finding names the Authority that may approve the exception. Report.Failed
// is true when any finding fails; the CLI exits 1 then.
//
// Counting follows the texts: days per country run From..To inclusive
// (travel days are outside the stay, "chưa kể thời gian đi và về"); several
// stops in one country add up. Key officials and leadership shares are
// counted per unit ("của một cơ quan, đơn vị, địa phương"), so members must
// name their unit the same way. Trips per year count the register's trips
// (Options.History) of the trip's year before its departure, or the member's
// declared trips_this_year when larger, plus this trip. The report deadline
// is Return + limit (calendar days, or working days); the dossier lead time is
// the working days strictly between the proposal's date and the departure.
//
// # Working days
//
// Calendar skips weekends and the public holidays of Bộ luật Lao động 2019,
// Điều 112 (Tết Dương lịch, five days of Tết Nguyên đán, Giỗ Tổ Hùng Vương,
// 30/4, 1/5, 2/9 and a day beside it) with nghỉ bù for holidays on a weekend
// (Điều 111 khoản 3). Lunar dates come from a table for 2015-2035; we do not
// compute lunar calendars. The Prime Minister fixes the exact Tết days each
// year; extra days off go in Options.ExtraDaysOff.
//
// # JSON
//
// Report, Finding and Citation marshal with stable snake_case names: the
// output of `vanthu check --json` and of the web API. Add fields freely,
// never rename.
package check
