// Package register is the register of delegations abroad (sổ theo dõi đoàn
// ra): every trip from the annual plan to its report and financial
// settlement, with the deadlines the rules set, the statistics offices send
// up, and the data of the annual plan (Thông tư 25/2025/TT-BGDĐT, Phụ lục
// IV) and annual report (Phụ lục III).
//
// # Records and the view
//
// A trip of the register is an Entry: the corpus.Trip a clerk describes (the
// trip file of `vanthu check` and `vanthu generate`) extended with what the
// register keeps: a stable id, the owning unit, the status and its history,
// the numbers and dates of the request, the decision, the report and the
// settlement, whether the trip is in the approved plan, the funding source
// as the unit writes it, a reason (postponed, cancelled, refused), notes and
// the documents linked to it.
//
// Entries are kept as records of kind "trip" in a corpus.RecordStore (the
// data directory's filestore, or memstore in tests): every change is a new
// version with its author, time and note, written durably and idempotently
// (the same data again stores nothing), and earlier versions stay readable
// (Register.Versions). Writes use the store's compare-and-set, so two clerks
// changing one trip never overwrite each other silently: the second gets
// ErrConflict and retries on what the first wrote.
//
// The Register itself is a view: Open reads every trip record once
// (EachRecord) and builds in memory what the filters and statistics need
// (day numbers of the dates, country keys, the deadlines computed from the
// rules, person keys), updated on every write. Nothing else is stored, so a
// register is rebuilt from the records alone. The clock is injected
// (Config.Now): deadlines "as of" a day never read the wall clock.
//
// # Lifecycle
//
//	planned → proposed → approved → travelling → returned → reported → settled
//	                   ↘ refused (→ proposed again)
//	planned, proposed, approved, refused → postponed | cancelled (with a reason)
//	postponed → planned | proposed | cancelled
//
// A move names what it needs: proposed the request's number and date,
// approved the decision's number, date and approving body, reported the
// report's number and date, settled the settlement's date; postponed,
// cancelled and refused a reason. Dates must follow each other (a decision
// before the request, a return before the departure, a report before the
// return are refused). A trip that has left cannot be postponed or
// cancelled: it happened, and its report is due. An impossible move is a
// *TransitionError (errors.Is ErrTransition), a missing or wrong field a
// *FieldError (errors.Is ErrInvalid), each naming the trip and the field.
//
// # Deadlines
//
// Deadlines come from the rules that bind the trip, chosen by package check
// (check.Select: jurisdiction, validity, corpus rules before shipped ones)
// and counted on check's Calendar (weekends, the public holidays of Bộ luật
// Lao động 2019 with nghỉ bù): the dossier lead time (dossier-lead-time, e.g.
// TT 25/2025 Điều 9.2: 20 working days before departure), the report after
// return (report-deadline: TT 25/2025 Điều 10.2, 15 working days; Hà Nội
// 4060-CV/BTCTU mục 6, 10 days) and the financial settlement. check knows
// no settlement rule, so the register ships its own (rules/*.yaml, in
// check's rule-set format with the kind "settlement-deadline": TT 25/2025
// Điều 12.4.d, 15 working days, when the state budget pays). When several
// rules of one kind bind a trip the earliest deadline wins and is cited.
// Each Deadline carries its rule's number, item and quote; Due lists them
// overdue first, then by date.
//
// # Statistics
//
// Stats counts delegations (số đoàn) and person-trips (số lượt người: one
// member on one trip) whose departure falls in a window, by country (the
// country table countries.yaml makes "Hàn Quốc", "Han Quoc" and "Korea" one
// country), purpose and funding source, in plan or not, and the reports on
// time, late, missing (deadline passed, no report) or not yet due as of a
// day. Postponed, cancelled and refused trips are not delegations that went
// and are left out. A trip bound by no report rule counts as not due until
// it is reported (then on time): without a rule there is no deadline to miss.
package register
