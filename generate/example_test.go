package generate_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"vanthu/generate"
	"vanthu/trip"
)

// Draft a trip's letters the way `vanthu generate` does: load the trip
// file, lay one document out (Plan: every string with its place, size and
// role, which is what tests and the web preview read), and render it as a
// PDF.
func Example() {
	t, err := trip.Load("../examples/trips/hn-btctu-trung-quoc-dat.yaml")
	if err != nil {
		log.Fatal(err)
	}
	g, err := generate.New(generate.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("kinds:", g.Kinds())
	ctx := context.Background()
	plan, err := g.Plan(ctx, "decision", t)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("pages:", len(plan.Pages))
	for _, x := range plan.Pages[0].Texts {
		switch x.Role {
		case "party", "parent", "issuer", "number", "nation", "motto", "type":
			fmt.Printf("%s: %s\n", x.Role, x.S)
		}
	}
	pdf, err := g.Render(ctx, "decision", t)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("PDF:", bytes.HasPrefix(pdf, []byte("%PDF-")))
	// Output:
	// kinds: [proposal decision report]
	// pages: 2
	// parent: THÀNH ỦY HÀ NỘI
	// issuer: BAN TỔ CHỨC
	// party: ĐẢNG CỘNG SẢN VIỆT NAM
	// number: Số         -QĐ/BTCTU
	// type: QUYẾT ĐỊNH
	// PDF: true
}
