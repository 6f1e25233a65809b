package generate

import (
	"context"
	"errors"
	"fmt"
	"time"

	"vanthu/corpus"
	"vanthu/templates"
)

// Config configures a Generator.
type Config struct {
	// Templates are the document templates; nil uses the embedded set.
	Templates *templates.Set
	// Now gives the creation date written into the PDF metadata; nil uses
	// time.Now. Tests fix it.
	Now func() time.Time
	// Creator is the PDF /Creator; "" writes "vanthu".
	Creator string
	// Engine draws the laid-out plan: EngineMaroto, the only one ("" is
	// the same). Kept so that configurations naming it still load.
	Engine string
}

// EngineMaroto names the one PDF engine: the plan is drawn through maroto.
const EngineMaroto = "maroto"

// DefaultConfig is the embedded templates and the wall clock.
func DefaultConfig() Config { return Config{} }

// Generator renders official documents for trips. Fonts and templates are
// loaded once, in New; a Generator is safe for concurrent use.
type Generator struct {
	set     *templates.Set
	m       *metrics
	now     func() time.Time
	creator string
	engine  string
}

// New loads the fonts' metrics and the templates.
func New(cfg Config) (*Generator, error) {
	set := cfg.Templates
	if set == nil {
		s, err := templates.Load("")
		if err != nil {
			return nil, fmt.Errorf("generate: %w", err)
		}
		set = s
	}
	m, err := loadMetrics()
	if err != nil {
		return nil, err
	}
	switch cfg.Engine {
	case "":
		cfg.Engine = EngineMaroto
	case EngineMaroto:
	default:
		return nil, fmt.Errorf("generate: unknown engine %q (want %q)", cfg.Engine, EngineMaroto)
	}
	g := &Generator{set: set, m: m, now: cfg.Now, creator: cfg.Creator, engine: cfg.Engine}
	if g.now == nil {
		g.now = time.Now
	}
	if g.creator == "" {
		g.creator = "vanthu"
	}
	return g, nil
}

// Kinds lists the document kinds this generator can render, in the order of
// a trip's life ("proposal", "decision", "report", then any an office added).
func (g *Generator) Kinds() []string { return g.set.Kinds() }

// Plan lays the document out without drawing it: every string and rule with
// its position. Render draws exactly this plan.
func (g *Generator) Plan(ctx context.Context, kind string, trip corpus.Trip) (plan *Plan, err error) {
	return g.PlanNotes(ctx, kind, trip, Notes{})
}

// PlanNotes is Plan with what the rules say about the trip's drafts.
func (g *Generator) PlanNotes(ctx context.Context, kind string, trip corpus.Trip, notes Notes) (plan *Plan, err error) {
	defer recoverInto(&err, "plan "+kind)
	d, doc, err := g.document(ctx, kind, &trip, notes)
	if err != nil {
		return nil, err
	}
	e := &engine{m: g.m, l: g.set.Layout(), d: d, doc: doc}
	e.layout()
	e.plan.Author = d.IssuerName
	e.plan.Created = g.now()
	if trip.Register.Number > 0 && kind == "proposal" {
		e.plan.Keywords = joinKeywords(e.plan.Keywords, "Số "+trimSpaces(d.Number))
	}
	return e.plan, nil
}

// document executes the kind's template for the trip: the display values
// and the markup blocks both the PDF and the Word writers lay out.
func (g *Generator) document(ctx context.Context, kind string, trip *corpus.Trip, notes Notes) (*templates.Data, *templates.Doc, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if kind == "report" && trip.Report == nil {
		return nil, nil, fmt.Errorf("generate: report: %w", ErrNoReport)
	}
	d := data(kind, trip)
	applyNotes(d, kind, trip, notes)
	doc, err := g.set.Execute(kind, d)
	if err != nil {
		if errors.Is(err, templates.ErrUnknownKind) {
			return nil, nil, fmt.Errorf("generate: %w", err)
		}
		return nil, nil, fmt.Errorf("generate: %s: %w", kind, err)
	}
	return d, doc, nil
}

// Render produces the PDF of kind for trip: A4, Liberation Serif embedded as
// subsets, compressed streams, metadata (title, subject, author, keywords,
// creation date) and an empty signature field over the signer's block.
func (g *Generator) Render(ctx context.Context, kind string, trip corpus.Trip) (pdf []byte, err error) {
	return g.RenderNotes(ctx, kind, trip, Notes{})
}

// RenderNotes is Render with what the rules say about the trip's drafts:
// the decision states the report deadline, the proposal asks for the
// exceptions (see Notes).
func (g *Generator) RenderNotes(ctx context.Context, kind string, trip corpus.Trip, notes Notes) (pdf []byte, err error) {
	plan, err := g.PlanNotes(ctx, kind, trip, notes)
	if err != nil {
		return nil, err
	}
	return g.renderPlan(ctx, kind, plan)
}

// renderPlan draws a laid-out plan with the generator's engine and adds the
// empty signature field.
func (g *Generator) renderPlan(ctx context.Context, kind string, plan *Plan) (pdf []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer recoverInto(&err, "render "+kind)
	raw, err := g.draw(plan)
	if err != nil {
		return nil, fmt.Errorf("generate: %s: draw: %w", kind, err)
	}
	out, err := addSignatureField(raw, plan, g.layoutOf(plan))
	if err != nil {
		return nil, fmt.Errorf("generate: %s: signature field: %w", kind, err)
	}
	return out, nil
}

// layoutOf is the page geometry plan was laid out on.
func (g *Generator) layoutOf(plan *Plan) templates.Layout {
	if plan.layout != nil {
		return *plan.layout
	}
	return g.set.Layout()
}

// recoverInto turns a panic of a dependency (maroto, gofpdf) into an error,
// so that none crosses the package boundary.
func recoverInto(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("generate: %s: %w: %v", what, ErrInternal, r)
	}
}

func joinKeywords(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

func trimSpaces(s string) string {
	out := []rune{}
	for _, r := range s {
		if r != ' ' {
			out = append(out, r)
		}
	}
	return string(out)
}
