// Package geo converts between WGS84 geodetic coordinates and the local
// East-North-Up frame that cuasim works in, and holds the few angle helpers
// (degrees at the edges, radians inside, compass azimuths) that the rest of
// the code shares.
//
// Inside cuasim every position is an r3.Vec in metres: X east, Y north, Z up,
// from a site's origin. A Frame is the tangent plane at the origin; over the
// few kilometres of a site it is not a map projection but the exact local
// Cartesian frame, so distances and angles computed in it are true. Heights
// in an LLA are metres above the WGS84 ellipsoid.
package geo
