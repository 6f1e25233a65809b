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
