package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
)

// draftCheck checks a trip for drafting: the rules (shipped, the office's,
// and, unless noCorpus, the corpus's), who decides it, the deadline and
// exceptions its drafts state.
func draftCheck(ctx context.Context, e *env, data string, t corpus.Trip, noCorpus bool) (check.Report, check.DraftNotes, error) {
	opts := check.Options{}
	var err error
	if opts.Rules, err = allRuleSets(ctx, e, data); err != nil {
		return check.Report{}, check.DraftNotes{}, err
	}
	if !noCorpus {
		opts.CorpusRules = corpusRules(ctx, e, data)
	}
	rep, notes := check.Draft(t, opts)
	return rep, notes, nil
}

// forDrafting gives generate the trip with its deciding body and the notes
// the rules give its drafts.
func forDrafting(t corpus.Trip, n check.DraftNotes) (corpus.Trip, generate.Notes) {
	if t.Decider == nil && n.DeciderFrom != "issuer" && n.Decider.Issuer != "" {
		d := n.Decider
		t.Decider = &d
	}
	var g generate.Notes
	if dl := n.ReportDeadline; dl != nil {
		g.ReportDeadline = &generate.Deadline{Days: dl.Days, WorkingDays: dl.Unit == check.UnitWorkingDay,
			Recipients: dl.Recipients, Source: citeText(dl.Citation)}
	}
	for _, x := range n.Exceptions {
		g.Exceptions = append(g.Exceptions, generate.Exception{Authority: x.Authority, Breach: x.Breach,
			Clause: x.Exception, Source: citeText(x.Citation)})
	}
	return t, g
}

// citeText cites a rule as running text: "mục 6 Công văn số 4060-CV/BTCTU
// ngày 31/05/2019 của Ban Tổ chức Thành ủy Hà Nội".
func citeText(c check.Citation) string {
	var parts []string
	if c.Item != "" {
		parts = append(parts, c.Item)
	}
	doc := strings.TrimSpace(c.Type)
	if c.Number != "" {
		if doc != "" {
			doc += " số "
		}
		doc += c.Number
	}
	if !c.Date.IsZero() {
		doc += fmt.Sprintf(" ngày %02d/%02d/%04d", c.Date.Day, c.Date.Month, c.Date.Year)
	}
	if c.Issuer != "" {
		doc += " của " + c.Issuer
	}
	if doc = strings.TrimSpace(doc); doc != "" {
		parts = append(parts, doc)
	}
	return strings.Join(parts, " ")
}

// warnBeforeSigning writes, for a person about to sign, the rules the trip
// fails or needs approval for, with their sources; nothing when it keeps
// them all.
func warnBeforeSigning(w io.Writer, rep check.Report) {
	if rep.Notice != "" {
		fmt.Fprintf(w, "Lưu ý: %s.\n", rep.Notice)
	}
	v := rep.Violations()
	if len(v) == 0 {
		return
	}
	fmt.Fprintf(w, "CẢNH BÁO trước khi ký: chuyến công tác không đạt %d quy định:\n", len(v))
	for _, f := range v {
		label := "KHÔNG ĐẠT"
		if f.Status == check.StatusNeedsApproval {
			label = "CẦN XIN Ý KIẾN"
		}
		fmt.Fprintf(w, "  [%s] %s\n", label, f.Message)
		if s := citeText(f.Citation); s != "" {
			fmt.Fprintf(w, "      căn cứ: %s\n", s)
		}
	}
}
