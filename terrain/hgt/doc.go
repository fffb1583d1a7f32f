// Package hgt reads SRTM elevation tiles (.hgt files) and converts them to a
// terrain.Grid in a site's local frame: the border between a file format
// and cuasim's model, as package scenarios is for YAML.
//
// An .hgt file is a square of big-endian signed 16-bit heights in metres
// above the EGM96 geoid, 1201 × 1201 samples (SRTM3, 3 arc-seconds) or
// 3601 × 3601 (SRTM1, 1 arc-second), row by row from the north edge, each
// row from west to east, with −32768 marking a void (no data). The file's
// name gives its south-west corner: N51W001.hgt spans 51° to 52° N and 1°
// to 0° W; neighbouring tiles share their edge rows and columns.
package hgt
