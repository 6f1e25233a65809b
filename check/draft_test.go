package check_test

import (
	"testing"

	"vanthu/check"
	"vanthu/corpus"
)

// Who decides a trip: the trip's own decider, else its jurisdiction's rule
// set, else the body above the issuer, else the issuer.
func TestDecider(t *testing.T) {
	sets, _ := check.DefaultRules()
	qn := loadExample(t, "qn-snv-nhat-han-dat.yaml")
	d, from := check.Decider(qn, sets)
	if from != "derived" || d.Issuer != "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH" || d.Name != "Ủy ban nhân dân tỉnh Quảng Ninh" || d.Code != "UBND" || d.Signer.Title != "PHÓ CHỦ TỊCH" {
		t.Errorf("Sở of Quảng Ninh: %s %+v", from, d)
	}
	party := loadExample(t, "hn-btctu-trung-quoc-dat.yaml")
	if d, _ := check.Decider(party, sets); d.Issuer != "THÀNH ỦY HÀ NỘI" || d.Name != "Ban Thường vụ Thành ủy Hà Nội" || d.Code != "TU" || d.Signer.Authority != "T/M BAN THƯỜNG VỤ" {
		t.Errorf("Ban of the Thành ủy: %+v", d)
	}
	moet := loadExample(t, "bgddt-vkhgd-nop-ho-so-muon.yaml")
	if d, _ := check.Decider(moet, sets); d.Name != "Bộ Giáo dục và Đào tạo" || d.Code != "BGDĐT" || d.Signer.Authority != "KT. BỘ TRƯỞNG" {
		t.Errorf("institute of the Ministry: %+v", d)
	}
	own := append(sets, check.RuleSet{ID: "qn-own", Source: check.DocRef{Issuer: "x"}, Jurisdiction: []string{"Quảng Ninh"},
		Deciders: []check.StyleDecider{{Style: "state", Decider: corpus.Decider{Issuer: "CHỦ TỊCH UBND TỈNH", Name: "Chủ tịch UBND tỉnh Quảng Ninh"}}}})
	if d, from := check.Decider(qn, own); from != "rules:qn-own" || d.Name != "Chủ tịch UBND tỉnh Quảng Ninh" {
		t.Errorf("rule set's decider: %s %+v", from, d)
	}
	qn.Decider = &corpus.Decider{Issuer: "BAN THƯỜNG VỤ TỈNH ỦY", Name: "Ban Thường vụ Tỉnh ủy"}
	if _, from := check.Decider(qn, own); from != "trip" {
		t.Errorf("trip's decider not kept: %s", from)
	}
	qn.Decider, qn.ParentIssuer = nil, ""
	if _, from := check.Decider(qn, sets); from != "issuer" {
		t.Errorf("no body above: %s", from)
	}
}

// Draft gives the applicable report deadline with its unit, and the
// exceptions to ask for with the authority named.
func TestDraftNotes(t *testing.T) {
	_, n := check.Draft(loadExample(t, "bgddt-vkhgd-nop-ho-so-muon.yaml"), check.Options{Today: exampleToday})
	if dl := n.ReportDeadline; dl == nil || dl.Days != 15 || dl.UnitText() != "ngày làm việc" || dl.Citation.Number != "25/2025/TT-BGDĐT" {
		t.Errorf("TT 25/2025 deadline: %+v", n.ReportDeadline)
	}
	rep, n := check.Draft(loadExample(t, "hn-snnmt-qua-so-thanh-vien.yaml"), check.Options{Today: exampleToday})
	if dl := n.ReportDeadline; dl == nil || dl.Days != 10 || dl.Unit != check.UnitDay {
		t.Errorf("4060-CV/BTCTU deadline: %+v", n.ReportDeadline)
	}
	if len(n.Failures) != len(rep.Violations()) || len(n.Exceptions) != 1 {
		t.Fatalf("failures %d, exceptions %+v", len(n.Failures), n.Exceptions)
	}
	x := n.Exceptions[0]
	if x.Authority != "cấp có thẩm quyền (Thường trực Thành ủy Hà Nội)" || x.Breach != "Đoàn có 9 thành viên, vượt mức tối đa 7 người/đoàn" || x.Exception == "" {
		t.Errorf("exception %+v", x)
	}
	if _, n := check.Draft(loadExample(t, "qn-snv-nhat-han-dat.yaml"), check.Options{Today: exampleToday}); n.ReportDeadline != nil {
		t.Errorf("Quảng Ninh's rules state no report deadline: %+v", n.ReportDeadline)
	}
}

// A rule set past its end date no longer binds trips: the office's newer set
// (or the national layer alone) takes over.
func TestSupersededRuleSet(t *testing.T) {
	old := check.RuleSet{ID: "lc-2020", Source: check.DocRef{Number: "1/KH-TEST", Issuer: "thử"}, Jurisdiction: []string{"Lào Cai"},
		ValidFrom: date("2020-01-01"), ValidTo: date("2025-12-31"),
		Rules: []check.Rule{{Kind: "members-per-delegation", Limit: 3, Unit: "person", Quote: "không quá 03 người"}}}
	newer := old
	newer.ID, newer.Source.Number, newer.ValidFrom, newer.ValidTo = "lc-2026", "2/KH-TEST", date("2026-01-01"), corpus.Date{}
	newer.Rules = []check.Rule{{Kind: "members-per-delegation", Limit: 6, Unit: "person", Quote: "không quá 06 người"}}
	tr := corpus.Trip{Jurisdiction: "UBND tỉnh Lào Cai", Date: date("2026-04-01"), Departure: date("2026-05-10"), Return: date("2026-05-12"),
		Members: []corpus.Member{{Name: "A", Head: true}, {Name: "B"}, {Name: "C"}, {Name: "D"}}}
	base, _ := check.DefaultRules()
	rep := check.Run(tr, check.Options{Rules: check.Merge(base, []check.RuleSet{old}), Today: exampleToday})
	if rep.OwnRules || rep.Notice == "" {
		t.Errorf("expired set still binds: %+v", rep.Sources)
	}
	rep = check.Run(tr, check.Options{Rules: check.Merge(base, []check.RuleSet{old, newer}), Today: exampleToday})
	f := one(t, rep, corpus.RuleMembersPerDelegation)
	if !rep.OwnRules || f.Citation.Number != "2/KH-TEST" || f.Status != check.StatusPass {
		t.Errorf("newer set not applied: %+v", f)
	}
	if (check.RuleSet{ID: "x", Source: check.DocRef{Issuer: "y"}, National: true, ValidFrom: date("2026-01-01"), ValidTo: date("2025-01-01")}).Validate() == nil {
		t.Error("valid_to before valid_from accepted")
	}
}
