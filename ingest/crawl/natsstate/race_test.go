//go:build race

package natsstate

// raceDetector is true in a test binary built with -race.
const raceDetector = true
