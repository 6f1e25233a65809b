package filestore

// Config says where the data directory is and how to open it.
type Config struct {
	// Dir is the data directory. A writer creates it when missing.
	Dir string
	// ReadOnly opens the store without taking the writer's lock, so commands
	// that only read (`vanthu show`, `vanthu search`) run while a writer such
	// as `vanthu serve` holds it. Put and Repair then fail with ErrReadOnly.
	ReadOnly bool

	// noSync skips every fsync. Only this package's tests and benchmarks set
	// it, to build throwaway stores quickly; it is unexported so no caller
	// can trade durability away by accident.
	noSync bool
}

// DefaultConfig returns the configuration of the CLI's default data
// directory, ./vanthu-data (DESIGN.md, CLI contract), opened for writing.
func DefaultConfig() Config {
	return Config{Dir: "vanthu-data"}
}
