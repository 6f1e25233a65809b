package index

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vanthu/internal/democorpus"
)

// restoreAdminWeight is how many times an occurrence in the administrative
// sources counts against one in the law texts of the bank, which are some
// 30 times larger: without it the model restores as a code of law reads
// ("tinh" → "tính", "di" → "di sản").
// Syllables of the seeds restored from the model alone, weight 1 / 10 / 20 /
// 40: 92.3 / 94.2 / 94.3 / 93.8%.
const restoreAdminWeight = 20

var updateRestoreModel = flag.Bool("update-restore-model", false, "rewrite restoremodel.txt.gz from its sources")

// restoreModelSources returns the texts the shipped restoration model is
// counted from (restoremodel.go), all of them in this repository.
func restoreModelSources(t testing.TB) map[string]string {
	t.Helper()
	src := map[string]string{}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// The gencorpus bank: legal texts, one paragraph a line.
	zr, err := gzip.NewReader(bytes.NewReader(read(filepath.Join("..", "internal", "gencorpus", "bank.txt.gz"))))
	if err != nil {
		t.Fatal(err)
	}
	bank, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	src["gencorpus/bank"] = string(bank)
	// The demo corpus; its web page without markup, scripts and styles.
	for _, f := range democorpus.Files() {
		text := string(f.Data)
		if strings.HasSuffix(f.Name, ".html") {
			text = markup.ReplaceAllString(text, "\n")
		}
		src["democorpus/"+f.Name] = text
	}
	// The phrases the generator writes: vocab.go's string literals.
	var vocab []string
	for _, lit := range goString.FindAllString(string(read(filepath.Join("..", "internal", "gencorpus", "vocab.go"))), -1) {
		if s, err := strconv.Unquote(lit); err == nil {
			vocab = append(vocab, s)
		}
	}
	src["gencorpus/vocab.go"] = strings.Join(vocab, "\n")
	// The sample trips: the values of the lines written in Vietnamese.
	trips, _ := filepath.Glob(filepath.Join("..", "examples", "trips", "*.yaml"))
	for _, p := range trips {
		var lines []string
		sc := bufio.NewScanner(bytes.NewReader(read(p)))
		for sc.Scan() {
			l := sc.Text()
			if _, v, ok := strings.Cut(l, ": "); ok && hasNonASCII(v) && !strings.HasPrefix(strings.TrimSpace(l), "#") {
				lines = append(lines, v)
			}
		}
		src["examples/trips/"+filepath.Base(p)] = strings.Join(lines, "\n")
	}
	// The letters the project drafts (generate's golden texts).
	letters, _ := filepath.Glob(filepath.Join("..", "generate", "testdata", "*.golden.txt"))
	for _, p := range letters {
		src["generate/"+filepath.Base(p)] = string(read(p))
	}
	// Laws as the Công báo prints them (pdftext's golden texts), beside the
	// bank's: more legal text, counted as the bank is.
	laws, _ := filepath.Glob(filepath.Join("..", "ingest", "pdftext", "testdata", "golden", "cong_bao_*.golden.txt"))
	for _, p := range laws {
		src["laws/"+filepath.Base(p)] = string(read(p))
	}
	// The glossary.
	var gl []string
	for _, l := range strings.Split(string(read("restore_glossary.txt")), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			gl = append(gl, l)
		}
	}
	src["restore_glossary.txt"] = strings.Join(gl, "\n")
	return src
}

var (
	markup   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	goString = regexp.MustCompile(`"(?:[^"\\\n]|\\.)*"`)
)

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// TestRestoreModelUpToDate counts the model's sources again and compares
// with the shipped file: the model is what its sources say. Sources that
// other packages own (golden texts, the demo corpus) change now and then; a
// few counts off is logged, a model more than 2% off its sources fails.
func TestRestoreModelUpToDate(t *testing.T) {
	counts := map[string]int{}
	for name, text := range restoreModelSources(t) {
		// Each source on its own: no pair across two sources.
		w := restoreAdminWeight
		if name == "gencorpus/bank" || strings.HasPrefix(name, "laws/") {
			w = 1
		}
		countRestoreTerms(counts, text, w)
	}
	var buf bytes.Buffer
	if err := writeRestoreModel(&buf, counts); err != nil {
		t.Fatal(err)
	}
	if *updateRestoreModel {
		if err := os.WriteFile("restoremodel.txt.gz", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := readRestoreModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got := restoreModel()
	off := 0
	for k, v := range want.pair {
		if got.pair[k] != v {
			off++
		}
	}
	for k := range got.pair {
		if _, ok := want.pair[k]; !ok {
			off++
		}
	}
	spellings := 0
	for _, cs := range want.uni {
		spellings += len(cs)
	}
	t.Logf("sources: %d syllable spellings of %d folded syllables, %d pairs, %d bytes; shipped model: %d pairs counted otherwise",
		spellings, len(want.uni), len(want.pair), buf.Len(), off)
	if float64(off) > 0.02*float64(len(want.pair)) {
		t.Errorf("restoremodel.txt.gz: %d of %d pairs counted otherwise than its sources: run go test ./index -run TestRestoreModelUpToDate -args -update-restore-model", off, len(want.pair))
	}
}

// BenchmarkReadRestoreModel: what the first accent-free search of a process
// pays to load the shipped model.
//
//	go test -run '^$' -bench ReadRestoreModel ./index/
func BenchmarkReadRestoreModel(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := readRestoreModel(bytes.NewReader(restoreModelGz)); err != nil {
			b.Fatal(err)
		}
	}
}
