// Package gis converts a scenario's geography to and from the formats
// planners draw and look at: GeoJSON (RFC 7946, what QGIS and geojson.io
// read and write) and KML 2.2 (Google Earth). It is an edge, like the YAML
// decoder: it converts between the scenario's types, in the site's local
// East-North-Up metres, and WGS84 longitude and latitude at the border,
// through the frame anchored at the scenario's site.origin (package geo).
// Nothing inside the simulator knows a file format.
//
// Every feature cuasim writes or reads carries a property named cuasim
// saying what it is (site, zone, obstacle, road, sensor, candidate); the
// other properties of each kind are listed in docs/gis.md. Reading is
// strict: an unknown kind or property, a wrong geometry type or a value of
// the wrong type is an error naming the file, the feature's index and the
// property.
package gis
