package gencorpus

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"vanthu/corpus"
)

// Config says what to generate.
type Config struct {
	Seed      uint64 // the same seed gives the same corpus
	N         int    // number of documents
	TextBytes int    // approximate length of each text in bytes (UTF-8)
	// CiteOutside is the share of citations naming numbers that are not in
	// the corpus (unresolved citations), 0..1.
	CiteOutside float64
	// PhrasesOnly builds every text from the two dozen domain sentences
	// alone, the first generator's way: every document then holds nearly
	// every word, the worst case for a search engine, kept to compare with.
	// By default a text is a few domain sentences followed by a passage of
	// real legal text from the bank (bank.go).
	PhrasesOnly bool
}

// DefaultConfig is 100,000 documents of about 4 KB, the size of the search
// benchmark (BENCHMARKS.md).
func DefaultConfig() Config { return Config{Seed: 1, N: 100000, TextBytes: 4096, CiteOutside: 0.3} }

// Generator makes documents. It is safe for concurrent use (it holds no
// mutable state: every document has its own random stream).
type Generator struct{ cfg Config }

// New checks cfg and returns a Generator.
func New(cfg Config) (*Generator, error) {
	if cfg.N < 0 || cfg.TextBytes < 0 || cfg.CiteOutside < 0 || cfg.CiteOutside > 1 {
		return nil, fmt.Errorf("gencorpus: bad config %+v", cfg)
	}
	return &Generator{cfg: cfg}, nil
}

// Len returns the number of documents.
func (g *Generator) Len() int { return g.cfg.N }

func (g *Generator) rng(i int, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.cfg.Seed, uint64(i)*0x9E3779B97F4A7C15+salt))
}

// head is the identity part of document i (number, type, issuer, date),
// computable alone so citations can name other documents.
type head struct {
	number, typ, typeName, issuer string
	date                          corpus.Date
	party                         bool
}

func (g *Generator) head(i int) head {
	r := g.rng(i, 1)
	k := r.IntN(len(issuers))
	t := types[r.IntN(len(types))]
	year := 2010 + r.IntN(16)
	d, _ := corpus.NewDate(year, 1+r.IntN(12), 1+r.IntN(28))
	h := head{typ: t.Code, typeName: t.Name, issuer: issuers[k], date: d}
	// Numbers are unique per document: the running number is i+1.
	num := 1 + i
	code := issuerCodes[k]
	switch code {
	case "BTCTU", "TU", "TW":
		h.party = true
		h.number = fmt.Sprintf("%d-%s/%s", num, t.Code, code)
	default:
		if t.Code == "CV" {
			h.number = fmt.Sprintf("%02d/%s-%s", num, code, units[i%len(units)])
		} else {
			h.number = fmt.Sprintf("%02d/%s-%s", num, t.Code, code)
		}
	}
	return h
}

// Doc returns document i (0 ≤ i < N).
func (g *Generator) Doc(i int) corpus.Document {
	h := g.head(i)
	r := g.rng(i, 2)
	country := countries[r.IntN(len(countries))]
	title := titles[r.IntN(len(titles))]
	switch {
	case strings.Contains(title, "%s"):
		title = fmt.Sprintf(title, country)
	case strings.Contains(title, "%d"):
		title = fmt.Sprintf(title, h.date.Year)
	}
	d := corpus.Document{
		Kind: corpus.KindDocument, Number: h.number, Type: h.typ, TypeName: h.typeName,
		Issuer: h.issuer, Place: places[r.IntN(len(places))], Date: h.date, Title: title,
		Signer: corpus.Signer{Name: names[r.IntN(len(names))]},
		Source: corpus.Version{Source: fmt.Sprintf("https://%s/van-ban/%d", hosts[i%len(hosts)], i)},
	}
	if p, ok := corpus.ParseNumber(h.number); ok {
		d.Number, d.NumberKey = p.Canonical, p.Key
	}
	var b strings.Builder
	b.Grow(g.cfg.TextBytes + 256)
	fmt.Fprintf(&b, "%s\nSố: %s\n%s, ngày %d tháng %d năm %d\n%s\n",
		strings.ToUpper(h.issuer), d.Number, d.Place, h.date.Day, h.date.Month, h.date.Year, title)
	// Citations: two to four earlier documents (or numbers outside the corpus).
	nc := 2 + r.IntN(3)
	for c := 0; c < nc; c++ {
		var num, typeName string
		var date corpus.Date
		if i == 0 || r.Float64() < g.cfg.CiteOutside {
			num = fmt.Sprintf("%d/%d/NĐ-CP", 1+r.IntN(300), 2000+r.IntN(25))
			typeName = "Nghị định"
		} else {
			o := g.head(r.IntN(i))
			num, typeName, date = o.number, o.typeName, o.date
		}
		quote := fmt.Sprintf("Căn cứ %s số %s", typeName, num)
		if !date.IsZero() {
			quote += fmt.Sprintf(" ngày %d/%d/%d", date.Day, date.Month, date.Year)
		}
		fmt.Fprintf(&b, "%s;\n", quote)
		d.Citations = append(d.Citations, corpus.Citation{Number: corpus.CanonicalNumber(num), Key: corpus.NumberKey(num), Date: date, Quote: quote})
	}
	if !g.cfg.PhrasesOnly {
		// A few sentences on delegations, then real legal text: a document
		// of the corpus talks about its own matter, so a word is found in
		// some documents and not in others, as in a real archive.
		for k := 1 + r.IntN(3); k > 0; k-- {
			b.WriteString(sentence(r))
			b.WriteString("\n")
		}
		writePassage(&b, r, g.cfg.TextBytes)
	}
	for b.Len() < g.cfg.TextBytes {
		b.WriteString(sentence(r))
		if r.IntN(5) == 0 {
			fmt.Fprintf(&b, " Đoàn đi %s từ ngày %d/%d/%d.", countries[r.IntN(len(countries))], 1+r.IntN(28), 1+r.IntN(12), h.date.Year)
		}
		if r.IntN(6) == 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	d.Text = b.String()
	d.ID = corpus.DocID(&d)
	return d
}

// sentence draws one domain sentence, its number (of members, of days)
// filled in.
func sentence(r *rand.Rand) string {
	s := sentences[r.IntN(len(sentences))]
	if strings.Contains(s, "%d") {
		s = fmt.Sprintf(s, 3+r.IntN(8))
	}
	return s
}

var hosts = []string{"vbpl.vn", "quangninh.gov.vn", "hanoi.gov.vn", "caobang.gov.vn", "danang.gov.vn", "songoaivu.hochiminhcity.gov.vn"}

// Each calls fn for every document in order until fn returns an error.
func (g *Generator) Each(ctx context.Context, fn func(corpus.Document) error) error {
	for i := 0; i < g.cfg.N; i++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("gencorpus: stopped at %d: %w", i, err)
		}
		if err := fn(g.Doc(i)); err != nil {
			return err
		}
	}
	return nil
}
