// Package metrics scores what the sensors (and, later, the trackers and
// alerts) produce against the simulation's truth. It is the only package
// besides the command-line tools and the viewer that sees estimates and truth
// side by side.
package metrics
