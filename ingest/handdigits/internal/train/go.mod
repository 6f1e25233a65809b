// The trainer is a tool of its own module, so the product's module
// (`go list ./...`, `go test ./...`) does not hold it; its import path
// stays under ingest/handdigits so it may use the reader's internal
// packages.
module vanthu/ingest/handdigits/internal/train

go 1.26.0

require vanthu v0.0.0

replace vanthu => ../../../..
