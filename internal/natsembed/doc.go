// Package natsembed runs a NATS server with JetStream inside the vanthu
// process, so that one binary is enough on each machine of a cluster: a
// single node, or one node of a cluster whose routes name the other
// machines. Tests use it to start three servers on loopback.
//
// It binds loopback unless told otherwise and never opens a port it was not
// given (-1 asks the kernel for a free one).
package natsembed
