package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/mapping"

	"vanthu/corpus"
)

// EvalReport is the retrieval quality measured on ALQAC 2022 (Task 1, legal
// document retrieval): every article of law.json indexed as a document, every
// question of question.json asked as written and with its diacritics
// removed, in vanthu's index and in a plain bleve index with the standard
// analyzer built in the same run.
type EvalReport struct {
	Articles  int       `json:"articles"`
	Questions int       `json:"questions"`
	Rows      []EvalRow `json:"rows"`
	// Restoration is how well the diacritics of the accent-free questions
	// are restored from the articles' statistics, syllable by syllable.
	// Recall hardly depends on it (the folded fields find the articles
	// anyway), so it is the measure of the statistics themselves.
	Restoration RestorationScore `json:"restoration"`
}

// RestorationScore counts the questions' word syllables whose diacritics the
// restoration put back exactly as the question had them.
type RestorationScore struct {
	Syllables int `json:"syllables"` // word syllables of all questions
	Right     int `json:"right"`     // restored to the question's spelling
	Marked    int `json:"marked"`    // syllables the question writes with diacritics
	MarkedOK  int `json:"marked_right"`
}

// EvalRow is one index × question form.
type EvalRow struct {
	Index     string  `json:"index"`     // "vanthu" or "bleve standard"
	Questions string  `json:"questions"` // "accented" or "accent-free"
	Recall10  float64 `json:"recall_at_10"`
	MRR10     float64 `json:"mrr_at_10"`
	MeanMS    float64 `json:"mean_ms"` // mean query time
}

// Row returns the row for an index and question form.
func (r EvalReport) Row(index, questions string) EvalRow {
	for _, x := range r.Rows {
		if x.Index == index && x.Questions == questions {
			return x
		}
	}
	return EvalRow{}
}

// Markdown renders the report as a table.
func (r EvalReport) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles, %d questions.\n\n", r.Articles, r.Questions)
	b.WriteString("| index | questions | Recall@10 | MRR@10 | mean query ms |\n|---|---|---|---|---|\n")
	for _, x := range r.Rows {
		fmt.Fprintf(&b, "| %s | %s | %.3f | %.3f | %.1f |\n", x.Index, x.Questions, x.Recall10, x.MRR10, x.MeanMS)
	}
	if r := r.Restoration; r.Syllables > 0 {
		fmt.Fprintf(&b, "\nDiacritics restored on the accent-free questions: %.1f%% of %d word syllables, %.1f%% of the %d written with diacritics.\n",
			100*float64(r.Right)/float64(r.Syllables), r.Syllables, 100*float64(r.MarkedOK)/float64(max(r.Marked, 1)), r.Marked)
	}
	return b.String()
}

type alqacLaw struct {
	ID       string `json:"id"`
	Articles []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"articles"`
}

type alqacQuestion struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Relevant []struct {
		LawID     string `json:"law_id"`
		ArticleID string `json:"article_id"`
	} `json:"relevant_articles"`
}

// alqacArticles reads dir/law.json into one record per law article, its
// first line as the title.
func alqacArticles(dir string) ([]corpus.Document, error) {
	var laws []alqacLaw
	if err := readJSON(filepath.Join(dir, "law.json"), &laws); err != nil {
		return nil, err
	}
	var docs []corpus.Document
	for _, l := range laws {
		for _, a := range l.Articles {
			title, _, _ := strings.Cut(a.Text, "\n")
			docs = append(docs, corpus.Document{
				ID: l.ID + "#" + a.ID, Kind: corpus.KindRecord, Title: strings.TrimSpace(title), Text: a.Text,
			})
		}
	}
	return docs, nil
}

// EvaluateALQAC runs the ALQAC 2022 evaluation with the data in dir
// (law.json, question.json) and scratch indexes under work (removed and
// recreated).
func EvaluateALQAC(ctx context.Context, dir, work string) (rep EvalReport, err error) {
	defer recoverErr("alqac", &err)
	var qs []alqacQuestion
	docs, err := alqacArticles(dir)
	if err != nil {
		return rep, err
	}
	if err := readJSON(filepath.Join(dir, "question.json"), &qs); err != nil {
		return rep, err
	}
	rep.Articles, rep.Questions = len(docs), len(qs)
	if len(docs) == 0 || len(qs) == 0 {
		return rep, fmt.Errorf("index: alqac %s: no articles or no questions", dir)
	}
	if err := os.RemoveAll(work); err != nil {
		return rep, fmt.Errorf("index: alqac: clear %s: %w", work, err)
	}

	ix, err := Open(DefaultConfig(filepath.Join(work, "vanthu")))
	if err != nil {
		return rep, err
	}
	defer ix.Close()
	if err := ix.IndexBatch(ctx, docs); err != nil {
		return rep, err
	}
	base, err := plainBleve(filepath.Join(work, "standard"), docs)
	if err != nil {
		return rep, err
	}
	defer base.Close()

	if rep.Restoration, err = restorationScore(ix, qs); err != nil {
		return rep, err
	}

	ours := func(q string) ([]string, error) {
		r, err := ix.Search(ctx, Query{Text: q, Limit: 10})
		if err != nil {
			return nil, err
		}
		return ids(r), nil
	}
	theirs := func(q string) ([]string, error) {
		mq := bleve.NewMatchQuery(q)
		mq.SetField("text")
		req := bleve.NewSearchRequestOptions(mq, 10, 0, false)
		sr, err := base.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: alqac baseline: %w", err)
		}
		out := make([]string, len(sr.Hits))
		for i, h := range sr.Hits {
			out[i] = h.ID
		}
		return out, nil
	}
	for _, sys := range []struct {
		name string
		run  func(string) ([]string, error)
	}{{"vanthu", ours}, {"bleve standard", theirs}} {
		for _, form := range []string{"accented", "accent-free"} {
			row := EvalRow{Index: sys.name, Questions: form}
			var total time.Duration
			for _, q := range qs {
				text := q.Text
				if form == "accent-free" {
					text = corpus.Fold(text)
				}
				start := time.Now()
				got, err := sys.run(text)
				total += time.Since(start)
				if err != nil {
					return rep, err
				}
				want := map[string]bool{}
				for _, r := range q.Relevant {
					want[r.LawID+"#"+r.ArticleID] = true
				}
				for i, id := range got {
					if want[id] {
						row.Recall10++
						row.MRR10 += 1 / float64(i+1)
						break
					}
				}
			}
			n := float64(len(qs))
			row.Recall10 /= n
			row.MRR10 /= n
			row.MeanMS = float64(total.Microseconds()) / 1000 / n
			rep.Rows = append(rep.Rows, row)
		}
	}
	return rep, nil
}

// restorationScore restores each question with its diacritics removed and
// compares it with the question as written.
func restorationScore(ix *Index, qs []alqacQuestion) (RestorationScore, error) {
	var sc RestorationScore
	_, err := ix.current()
	if err != nil {
		return sc, err
	}
	defer ix.mu.RUnlock()
	for _, q := range qs {
		want := ix.analyze(q.Text)
		folded := make([]string, len(want))
		for i, w := range want {
			folded[i] = foldString(w)
		}
		got := restore(ix.stats, folded)
		for i, w := range want {
			if !isWordTerm([]byte(w)) {
				continue
			}
			sc.Syllables++
			marked := w != folded[i]
			if marked {
				sc.Marked++
			}
			if got[i] == w {
				sc.Right++
				if marked {
					sc.MarkedOK++
				}
			}
		}
	}
	return sc, nil
}

// plainBleve is the baseline: bleve's standard analyzer (unicode tokenizer,
// lower case, English stop words), nothing else.
func plainBleve(path string, docs []corpus.Document) (bleve.Index, error) {
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = standard.Name
	idx, err := bleve.New(path, m)
	if err != nil {
		return nil, fmt.Errorf("index: alqac baseline %s: %w", path, err)
	}
	b := idx.NewBatch()
	for _, d := range docs {
		if err := b.Index(d.ID, map[string]interface{}{"text": d.Text}); err != nil {
			idx.Close()
			return nil, fmt.Errorf("index: alqac baseline: %w", err)
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, fmt.Errorf("index: alqac baseline: %w", err)
	}
	return idx, nil
}

func readJSON(path string, v interface{}) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("index: alqac: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("index: alqac %s: %w", path, err)
	}
	return nil
}

func ids(r Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}
