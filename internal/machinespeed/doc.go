// Package machinespeed measures how fast this machine does a fixed piece of
// work at the moment, so that benchmark figures taken at different times can
// be compared. The development machine is a shared virtual machine: within
// half an hour the same search once took 34 and then 57 ms, with
// nothing else running on it. Benchmarks print these figures next to
// theirs. They are an indication, not a correction: neither figure moved as
// much as the searches did in that slow spell.
package machinespeed
