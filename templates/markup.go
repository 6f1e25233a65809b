package templates

import (
	"fmt"
	"strings"
)

// Doc is a rendered body template: the document's blocks in reading order,
// ready for the layout engine.
type Doc struct {
	Kind     string
	Type     string // type name ("TỜ TRÌNH", "QUYẾT ĐỊNH"); "" for a công văn
	Subject  string // trích yếu ("V/v xin chủ trương ..." for a công văn)
	Title    string // PDF title metadata; Type + Subject when not set
	Keywords string // PDF keywords metadata
	Blocks   []Block
}

// Block is one directive of the markup with its text.
type Block struct {
	Op    Op
	Text  string   // NFC text; inline **bold** and __italic__ spans are kept for the layout
	Cells []string // table rows and widths
	Line  int      // line of the rendered template output, for error messages
}

// Op names what a block is. The set is closed: Parse rejects anything else,
// naming the template and line.
type Op string

const (
	OpAuthority Op = "authority" // "thẩm quyền ban hành" line of a decision: bold caps, centred
	OpBasis     Op = "basis"     // căn cứ line: italic, indented; ";" after each, "." after the last
	OpCenter    Op = "center"    // centred bold line ("QUYẾT ĐỊNH:", "Phụ lục")
	OpNote      Op = "note"      // centred italic line ("(Kèm theo Công văn số ...)")
	OpRule      Op = "rule"      // short centred rule under a title
	OpTo        Op = "to"        // one Kính gửi recipient
	OpPara      Op = "p"         // body paragraph: justified, first-line indent
	OpHeading   Op = "h"         // bold paragraph (section title "I. THÀNH PHẦN ĐOÀN", "1. Mục đích")
	OpSign      Op = "sign"      // a line of the signature block (authority, title): bold caps
	OpSigner    Op = "signer"    // the signer's name: bold
	OpCC        Op = "cc"        // one Nơi nhận line; "- " and ";"/"." are added by the layout
	OpNewPage   Op = "newpage"   // start a new page (appendix)
	OpSpace     Op = "space"     // vertical space, Text is points
	OpTable     Op = "table"     // starts a table; Cells are relative column widths
	OpTH        Op = "th"        // table header row (repeated on each page)
	OpTR        Op = "tr"        // table row
)

var ops = map[string]Op{}

func init() {
	for _, o := range []Op{OpAuthority, OpBasis, OpCenter, OpNote, OpRule, OpTo, OpPara, OpHeading,
		OpSign, OpSigner, OpCC, OpNewPage, OpSpace, OpTable, OpTH, OpTR} {
		ops[string(o)] = o
	}
}

// header directives set fields of Doc rather than adding blocks.
var headerOps = map[string]bool{"type": true, "subject": true, "title": true, "keywords": true}

// Parse reads the markup a body template renders to. Each directive line
// starts with "@name"; a line without "@" continues the text of the previous
// directive (joined by a space); blank lines are ignored. name is the
// template's file name, used in errors.
func Parse(name, src string) (*Doc, error) {
	d := &Doc{}
	var last *Block
	lastHeader := ""
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(strings.ReplaceAll(raw, "\r", ""))
		ln := i + 1
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "@") {
			switch {
			case last != nil && last.Op != OpTable && last.Op != OpTH && last.Op != OpTR:
				last.Text = joinText(last.Text, line)
			case last == nil && lastHeader != "":
				d.setHeader(lastHeader, joinText(d.header(lastHeader), line))
			default:
				return nil, &SyntaxError{Template: name, Line: ln, Msg: fmt.Sprintf("text %q outside a directive (lines start with @p, @h, @to ...)", clip(line))}
			}
			continue
		}
		word, rest, _ := strings.Cut(line[1:], " ")
		rest = strings.TrimSpace(rest)
		if headerOps[word] {
			d.setHeader(word, rest)
			lastHeader, last = word, nil
			continue
		}
		op, ok := ops[word]
		if !ok {
			return nil, &SyntaxError{Template: name, Line: ln, Msg: fmt.Sprintf("unknown directive @%s", clip(word))}
		}
		b := Block{Op: op, Text: rest, Line: ln}
		switch op {
		case OpTable, OpTH, OpTR:
			b.Cells = splitCells(rest)
			b.Text = ""
			if op == OpTable {
				if err := checkWidths(b.Cells); err != nil {
					return nil, &SyntaxError{Template: name, Line: ln, Msg: err.Error()}
				}
			} else if err := d.checkRow(b.Cells); err != nil {
				return nil, &SyntaxError{Template: name, Line: ln, Msg: err.Error()}
			}
		case OpSpace:
			var pt float64
			if _, err := fmt.Sscanf(rest, "%g", &pt); err != nil || pt < 0 || pt > 200 {
				return nil, &SyntaxError{Template: name, Line: ln, Msg: fmt.Sprintf("@space wants points between 0 and 200, got %q", clip(rest))}
			}
		}
		d.Blocks = append(d.Blocks, b)
		last = &d.Blocks[len(d.Blocks)-1]
		lastHeader = ""
	}
	if d.Title == "" {
		d.Title = strings.TrimSpace(d.Type + " " + d.Subject)
	}
	return d, nil
}

func (d *Doc) setHeader(word, v string) {
	switch word {
	case "type":
		d.Type = v
	case "subject":
		d.Subject = v
	case "title":
		d.Title = v
	case "keywords":
		d.Keywords = v
	}
}

func (d *Doc) header(word string) string {
	switch word {
	case "type":
		return d.Type
	case "subject":
		return d.Subject
	case "title":
		return d.Title
	}
	return d.Keywords
}

// checkRow requires a table row to follow @table and to have its column count.
func (d *Doc) checkRow(cells []string) error {
	for i := len(d.Blocks) - 1; i >= 0; i-- {
		switch d.Blocks[i].Op {
		case OpTH, OpTR:
			continue
		case OpTable:
			if n := len(d.Blocks[i].Cells); n != len(cells) {
				return fmt.Errorf("table row has %d cells, the @table line declares %d columns", len(cells), n)
			}
			return nil
		}
		break
	}
	return fmt.Errorf("table row without a @table line before it")
}

func checkWidths(cells []string) error {
	if len(cells) == 0 || len(cells) > 12 {
		return fmt.Errorf("@table wants 1 to 12 column widths like 18|30|37|65, got %d", len(cells))
	}
	for _, c := range cells {
		var w float64
		if _, err := fmt.Sscanf(c, "%g", &w); err != nil || w <= 0 || w > 1000 {
			return fmt.Errorf("@table column width %q is not a positive number", clip(c))
		}
	}
	return nil
}

func splitCells(s string) []string {
	parts := strings.Split(s, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
