package importrules

import (
	"os/exec"
	"path"
	"strings"
	"testing"
)

const module = "vanthu"

// allowed lists, for each package (or "prefix/..." for a subtree), the
// packages of this module it may import. Third-party imports are limited where
// DESIGN.md says so (thirdParty).
var allowed = map[string][]string{
	"corpus":           {},
	"corpus/filestore": {"corpus"},
	"corpus/memstore":  {"corpus"},
	// natsstore is the Store on NATS JetStream (nats.go); natsembed runs
	// the server in process for `--nats embedded` and for tests.
	"corpus/natsstore":   {"corpus"},
	"internal/natsembed": {},
	// cluster: the work queue and the search nodes' feed on NATS; its
	// page jobs read a scan's pages with pdftext.
	"cluster":           {"corpus", "corpus/natsstore", "ingest", "ingest/pdftext"},
	"corpus/corpustest": {"corpus"},
	"ingest":            {"corpus"},
	"ingest/meta":       {"corpus"},
	"ingest/pdftext":    {"corpus", "ingest", "ingest/vnenc", "ingest/handdigits"},
	// handdigits reads handwritten digits from an image: no domain types.
	"ingest/handdigits":                    {"ingest/handdigits/internal/cnn", "ingest/handdigits/internal/mnistnorm"},
	"ingest/handdigits/internal/cnn":       {},
	"ingest/handdigits/internal/mnistnorm": {},
	"ingest/vnenc":                         {"corpus"},
	"ingest/pdfsig":                        {"corpus", "ingest"},
	"ingest/plaintext":                     {"corpus", "ingest", "ingest/vnenc"},
	"ingest/wordtext":                      {"corpus", "ingest", "ingest/vnenc"},
	"ingest/htmltext":                      {"corpus", "ingest", "ingest/vnenc"},
	"ingest/crawl":                         {"corpus", "ingest", "ingest/htmltext", "ingest/vnenc"},
	// natsstate: the crawl's state in the cluster's key-value store.
	"ingest/crawl/natsstate": {"corpus", "corpus/natsstore", "ingest/crawl"},
	"index":                  {"corpus"},
	"index/...":              {"corpus", "index"},
	"generate":               {"corpus", "templates"},
	"templates":              {},
	"trip":                   {"corpus"},
	"check":                  {"corpus"},
	"review":                 {"corpus"},
	"audit":                  {"corpus"},
	"account":                {"corpus"},
	"watch":                  {"corpus", "audit"},
	"register":               {"corpus", "check"},
	"examples/trips":         {},
	"internal/gencorpus":     {"corpus"},
	// mkbank reads the legal texts of ../shared with vanthu's own HTML reader.
	"internal/gencorpus/mkbank": {"corpus", "ingest/htmltext"},
	"internal/sharedtest":       {},
	"internal/machinespeed":     {},
	"internal/importrules":      {},
	"internal/codehealth":       {}, // source-tree checks (comments, sizes); no code
	"internal/democorpus":       {},
	"internal/hostilepdf":       {},
	"web":                       {"*"},
	"cmd/vanthu":                {"*"},

	// annualdoc converts the register's yearly data for generate: the two
	// never import each other, so the CLI and the web desk meet here.
	"internal/annualdoc": {"corpus", "register", "generate"},
}

// thirdParty limits non-standard imports for packages whose job is pure domain.
var thirdParty = map[string][]string{
	"corpus":    {"golang.org/x/text/"},
	"templates": {},
	"check":     {"gopkg.in/yaml.v3"},
	// index evaluates queries on bleve's own segments (scorch, zap,
	// roaring bitmaps): these imports are its coupling to bleve's internals,
	// held to bleve's answers by TestEvaluateAgreesWithBleve. A new one is a
	// deliberate decision, recorded here.
	"index": {"github.com/blevesearch/bleve/v2", "github.com/blevesearch/bleve_index_api",
		"github.com/blevesearch/scorch_segment_api/v2", "github.com/blevesearch/zapx/v17",
		"github.com/RoaringBitmap/roaring/v2"},
}

func TestImportRules(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}|{{.Standard}}|{{join .Imports " "}}`, module+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			continue
		}
		pkg := strings.TrimPrefix(strings.TrimPrefix(parts[0], module), "/")
		rule, ok := ruleFor(pkg)
		if !ok {
			t.Errorf("package %s has no import rule: add it to DESIGN.md and to this test", parts[0])
			continue
		}
		for _, imp := range strings.Fields(parts[2]) {
			if strings.HasPrefix(imp, module+"/") {
				dep := strings.TrimPrefix(imp, module+"/")
				if !permits(rule, dep) {
					t.Errorf("%s imports %s: not allowed by DESIGN.md (may import: %v)", parts[0], imp, rule)
				}
				continue
			}
			if tp, limited := thirdParty[pkg]; limited && !isStd(imp) {
				okTP := false
				for _, p := range tp {
					if strings.HasPrefix(imp, p) {
						okTP = true
					}
				}
				if !okTP {
					t.Errorf("%s imports third-party %s: only the standard library%v is allowed", parts[0], imp, tp)
				}
			}
		}
	}
}

func ruleFor(pkg string) ([]string, bool) {
	if r, ok := allowed[pkg]; ok {
		return r, true
	}
	for p := pkg; p != "." && p != ""; p = path.Dir(p) {
		if r, ok := allowed[p+"/..."]; ok && p != pkg {
			return r, true
		}
	}
	return nil, false
}

func permits(rule []string, dep string) bool {
	for _, r := range rule {
		if r == "*" || r == dep {
			return true
		}
	}
	return false
}

// isStd reports whether an import path is in the standard library (no dot in
// its first element).
func isStd(imp string) bool {
	first := strings.SplitN(imp, "/", 2)[0]
	return !strings.Contains(first, ".")
}

func TestRuleFor(t *testing.T) {
	if r, ok := ruleFor("index/eval"); !ok || len(r) != 2 {
		t.Errorf("index/eval should fall under index/...: %v %v", r, ok)
	}
	if permits([]string{"corpus"}, "index") {
		t.Error("permits too much")
	}
}
