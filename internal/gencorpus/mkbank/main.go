// Command mkbank writes internal/gencorpus/bank.txt.gz, the paragraphs of
// real Vietnamese legal text the benchmark corpus is cut from.
//
// Sources (../shared/corpus-real, read once by a developer; the bank is
// committed so that generating a corpus needs nothing outside the repo):
//   - benchmark/alqac2022/law.json: the articles of four codes and laws
//     (Bộ luật Dân sự 2015, Luật An ninh mạng 2018, Bộ luật Lao động 2019,
//     Bộ luật Hình sự hợp nhất), in their order;
//   - html/vbpl_vn_2026/*.html: seven documents on foreign affairs (công tác
//     nước ngoài, điều ước quốc tế, xuất nhập cảnh...), main text read with
//     vanthu's own HTML reader.
//
// Legal documents are not objects of copyright (Luật Sở hữu trí tuệ, Điều
// 15); only their text is kept, never a portal's page or the benchmark's
// questions.
//
//	go run ./internal/gencorpus/mkbank -shared ../shared -out internal/gencorpus/bank.txt.gz
package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"vanthu/corpus"
	"vanthu/ingest/htmltext"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared directory holding corpus-real")
	out := flag.String("out", "internal/gencorpus/bank.txt.gz", "the bank file to write")
	flag.Parse()
	if err := run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkbank:", err)
		os.Exit(1)
	}
}

func run(shared, out string) error {
	var paras []string
	add := func(text string) {
		for _, l := range strings.Split(corpus.NFC(text), "\n") {
			l = strings.Join(strings.Fields(l), " ")
			// Lines of a few characters are page furniture or list marks.
			if len([]rune(l)) >= 12 {
				paras = append(paras, l)
			}
		}
	}
	lawFile := filepath.Join(shared, "corpus-real", "benchmark", "alqac2022", "law.json")
	b, err := os.ReadFile(lawFile)
	if err != nil {
		return err
	}
	var laws []struct {
		ID       string `json:"id"`
		Articles []struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(b, &laws); err != nil {
		return fmt.Errorf("%s: %w", lawFile, err)
	}
	for _, l := range laws {
		for _, a := range l.Articles {
			add("Điều " + a.ID + ". " + a.Text)
		}
	}
	pages, err := filepath.Glob(filepath.Join(shared, "corpus-real", "html", "vbpl_vn_2026", "*.html"))
	if err != nil {
		return err
	}
	sort.Strings(pages)
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		res, err := htmltext.Extract(context.Background(), b, "https://vbpl.vn/", "text/html", htmltext.DefaultOptions())
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		add(res.Text)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for _, p := range paras {
		fmt.Fprintln(zw, p)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkbank: %d paragraphs from %d laws and %d pages into %s\n", len(paras), len(laws), len(pages), out)
	return nil
}
