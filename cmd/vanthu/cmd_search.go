package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"

	"vanthu/corpus"
	"vanthu/index"
)

func init() {
	register(command{"search", "search the corpus (with or without diacritics, numbers in any spelling)", runSearch})
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "search", `QUERY [--type T] [--issuer I] [--kind K] [--source S] [--from DATE] [--to DATE] [--status S] [--effective-from DATE] [--effective-to DATE] [--sort relevance|date|-date] [--limit N] [--offset N] [--json]`)
	var q index.Query
	var from, to string
	fs.StringVar(&q.Type, "type", "", `document type: a code or a name ("CT", "Chỉ thị", "cong van")`)
	fs.StringVar(&q.Issuer, "issuer", "", `issuing body ("Quảng Ninh", "ban to chuc")`)
	fs.StringVar(&q.Kind, "kind", "", "document, news or record")
	fs.StringVar(&q.Source, "source", "", `where it came from: a host ("vbpl.vn") or "file"`)
	fs.StringVar(&from, "from", "", "issued on or after (YYYY-MM-DD or YYYY)")
	fs.StringVar(&to, "to", "", "issued on or before (YYYY-MM-DD or YYYY)")
	var effFrom, effTo string
	fs.StringVar(&q.Status, "status", "", `the portal's tình trạng hiệu lực: con-hieu-luc, het-hieu-luc-mot-phan, het-hieu-luc, chua-co-hieu-luc (or "Còn hiệu lực"...)`)
	fs.StringVar(&effFrom, "effective-from", "", "in force (per the portal) on or after (YYYY-MM-DD or YYYY)")
	fs.StringVar(&effTo, "effective-to", "", "in force (per the portal) on or before (YYYY-MM-DD or YYYY)")
	fs.StringVar(&q.Sort, "sort", "relevance", "relevance, date (oldest first) or -date (newest first)")
	fs.IntVar(&q.Limit, "limit", 10, "hits per page")
	fs.IntVar(&q.Offset, "offset", 0, "hits to skip")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	q.Text = strings.Join(pos, " ")
	if q.From, err = parseDateFlag("from", from, false); err != nil {
		return err
	}
	if q.To, err = parseDateFlag("to", to, true); err != nil {
		return err
	}
	if q.EffectiveFrom, err = parseDateFlag("effective-from", effFrom, false); err != nil {
		return err
	}
	if q.EffectiveTo, err = parseDateFlag("effective-to", effTo, true); err != nil {
		return err
	}
	if st := strings.TrimSpace(q.Status); st != "" && corpus.ValidityCode(st) == "" {
		return usagef("--status must be one of %s, not %q", strings.Join(corpus.ValidityCodes, ", "), st)
	}
	switch q.Sort {
	case "relevance", "date", "-date":
	default:
		return usagef("--sort must be relevance, date or -date, not %q", q.Sort)
	}
	if q.Limit < 1 || q.Limit > index.MaxLimit || q.Offset < 0 {
		return usagef("--limit must be 1..%d and --offset at least 0", index.MaxLimit)
	}
	if strings.TrimSpace(q.Text) == "" && q.Type == "" && q.Issuer == "" && q.Kind == "" && q.Source == "" && q.From.IsZero() && q.To.IsZero() &&
		q.Status == "" && q.EffectiveFrom.IsZero() && q.EffectiveTo.IsZero() {
		return usagef(`search needs a query or a filter, e.g. vanthu search "đoàn ra" --type CV`)
	}
	q.Facets = true
	a, err := openApp(ctx, e, c.data, appOptions{index: true, indexOnly: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if errors.Is(a.idxErr, index.ErrLocked) {
		// A writer holds the index: it answers instead (forward.go).
		if err := forward(ctx, e, c.data, append([]string{"search"}, args...)); !errors.Is(err, errNoHolder) {
			return err
		}
	}
	ix, err := a.needIndex()
	if err != nil {
		return err
	}
	res, err := ix.Search(ctx, q)
	if err != nil {
		return err
	}
	if c.json {
		if res.Hits == nil {
			res.Hits = []index.Hit{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printSearch(e, q, res)
	return nil
}

// parseDateFlag reads YYYY-MM-DD or a bare year (the first or last day of it).
func parseDateFlag(name, v string, end bool) (corpus.Date, error) {
	if v == "" {
		return corpus.Date{}, nil
	}
	var y int
	if len(v) == 4 {
		if _, err := fmt.Sscanf(v, "%04d", &y); err == nil {
			if end {
				return corpus.Date{Year: y, Month: 12, Day: 31}, nil
			}
			return corpus.Date{Year: y, Month: 1, Day: 1}, nil
		}
	}
	d, err := corpus.ParseDate(v)
	if err != nil {
		return d, usagef("--%s %q: expected YYYY-MM-DD or YYYY", name, v)
	}
	return d, nil
}

var markTag = regexp.MustCompile(`</?mark>`)

// plainSnippet turns an HTML snippet into terminal text, hits in [brackets].
func plainSnippet(s string) string {
	s = markTag.ReplaceAllStringFunc(s, func(t string) string {
		if t == "<mark>" {
			return "["
		}
		return "]"
	})
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func printSearch(e *env, q index.Query, res index.Result) {
	w := e.stdout
	if res.Restored != "" {
		fmt.Fprintf(w, "(tìm cả: %s)\n", res.Restored)
	}
	fmt.Fprintf(w, "%d kết quả (%d ms)\n", res.Total, res.TookMS)
	for i, h := range res.Hits {
		label := h.Number
		if label == "" {
			label = "[" + h.Kind + "]"
		}
		fmt.Fprintf(w, "\n%d. %s  %s  %s  %s\n", q.Offset+i+1, label, h.TypeName, h.Issuer, h.Date)
		if h.Title != "" {
			fmt.Fprintf(w, "   %s\n", oneLine(h.Title))
		}
		if h.Snippet != "" {
			fmt.Fprintf(w, "   %s\n", plainSnippet(h.Snippet))
		}
		fmt.Fprintf(w, "   vanthu show %s\n", h.ID)
	}
	for _, name := range []string{index.FacetType, index.FacetIssuer, index.FacetYear, index.FacetSource} {
		terms := res.Facets[name]
		if len(terms) == 0 {
			continue
		}
		var parts []string
		for _, t := range terms {
			parts = append(parts, fmt.Sprintf("%s (%d)", t.Term, t.Count))
		}
		fmt.Fprintf(w, "\n%-7s %s", name+":", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
	if int(res.Total) > q.Offset+len(res.Hits) {
		fmt.Fprintf(w, "tiếp: --offset %d\n", q.Offset+len(res.Hits))
	}
}
