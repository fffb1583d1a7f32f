// Package terrain holds the ground's elevation over a site and what it hides
// from a sensor: a Grid of heights in the site's local East-North-Up frame,
// bilinear between its nodes, and per antenna a Horizon table that answers
// "does the terrain, or the earth's curvature, stand between this antenna
// and that point?" in constant time without allocating.
//
// Heights are metres above the site datum, the ground at the site's origin.
// The earth's curvature enters as in the rest of cuasim, through the
// standard 4/3 effective earth radius (EffectiveEarthRadiusM): a straight
// ray over a sphere of that radius, which over flat ground gives back the
// smooth-earth radio horizon √(2·k·Re·h1) + √(2·k·Re·h2).
//
// The package knows no file format: package terrain/hgt reads SRTM tiles
// and converts them to a Grid at the border, as package scenarios does for
// YAML.
package terrain
