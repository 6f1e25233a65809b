package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"vanthu/corpus"
)

// A document that states a rule is found by the words people use for the
// rule's subject, though it states the rule in its own words; a news item
// repeating the same limit is not (it reports the rule, it does not set it);
// the subjects never reach a snippet.
func TestRuleSubjects(t *testing.T) {
	ix, _ := openTemp(t)
	members := corpus.Rule{Kind: corpus.RuleMembersPerDelegation, Limit: 7, Unit: "person", Quote: "không quá 07 người/đoàn"}
	docs := []corpus.Document{
		{ID: "rule", Kind: corpus.KindDocument, Number: "4060-CV/BTCTU",
			Text: "Thành phần đoàn đi cần gọn nhẹ; không quá 07 người/đoàn.", Rules: []corpus.Rule{members}},
		{ID: "news", Kind: corpus.KindNews,
			Text: "Sở nhắc các đơn vị: thành phần đoàn không quá 07 người/đoàn.", Rules: []corpus.Rule{members}},
		{ID: "plain", Kind: corpus.KindDocument, Text: "Quy định về hội nghị quốc tế trong năm."},
	}
	if err := ix.IndexBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"số người trong đoàn", "so nguoi trong doan", `"số thành viên của đoàn"`} {
		r := mustSearch(t, ix, Query{Text: q})
		if got := ids(r); !slices.Equal(got, []string{"rule"}) {
			t.Errorf("%q: %v, want [rule]", q, got)
		}
		for _, h := range r.Hits {
			if strings.Contains(h.Snippet, "số người trong đoàn") {
				t.Errorf("%q: snippet %q shows the rule's subject", q, h.Snippet)
			}
		}
	}
	// The rule's own words still find both.
	if got := ids(mustSearch(t, ix, Query{Text: "người/đoàn"})); len(got) != 2 {
		t.Errorf("người/đoàn: %v, want rule and news", got)
	}
}

func TestEveryRuleKindHasASubject(t *testing.T) {
	for _, k := range []string{corpus.RuleMembersPerDelegation, corpus.RuleDaysPerCountry, corpus.RuleCountriesPerTrip,
		corpus.RuleTripsPerYear, corpus.RuleKeyOfficials, corpus.RuleLeadershipShare, corpus.RuleReportDeadline,
		corpus.RuleAnnualPlanDeadline, corpus.RuleDossierLeadTime} {
		if corpus.RuleSubject(k) == "" {
			t.Errorf("rule kind %s has no subject", k)
		}
	}
	if corpus.RuleSubject("no-such-kind") != "" {
		t.Error("an unknown kind has a subject")
	}
	doc := &corpus.Document{Kind: corpus.KindDocument, Rules: []corpus.Rule{
		{Kind: corpus.RuleMembersPerDelegation}, {Kind: corpus.RuleDaysPerCountry}, {Kind: corpus.RuleMembersPerDelegation}, {Kind: "other"}}}
	want := corpus.RuleSubject(corpus.RuleMembersPerDelegation) + "; " + corpus.RuleSubject(corpus.RuleDaysPerCountry)
	if got := ruleSubjects(doc); got != want {
		t.Errorf("ruleSubjects = %q, want %q (each kind once, in order)", got, want)
	}
}
