// Command vanthu is the records and dispatch office ("văn thư") for staff who
// manage official trips abroad: it ingests official documents, searches them,
// checks a trip against the rules found in them and drafts the trip's letters.
//
//	vanthu <command> [flags] [arguments]
//
// Commands: ingest, extract, crawl, search, show, cites, reindex, check,
// generate, serve, demo, bench, version. Every command takes --data DIR (default
// ./vanthu-data, or $VANTHU_DATA) and --json; flags may come before or after the
// arguments. Exit status: 0 ok, 1 failure, 2 bad usage or bad input.
//
// This package only reads flags and the environment, builds the adapters and
// runs them: the work itself lives in corpus, ingest, index, check and generate.
// One file per command.
package main
