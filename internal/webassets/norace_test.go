//go:build !race

package webassets

const raceEnabled = false
