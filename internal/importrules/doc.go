// Package importrules holds the test that keeps the direction of imports of
// DESIGN.md: ingest, index and generate exchange corpus values and never import
// each other; corpus depends on nothing of ours; only cmd/vanthu (and the web
// desk) wire everything together. A wrong import fails `go test ./...`.
package importrules
