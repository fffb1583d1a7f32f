package gis

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/scenarios"
)

// KMLNamespace is the namespace of OGC KML 2.2 (OGC 07-147r2).
const KMLNamespace = "http://www.opengis.net/kml/2.2"

// circleSides is how many sides the polygon drawn for a circular zone has:
// its corners lie on the circle, and its edges come within
// r·(1 − cos(π/72)), 0.1 % of the radius, of it.
const circleSides = 72

// The KML 2.2 elements cuasim writes.
type (
	// KML is a KML document's root.
	KML struct {
		XMLName  xml.Name    `xml:"kml"`
		Xmlns    string      `xml:"xmlns,attr"`
		Document KMLDocument `xml:"Document"`
	}
	// KMLDocument holds folders of placemarks.
	KMLDocument struct {
		Name    string      `xml:"name"`
		Folders []KMLFolder `xml:"Folder"`
	}
	// KMLFolder groups placemarks of one kind (or one layout's sensors).
	KMLFolder struct {
		Name       string         `xml:"name"`
		Placemarks []KMLPlacemark `xml:"Placemark"`
	}
	// KMLPlacemark is one feature: a name, its properties as ExtendedData,
	// and one geometry.
	KMLPlacemark struct {
		Name         string         `xml:"name"`
		ExtendedData *KMLData       `xml:"ExtendedData,omitempty"`
		Point        *KMLPoint      `xml:"Point,omitempty"`
		LineString   *KMLLineString `xml:"LineString,omitempty"`
		Polygon      *KMLPolygon    `xml:"Polygon,omitempty"`
		Multi        *KMLMulti      `xml:"MultiGeometry,omitempty"`
	}
	// KMLData is a placemark's properties.
	KMLData struct {
		Data []KMLDatum `xml:"Data"`
	}
	// KMLDatum is one property.
	KMLDatum struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value"`
	}
	// KMLPoint is a point: "lon,lat".
	KMLPoint struct {
		Coordinates string `xml:"coordinates"`
	}
	// KMLLineString is a line: "lon,lat lon,lat ...".
	KMLLineString struct {
		Tessellate  int    `xml:"tessellate"`
		Coordinates string `xml:"coordinates"`
	}
	// KMLPolygon is a polygon; an obstacle's is extruded to its height
	// above the ground.
	KMLPolygon struct {
		Extrude      int           `xml:"extrude,omitempty"`
		AltitudeMode string        `xml:"altitudeMode,omitempty"`
		Outer        KMLBoundary   `xml:"outerBoundaryIs"`
		Inner        []KMLBoundary `xml:"innerBoundaryIs"`
	}
	// KMLBoundary is a polygon's ring.
	KMLBoundary struct {
		LinearRing KMLRing `xml:"LinearRing"`
	}
	// KMLRing is a closed ring: "lon,lat[,alt] ...".
	KMLRing struct {
		Coordinates string `xml:"coordinates"`
	}
	// KMLMulti holds the polygons of a MultiPolygon.
	KMLMulti struct {
		Polygons []KMLPolygon `xml:"Polygon"`
	}
)

// WriteKML writes the scenario's geography (FeatureCollection(sc)) as a
// KML 2.2 document for Google Earth.
func WriteKML(w io.Writer, sc *scenarios.Scenario) error {
	fc, err := FeatureCollection(sc)
	if err != nil {
		return err
	}
	return EncodeKML(w, sc.Name, fc)
}

// EncodeKML writes a FeatureCollection as a KML 2.2 document named name:
// one Folder per value of the cuasim property (sensors one per layout;
// features without it, such as coverage's dead zones, in a folder named
// features, one per altitude_m when they have one), one Placemark per feature named by its name or id
// property (or its kind and index), its properties as ExtendedData.
// A circular zone (a Point with radius_m) is drawn as a polygon of 72
// sides on the circle; an obstacle is extruded to height_m.
func EncodeKML(w io.Writer, name string, fc *geojson.FeatureCollection) error {
	doc := KML{Xmlns: KMLNamespace, Document: KMLDocument{Name: name}}
	folder := func(n string) *KMLFolder {
		for i := range doc.Document.Folders {
			if doc.Document.Folders[i].Name == n {
				return &doc.Document.Folders[i]
			}
		}
		doc.Document.Folders = append(doc.Document.Folders, KMLFolder{Name: n})
		return &doc.Document.Folders[len(doc.Document.Folders)-1]
	}
	for i, ft := range fc.Features {
		kind, _ := ft.Properties[Property].(string)
		fname := kind + "s"
		switch kind {
		case "":
			fname = "features"
			if a, ok := ft.Properties["altitude_m"]; ok {
				fname = fmt.Sprintf("features at %v m", a)
			}
		case KindSite:
			fname = KindSite
		case KindSensor:
			fname = fmt.Sprintf("sensors (layout %v)", ft.Properties["layout"])
		}
		pm := KMLPlacemark{Name: placemarkName(ft, kind, i)}
		if len(ft.Properties) > 0 {
			pm.ExtendedData = &KMLData{}
			for _, k := range sortedKeys(ft.Properties) {
				pm.ExtendedData.Data = append(pm.ExtendedData.Data, KMLDatum{Name: k, Value: fmt.Sprint(ft.Properties[k])})
			}
		}
		height, _ := ft.Properties["height_m"].(float64)
		switch g := ft.Geometry.(type) {
		case orb.Point:
			if r, ok := ft.Properties["radius_m"].(float64); ok && kind == KindZone {
				pm.Polygon = &KMLPolygon{Outer: boundary(circle(g, r), 0)}
			} else {
				pm.Point = &KMLPoint{Coordinates: coords([]orb.Point{g}, 0)}
			}
		case orb.LineString:
			pm.LineString = &KMLLineString{Tessellate: 1, Coordinates: coords([]orb.Point(g), 0)}
		case orb.Polygon:
			p := kmlPolygon(g, height)
			pm.Polygon = &p
		case orb.MultiPolygon:
			pm.Multi = &KMLMulti{}
			for _, pg := range g {
				pm.Multi.Polygons = append(pm.Multi.Polygons, kmlPolygon(pg, height))
			}
		default:
			return fmt.Errorf("KML: feature %d: no KML form for a %s", i, ft.Geometry.GeoJSONType())
		}
		f := folder(fname)
		f.Placemarks = append(f.Placemarks, pm)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing KML: %w", err)
	}
	e := xml.NewEncoder(w)
	e.Indent("", " ")
	if err := e.Encode(doc); err != nil {
		return fmt.Errorf("writing KML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing KML: %w", err)
	}
	return nil
}

func placemarkName(ft *geojson.Feature, kind string, i int) string {
	for _, k := range []string{"name", "id"} {
		if s, ok := ft.Properties[k].(string); ok && s != "" {
			return s
		}
	}
	if kind == "" {
		kind = "feature"
	}
	if r, ok := ft.Properties["rank"]; ok {
		return fmt.Sprintf("%s %v", kind, r) // coverage's dead zones, the largest 1
	}
	return fmt.Sprintf("%s %d", kind, i+1)
}

func kmlPolygon(pg orb.Polygon, heightM float64) KMLPolygon {
	var p KMLPolygon
	if heightM > 0 {
		p.Extrude, p.AltitudeMode = 1, "relativeToGround"
	}
	for k, r := range pg {
		if k == 0 {
			p.Outer = boundary(r, heightM)
		} else {
			p.Inner = append(p.Inner, boundary(r, heightM))
		}
	}
	return p
}

func boundary(r orb.Ring, altM float64) KMLBoundary {
	return KMLBoundary{LinearRing: KMLRing{Coordinates: coords([]orb.Point(r), altM)}}
}

// coords formats points as KML's "lon,lat[,alt]" separated by spaces.
func coords(ps []orb.Point, altM float64) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(p[0], 'f', -1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(p[1], 'f', -1, 64))
		if altM > 0 {
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(altM, 'f', -1, 64))
		}
	}
	return b.String()
}

// circle returns a closed counter-clockwise ring of circleSides corners on
// the circle of radius rM about c, laid out in the tangent plane at c.
func circle(c orb.Point, rM float64) orb.Ring {
	f := geo.NewFrame(geo.LLA{LonDeg: c[0], LatDeg: c[1]})
	r := make(orb.Ring, 0, circleSides+1)
	for k := range circleSides {
		a := 2 * math.Pi * float64(k) / circleSides
		lla := f.ToLLA(r3.Vec{X: rM * math.Cos(a), Y: rM * math.Sin(a)})
		r = append(r, orb.Point{round(lla.LonDeg), round(lla.LatDeg)})
	}
	return append(r, r[0])
}
