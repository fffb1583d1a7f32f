package scenarios

import (
	"go.yaml.in/yaml/v4"

	"github.com/cuasim/cuasim/terrain"
)

// The scenario file format. Every field's key, unit (in the key's suffix),
// default, allowed range and one-line description live in the struct tags
// below; the decoder enforces them and Reference documents them, so the two
// cannot drift apart. Conventions: positions are metres in the site's local
// East-North-Up frame, altitudes are metres above the site's ground level
// (with terrain, above the ground at the origin: see Terrain),
// azimuths and bearings are degrees clockwise from true north, elevations are
// degrees above the horizontal.

// Scenario is a whole scenario file.
type Scenario struct {
	Name        string     `yaml:"name" doc:"short identifier, used in output and by cuasim run NAME"`
	Description string     `yaml:"description" opt:"true" doc:"one or more sentences shown by cuasim scenarios"`
	Site        Site       `yaml:"site" doc:"the place being protected"`
	Zones       []Zone     `yaml:"zones" opt:"true" doc:"protected areas that alerts refer to"`
	Obstacles   []Obstacle `yaml:"obstacles" opt:"true" doc:"buildings and other blockers of line of sight"`
	Roads       []Road     `yaml:"roads" opt:"true" doc:"roads that convoys drive along"`
	Convoys     []Convoy   `yaml:"convoys" opt:"true" doc:"columns of vehicles driving along a road on a schedule; zones and shadow traffic may follow one"`
	UAVTypes    []UAVType  `yaml:"uav_types" opt:"true" doc:"generic drone classes that traffic refers to by name"`
	Birds       []Birds    `yaml:"birds" opt:"true" doc:"bird flocks: the classic nuisance target"`
	Traffic     []Traffic  `yaml:"traffic" opt:"true" doc:"scripted flights and random drone traffic"`
	Sensors     []Sensor   `yaml:"sensors" doc:"radars and passive RF detectors"`
	Tracker     Tracker    `yaml:"tracker" default:"{}" doc:"the multi-sensor tracker: motion models, gating, data association, track confirmation and deletion"`
	Alerting    Alerting   `yaml:"alerting" default:"{}" doc:"when a track raises an alert on a zone, and at what level"`
	Layouts     []Layout   `yaml:"layouts" opt:"true" doc:"named alternatives to the sensors listed above, for cuasim compare and the viewer; the listed sensors are the layout named base"`
	Search      *Search    `yaml:"search" doc:"where cuasim search may stand sensors and which listed sensors it places"`
	Run         Run        `yaml:"run" doc:"duration, time step and seed"`

	file     string                // where the scenario came from, for messages
	root     *yaml.Node            // the document as parsed, for layouts and overrides
	src      []byte                // the YAML it was parsed from
	layout   string                // the layout applied, "" for base
	pos      map[string]*yaml.Node // where each value was written, for later messages
	warnings ErrorList             // from loading; see Warnings
	// refPfa is, for each radar in the reference form by its path
	// (sensors[i], layouts[j].change[k], layouts[j].add[k]), the pfa its
	// reference point is stated at. With keeps it across overrides: the
	// reference fixes the receiver, so a --set or --sweep of pfa moves the
	// threshold on it, not the hardware.
	refPfa map[string]float64
}

// Alerting is the alert rules: which tracks may raise an alert on a zone,
// when the alert clears, and its level. A confirmed track raises an alert
// on a zone when its quality and P(drone) reach min_quality and p_drone, it
// is at least min_track_age_s old, and it is inside the zone (within the
// zone's altitude band) or predicted to enter it within horizon_s. The
// alert clears when either probability falls hysteresis below its
// threshold, or the track leaves and is not predicted to enter, for
// clear_after_s in a row, or when the track ends. Every field has a
// default, so the section may be left out.
type Alerting struct {
	MinQuality       float64 `yaml:"min_quality" json:"min_quality" default:"0.9" check:"[0,1]" doc:"track quality (existence probability) a track needs to raise an alert"`
	PDrone           float64 `yaml:"p_drone" json:"p_drone" default:"0.9" check:"[0,1]" doc:"probability that the track is a drone needed to raise an alert (calibrated: of the tracks at p, a fraction p are drones); 0 alerts on every confirmed track"`
	Hysteresis       float64 `yaml:"hysteresis" json:"hysteresis" default:"0.1" check:"[0,1]" doc:"an alert holds while quality and P(drone) stay at or above their thresholds minus this"`
	ClearAfterS      float64 `yaml:"clear_after_s" json:"clear_after_s" default:"10" check:"[0,3600]" doc:"an alert clears after its conditions have failed for this long, seconds"`
	MinTrackAgeS     float64 `yaml:"min_track_age_s" json:"min_track_age_s" default:"0" check:"[0,3600]" doc:"time since a track was started before it may raise an alert, seconds"`
	HorizonS         float64 `yaml:"horizon_s" json:"horizon_s" default:"60" check:"[0,3600]" doc:"a track predicted to enter a zone within this time raises an alert before it is inside, seconds"`
	ImminentS        float64 `yaml:"imminent_s" json:"imminent_s" default:"20" check:"[0,3600]" doc:"an entry predicted within this time raises the alert one level higher than a later one, seconds"`
	UncertaintySigma float64 `yaml:"uncertainty_sigma" json:"uncertainty_sigma" default:"2" check:"[0,10]" doc:"a predicted position within this many standard deviations of a zone counts as entering it"`
	MaxMarginM       float64 `yaml:"max_margin_m" json:"max_margin_m" default:"300" check:"[0,100000]" doc:"largest distance from a zone that the uncertainty allowance may reach, metres"`
	UpdatePeriodS    float64 `yaml:"update_period_s" json:"update_period_s" default:"1" check:"[0.1,60]" doc:"interval between evaluations of the alert rules, seconds"`
}

// Layout is a named alternative sensor layout: the listed sensors with
// some removed, some changed (moved, re-aimed, re-tuned) and some added.
type Layout struct {
	Name        string         `yaml:"name" doc:"unique layout name (base is the listed sensors)"`
	Description string         `yaml:"description" opt:"true" doc:"what the layout changes and why, shown in cuasim compare's report.html"`
	Remove      []string       `yaml:"remove" opt:"true" doc:"ids of listed sensors this layout does without"`
	Change      []SensorChange `yaml:"change" opt:"true" doc:"listed sensors with some fields changed: sensor: ID and the fields to change, written as in sensors (position, mast_height_m, boresight_deg, pfa, ...)"`
	Add         []Sensor       `yaml:"add" opt:"true" doc:"sensors this layout adds, written as in sensors"`
}

// Site is the place being protected.
type Site struct {
	Name    string   `yaml:"name" doc:"human-readable site name"`
	Origin  *Origin  `yaml:"origin" doc:"geodetic position of the local frame's origin; needed only when positions are given as lat/lon, or with terrain"`
	Terrain *Terrain `yaml:"terrain" doc:"ground elevation from SRTM tiles, which masks line of sight for the sensors and coverage; absent means flat ground; needs origin"`
}

// Terrain is the ground's elevation, read from SRTM .hgt tiles. Heights are
// taken relative to the ground at site.origin (the site datum). A sensor's
// mast_height_m is then above the ground under the sensor, and an
// obstacle's height_m above the ground at the centre of its footprint's
// bounding box; every other altitude (drones, birds, zones' bands,
// coverage maps) stays metres above the datum, so that a drone flies the
// straight legs it is given whatever the ground below it.
type Terrain struct {
	HGT     []string `yaml:"hgt" doc:"paths of SRTM .hgt tiles (1 or 3 arc-second, named by their south-west corner as N51W001.hgt), relative to the scenario file"`
	RadiusM float64  `yaml:"radius_m" default:"20000" check:"[1000,100000]" why:"from a small site out to the horizon of a hilltop mast" doc:"the terrain is read over the square of this half-width about the origin; beyond it the ground is flat at the datum"`

	grid   *terrain.Grid // read from the tiles once the file is valid
	holes  int           // nodes of grid without data
	origin Origin        // the site origin grid is anchored at
}

// Origin anchors the local East-North-Up frame on the WGS84 ellipsoid.
type Origin struct {
	LatDeg float64 `yaml:"lat_deg" check:"[-90,90]" doc:"WGS84 latitude"`
	LonDeg float64 `yaml:"lon_deg" check:"[-180,180]" doc:"WGS84 longitude"`
	AltM   float64 `yaml:"alt_m" default:"0" check:"[-1000,9000]" why:"from below the Dead Sea shore to above Everest" doc:"height of the site's ground above the ellipsoid"`
}

// Zone is a protected area: a polygon or a circle, with an altitude band.
type Zone struct {
	Name      string  `yaml:"name" doc:"unique zone name"`
	Severity  string  `yaml:"severity" default:"high" enum:"low|medium|high|critical" doc:"how serious an entry is; alert rules use it"`
	Polygon   []Point `yaml:"polygon" opt:"true" doc:"corners in order (at least 3); give polygon or circle"`
	Circle    *Circle `yaml:"circle" doc:"a circular zone; give polygon or circle"`
	AltitudeM *Band   `yaml:"altitude_m" doc:"altitude band the zone covers; absent means every altitude"`
	Follows   string  `yaml:"follows" opt:"true" doc:"name of a convoy the zone moves with (its protection bubble); its polygon or circle is then given about the convoy's centre, as if the centre were at [0, 0], and keeps its orientation"`
}

// Circle is a circle on the ground.
type Circle struct {
	Center  Point   `yaml:"center" doc:"centre"`
	RadiusM float64 `yaml:"radius_m" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" doc:"radius"`
}

// Band is an interval [Min, Max]; its unit is in the name of the field that holds it.
type Band struct {
	Min float64 `yaml:"min" doc:"lower end"`
	Max float64 `yaml:"max" doc:"upper end (>= min)"`
}

// Bearings is a sector of compass bearings from Min clockwise to Max, in
// degrees; Min > Max wraps through north (e.g. 300 to 60).
type Bearings struct {
	Min float64 `yaml:"min" check:"[0,360]" doc:"first bearing, degrees"`
	Max float64 `yaml:"max" check:"[0,360]" doc:"last bearing clockwise from min, degrees"`
}

// Obstacle is a building or other blocker: a prism over a polygon footprint.
type Obstacle struct {
	Name      string  `yaml:"name" doc:"unique obstacle name"`
	Footprint []Point `yaml:"footprint" doc:"corners in order (at least 3)"`
	HeightM   float64 `yaml:"height_m" check:"(0,1000]" why:"higher than any building" warn:"(0,600]" src:"only a handful of structures in the world are taller than 600 m" doc:"height above ground"`
}

// Road is a road on the site: a line of points from one end to the other
// that convoys drive along.
type Road struct {
	Name   string  `yaml:"name" doc:"unique road name"`
	Points []Point `yaml:"points" doc:"the road's centre line, from one end to the other (at least 2 points, each different from the one before)"`
	WidthM float64 `yaml:"width_m" default:"10" check:"(0,1000]" why:"wider than any road" warn:"[3,100]" src:"a traffic lane is about 3.5 m wide; a dual carriageway with shoulders 25-40 m" doc:"width, for drawing"`
}

// Convoy is a column of vehicles driving along a road on a schedule, known
// in advance to those who protect it: it waits at its start until
// depart_s, drives at speed_mps, and stops at the road's end. The
// vehicles are not radar targets (counter-drone radars reject ground
// traffic); the convoy is an asset to protect, which zones and shadow
// traffic may follow. Its position is its centre: the point of the road
// midway between its first and last vehicles.
type Convoy struct {
	Name     string  `yaml:"name" doc:"unique convoy name"`
	Road     string  `yaml:"road" doc:"name of the road it drives along"`
	Vehicles int     `yaml:"vehicles" default:"1" check:"[1,1000]" doc:"vehicles in the column"`
	SpacingM float64 `yaml:"spacing_m" default:"50" check:"(0,10000]" why:"ten kilometres apart they are not a convoy" warn:"[10,500]" src:"vehicles in a column keep tens of metres apart, more on open roads (a gap of 2-3 s at speed)" doc:"distance along the road between successive vehicles"`
	DepartS  float64 `yaml:"depart_s" default:"0" check:"[0,inf)" doc:"time the convoy sets off; before it, it waits at the start of the road"`
	SpeedMPS float64 `yaml:"speed_mps" check:"(0,100]" why:"faster than any road vehicle" warn:"[1,25]" src:"EU Directive 92/6/EEC limits heavy goods vehicles to 90 km/h (25 m/s); loaded tankers on damaged roads drive far slower" doc:"driving speed"`
	Reverse  bool    `yaml:"reverse" default:"false" doc:"drive from the road's last point to its first"`
}

// UAVType is a generic class of small drone.
type UAVType struct {
	Use          string   `yaml:"use" opt:"true" doc:"name of a class of the UAV class library (see [UAV classes](#uav-classes)): the type takes the class's fields, and those given beside use replace them"`
	Name         string   `yaml:"name" doc:"unique type name that traffic refers to; with use, the class's name unless given"`
	Description  string   `yaml:"description" opt:"true" doc:"free text"`
	SizeM        float64  `yaml:"size_m" opt:"true" check:"(0,100]" why:"larger than any drone" warn:"(0,10]" src:"small drones span 0.2-1 m across their rotors (DJI specification sheets), small fixed-wing drones 1-4 m" doc:"largest dimension (rotor tip to rotor tip, or wingspan); group members closer than twice this are warned of"`
	RCS          RCS      `yaml:"rcs" doc:"radar cross-section"`
	CruiseMPS    float64  `yaml:"cruise_speed_mps" check:"(0,340]" why:"340 m/s is the speed of sound" warn:"[1,50]" src:"small drones fly at 5-25 m/s, FPV quadcopters up to about 27 m/s (DJI specification sheets), small fixed-wing drones at 15-35 m/s" doc:"usual airspeed"`
	MaxMPS       float64  `yaml:"max_speed_mps" check:"(0,340]" why:"340 m/s is the speed of sound" warn:"[1,50]" src:"small drones fly at 5-25 m/s, FPV quadcopters up to about 27 m/s (DJI specification sheets), small fixed-wing drones at 15-35 m/s" doc:"top speed (>= cruise_speed_mps)"`
	TurnRateDegS float64  `yaml:"turn_rate_deg_s" default:"90" check:"(0,3600]" why:"ten turns a second" doc:"largest heading change per second"`
	ClimbMPS     float64  `yaml:"climb_rate_mps" default:"5" check:"(0,100]" why:"faster than any drone climbs" warn:"(0,25]" src:"consumer quadcopters climb at 5-8 m/s (DJI specification sheets); racing quadcopters about 20 m/s" doc:"largest climb or descent rate"`
	AccelMPS2    float64  `yaml:"accel_mps2" default:"3" check:"(0,100]" why:"about 10 g" warn:"(0,30]" src:"about 3 g is the most a racing quadcopter sustains" doc:"largest change of speed per second"`
	RFLinks      []RFLink `yaml:"rf_links" opt:"true" doc:"what the drone emits (control, telemetry, video); give rf_links or rf_silent: true"`
	RFSilent     bool     `yaml:"rf_silent" default:"false" doc:"an autonomous drone that emits nothing; RF sensors never detect it"`
	EnduranceS   float64  `yaml:"endurance_s" opt:"true" check:"(0,604800]" why:"a week, the longest run" warn:"(0,86400]" src:"quadcopters fly 20-55 min, small fixed-wing drones 1-3 h, long-endurance fixed-wing drones up to a day (manufacturers' sheets)" doc:"longest flight on one battery or tank; traffic that keeps a drone of this type up longer is warned of"`
}

// RCS is a drone's radar cross-section: a mean and a Swerling fluctuation model.
type RCS struct {
	MeanM2   float64 `yaml:"mean_m2" check:"(0,100]" why:"100 m² (+20 dBsm) is a large aircraft" warn:"[0.0001,1]" src:"small quadcopters are about 0.01 m² (-20 dBsm) at X-band, -20 to -10 dBsm (UPM RAD-DAR measurements, AERIS model); five DJI-class drones -19 to -8 dBsm at 24 GHz; 1 m² is a large fixed-wing drone" doc:"mean radar cross-section"`
	Swerling int     `yaml:"swerling" default:"1" check:"[0,4]" doc:"fluctuation model 0 (steady) to 4"`
}

// RFLink is one radio link a drone emits on.
type RFLink struct {
	Name        string  `yaml:"name" doc:"link name (control, video, ...)"`
	FrequencyHz float64 `yaml:"frequency_hz" check:"[1e6,300e9]" why:"the propagation models hold from 1 MHz to 300 GHz, where the atmosphere starts to absorb" warn:"[300e6,6e9]" src:"drone control, telemetry and video links use 433, 868 and 915 MHz and the 2.4 and 5.8 GHz ISM bands" doc:"centre frequency"`
	EIRPdBm     float64 `yaml:"eirp_dbm" check:"[-30,60]" why:"60 dBm is 1 kW radiated" warn:"[0,36]" src:"drone links radiate about 19-20 dBm, up to about 30 dBm (CRFS notes); 36 dBm is the FCC limit for 2.4 GHz point-to-multipoint links" doc:"effective isotropic radiated power"`
	BandwidthHz float64 `yaml:"bandwidth_hz" check:"(0,1e9]" why:"wider than any band a drone link uses" warn:"[1e4,4e7]" src:"OFDM video links occupy 10-20 MHz (DJI OcuSync), control links about 1 MHz, LoRa telemetry 125-500 kHz" doc:"occupied bandwidth; also the receiver's noise bandwidth"`
	DutyCycle   float64 `yaml:"duty_cycle" default:"1" check:"(0,1]" doc:"fraction of time the link transmits"`
}

// Birds is a population of bird flocks wandering over an area.
type Birds struct {
	Name         string  `yaml:"name" doc:"unique name"`
	Area         Circle  `yaml:"area" doc:"where the flocks wander; they are steered back when they stray outside"`
	Flocks       int     `yaml:"flocks" default:"0" check:"[0,10000]" doc:"flocks present from the start of the run"`
	SpawnPerH    float64 `yaml:"spawn_rate_per_h" default:"0" check:"[0,inf)" doc:"further flocks arriving per hour (Poisson), each staying dwell_s"`
	DwellS       float64 `yaml:"dwell_s" default:"600" check:"(0,inf)" doc:"mean time an arriving flock stays (exponential)"`
	FlockSize    int     `yaml:"flock_size" default:"1" check:"[1,1000]" doc:"birds per flock; each bird is a separate radar target"`
	SpreadM      float64 `yaml:"flock_spread_m" default:"15" check:"[0,10000]" why:"flocks are not spread over more than kilometres" warn:"[0,500]" src:"a flock of birds flies within tens of metres of its centre" doc:"standard deviation of a bird's offset from its flock centre"`
	RCS          BirdRCS `yaml:"rcs" doc:"per-bird radar cross-section, log-normal across birds"`
	SpeedMPS     float64 `yaml:"speed_mps" default:"10" check:"(0,100]" why:"a diving peregrine falcon reaches about 90 m/s" warn:"[2,30]" src:"gulls, pigeons and crows fly at 8-20 m/s, swifts at about 30 m/s (radar ornithology literature)" doc:"mean flight speed"`
	SpeedStdMPS  float64 `yaml:"speed_std_mps" default:"2" check:"[0,50]" why:"as speed_mps" doc:"standard deviation of speed about the mean"`
	AltitudeM    float64 `yaml:"altitude_m" default:"40" check:"(0,10000]" why:"above the highest migrating birds" warn:"(0,3000]" src:"most bird strikes happen below 1000 m; migrating birds reach 3-5 km" doc:"mean altitude"`
	AltStdM      float64 `yaml:"altitude_std_m" default:"15" check:"[0,5000]" why:"as altitude_m" doc:"standard deviation of altitude about the mean"`
	TurnStdDegS  float64 `yaml:"turn_std_deg_s" default:"15" check:"[0,3600]" why:"ten turns a second" doc:"standard deviation of the random turn rate"`
	CorrelationS float64 `yaml:"correlation_s" default:"20" check:"(0,86400]" why:"a day" doc:"time constant of the random speed, altitude and turn processes"`
}

// BirdRCS is a log-normal distribution of radar cross-section across birds.
type BirdRCS struct {
	MedianM2 float64 `yaml:"median_m2" check:"(0,10]" why:"no bird has a 10 m² echo" warn:"[0.0001,0.1]" src:"small birds are -30 to -20 dBsm, large ones up to -10 dBsm (0.1 m²), log-normal (radar ornithology literature)" doc:"median radar cross-section"`
	SpreadDB float64 `yaml:"spread_db" default:"3" check:"[0,30]" why:"three decades either way" warn:"[0,10]" src:"the birds of one kind differ by a few dB" doc:"standard deviation of 10·log10(RCS) across birds"`
	Swerling int     `yaml:"swerling" default:"2" check:"[0,4]" doc:"fluctuation model of each bird (wing beats fluctuate fast: 2)"`
}

// Traffic is one source of drones: a scripted flight or a random generator.
type Traffic struct {
	Name    string   `yaml:"name" doc:"unique name; generated drones are named NAME-1, NAME-2, ..., the members of a group NAME.1, NAME.2, ... (a flight) or NAME-1.1, NAME-1.2, ... (a generator)"`
	Kind    string   `yaml:"kind" disc:"true" enum:"flight|inbound|transit|loiter|shadow" doc:"flight: scripted legs; inbound: from random bearings toward a target; transit: straight crossings of an area; loiter: fly in, orbit near an asset, fly out; shadow: fly in, orbit a convoy as it drives, fly out"`
	Type    string   `yaml:"type" doc:"name of a uav_types entry"`
	Group   *Group   `yaml:"group" doc:"makes the flight, or each arrival of a generator, a group of drones flying together; absent, one drone"`
	Flight  *Flight  `variant:"flight"`
	Inbound *Inbound `variant:"inbound"`
	Transit *Transit `variant:"transit"`
	Loiter  *Loiter  `variant:"loiter"`
	Shadow  *Shadow  `variant:"shadow"`
}

// Group makes one flight, or each arrival of a random generator, a group
// of drones that set off together and fly the same path, each shifted by
// its place in a formation: the group's path is the one the entry
// describes, and member k flies it shifted by its place, starting
// k·stagger_s later. The places are laid out across and along the
// group's course (from where it appears toward its first waypoint or
// orbit), and each member's place is shifted once more by a random jitter.
type Group struct {
	Size      int     `yaml:"size" check:"[2,1000]" doc:"drones in the group"`
	Formation string  `yaml:"formation" default:"vee" enum:"line|column|vee|random" doc:"line: abreast, across the course; column: one behind the other; vee: the first member ahead and the others on two wings 45° back; random: at random in a disc of radius spacing_m·√size, no two closer than spacing_m"`
	SpacingM  float64 `yaml:"spacing_m" check:"(0,10000]" why:"ten kilometres apart they are not a group" warn:"[2,500]" src:"multirotors fly no closer than a few rotor spans (drone light shows keep 1.5-3 m between drones); hundreds of metres apart they are separate arrivals" doc:"distance between neighbours in a line, column or wing of the vee; with random, the least distance between two members"`
	JitterM   float64 `yaml:"jitter_m" default:"0" check:"[0,1000]" doc:"standard deviation of each member's random shift from its place, east and north, drawn once per member"`
	StaggerS  float64 `yaml:"stagger_s" default:"0" check:"[0,3600]" why:"an hour" doc:"delay between the starts of successive members; with 0 they set off together"`
}

// Flight is a scripted flight: a start and a list of legs flown in order.
// The drone appears at start_s and disappears after its last leg.
type Flight struct {
	StartS   float64 `yaml:"start_s" default:"0" check:"[0,inf)" doc:"time the drone appears"`
	From     Point   `yaml:"from" doc:"where it appears"`
	FromAltM float64 `yaml:"from_alt_m" check:"[0,20000]" why:"above any drone's ceiling" warn:"[0,1000]" src:"small drones fly 10-150 m above ground (common regulation ceilings)" doc:"altitude where it appears"`
	Legs     []Leg   `yaml:"legs" doc:"what it does, in order"`
}

// Leg is one part of a scripted flight: exactly one of goto, orbit and hover.
type Leg struct {
	Goto  *GotoLeg  `yaml:"goto" doc:"fly to a point"`
	Orbit *OrbitLeg `yaml:"orbit" doc:"circle a point"`
	Hover *HoverLeg `yaml:"hover" doc:"hold position"`
}

// GotoLeg flies to a waypoint within the type's turn, climb and speed limits.
type GotoLeg struct {
	To       Point   `yaml:"to" doc:"waypoint"`
	AltM     float64 `yaml:"alt_m" check:"[0,20000]" why:"above any drone's ceiling" warn:"[0,1000]" src:"small drones fly 10-150 m above ground (common regulation ceilings)" doc:"altitude to reach"`
	SpeedMPS float64 `yaml:"speed_mps" opt:"true" check:"(0,340]" why:"340 m/s is the speed of sound" doc:"speed on this leg; default the type's cruise speed"`
}

// OrbitLeg circles a centre point.
type OrbitLeg struct {
	Center    Point   `yaml:"center" doc:"orbit centre"`
	RadiusM   float64 `yaml:"radius_m" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" doc:"orbit radius"`
	AltM      float64 `yaml:"alt_m" check:"[0,20000]" why:"above any drone's ceiling" warn:"[0,1000]" src:"small drones fly 10-150 m above ground (common regulation ceilings)" doc:"orbit altitude"`
	SpeedMPS  float64 `yaml:"speed_mps" opt:"true" check:"(0,340]" why:"340 m/s is the speed of sound" doc:"speed; default the type's cruise speed"`
	DurationS float64 `yaml:"duration_s" check:"(0,inf)" doc:"time spent on the orbit, counted from reaching it"`
	Direction string  `yaml:"direction" default:"cw" enum:"cw|ccw" doc:"clockwise or counter-clockwise seen from above"`
}

// HoverLeg holds position.
type HoverLeg struct {
	DurationS float64 `yaml:"duration_s" check:"(0,inf)" doc:"time spent hovering"`
}

// Window is when a random generator is active, and how many drones it makes:
// a Poisson rate or an exact count spread uniformly over the window.
type Window struct {
	RatePerH float64 `yaml:"rate_per_h" opt:"true" check:"(0,inf)" doc:"mean arrivals per hour (Poisson); give rate_per_h or count"`
	Count    int     `yaml:"count" opt:"true" check:"[1,100000]" doc:"exact number of arrivals, at uniformly random times; give rate_per_h or count"`
	StartS   float64 `yaml:"start_s" default:"0" check:"[0,inf)" doc:"window start"`
	EndS     float64 `yaml:"end_s" opt:"true" check:"(0,inf)" doc:"window end; default the end of the run"`
}

// Target is where inbound or loitering drones go: a zone's centre or a point.
type Target struct {
	Zone  string `yaml:"toward_zone" opt:"true" doc:"name of a zone whose centre is the target; give toward_zone or toward"`
	Point *Point `yaml:"toward" doc:"a target point; give toward_zone or toward"`
}

// Inbound generates drones arriving from random bearings, flying straight at
// a target, optionally orbiting it, then flying out along the same bearing.
type Inbound struct {
	Window        `yaml:",inline"`
	Target        `yaml:",inline"`
	StartRangeM   float64   `yaml:"start_range_m" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" doc:"distance from the target where drones appear"`
	BearingDeg    *Bearings `yaml:"bearing_deg" doc:"bearings (from the target) drones come from, drawn uniformly; default all round"`
	AltM          Band      `yaml:"alt_m" doc:"altitude, drawn uniformly"`
	SpeedMPS      *Band     `yaml:"speed_mps" doc:"speed, drawn uniformly; default the type's cruise speed"`
	LoiterS       float64   `yaml:"loiter_s" default:"0" check:"[0,inf)" doc:"time spent orbiting the target before leaving; 0 flies straight over it"`
	LoiterRadiusM float64   `yaml:"loiter_radius_m" default:"150" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" doc:"orbit radius when loiter_s > 0"`
}

// Transit generates drones crossing a circular area along random chords.
type Transit struct {
	Window   `yaml:",inline"`
	Area     Circle `yaml:"area" doc:"the circle crossed: drones enter and leave at random points on it"`
	AltM     Band   `yaml:"alt_m" doc:"altitude, drawn uniformly"`
	SpeedMPS *Band  `yaml:"speed_mps" doc:"speed, drawn uniformly; default the type's cruise speed"`
}

// Loiter generates drones that fly in from a distance, orbit near an asset
// for a while, and fly out.
type Loiter struct {
	Window       `yaml:",inline"`
	Target       `yaml:",inline"`
	StartRangeM  float64 `yaml:"start_range_m" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" doc:"distance from the target where drones appear"`
	StandoffM    Band    `yaml:"standoff_m" doc:"distance of the orbit centre from the target, drawn uniformly"`
	OrbitRadiusM Band    `yaml:"orbit_radius_m" doc:"orbit radius, drawn uniformly"`
	DurationS    Band    `yaml:"duration_s" doc:"time on the orbit, drawn uniformly"`
	AltM         Band    `yaml:"alt_m" doc:"altitude, drawn uniformly"`
	SpeedMPS     *Band   `yaml:"speed_mps" doc:"speed, drawn uniformly; default the type's cruise speed"`
}

// Shadow generates drones that watch a convoy: each appears start_range_m
// from the convoy's centre, flies onto an orbit about it and holds the
// orbit as the convoy drives (the orbit's centre follows the convoy's
// schedule), then flies back to where it appeared, at its cruise speed or
// faster. Its speed on the orbit is relative to the convoy, so its ground
// speed is up to the sum of the two.
type Shadow struct {
	Window       `yaml:",inline"`
	Convoy       string  `yaml:"convoy" doc:"name of the convoy watched"`
	StartRangeM  float64 `yaml:"start_range_m" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" doc:"distance from the convoy's centre where drones appear"`
	OrbitRadiusM Band    `yaml:"orbit_radius_m" doc:"orbit radius about the convoy's centre, drawn uniformly"`
	DurationS    Band    `yaml:"duration_s" doc:"time on the orbit, drawn uniformly"`
	AltM         Band    `yaml:"alt_m" doc:"altitude, drawn uniformly"`
	SpeedMPS     *Band   `yaml:"speed_mps" doc:"speed relative to the convoy, drawn uniformly; default the type's cruise speed; with the convoy's speed it must not pass the type's max_speed_mps"`
}

// Sensor is a radar or passive RF detector on a mast.
type Sensor struct {
	ID           string  `yaml:"id" doc:"unique sensor id"`
	Type         string  `yaml:"type" disc:"true" enum:"radar|rf" doc:"radar or rf (passive RF detector)"`
	Position     Point   `yaml:"position" doc:"where the mast stands"`
	MastHeightM  float64 `yaml:"mast_height_m" check:"[0,1000]" why:"higher than any tower" warn:"[0,300]" src:"counter-drone sensors stand on 3-30 m masts or on buildings and towers" doc:"antenna height above ground"`
	BoresightDeg float64 `yaml:"boresight_deg" default:"0" check:"[0,360)" doc:"centre of the azimuth field of view"`
	Radar        *Radar  `variant:"radar"`
	RF           *RF     `variant:"rf"`
}

// Radar is a radar's parameters: physical (equation) or calibrated (reference).
type Radar struct {
	FrequencyHz       float64         `yaml:"frequency_hz" check:"[1e6,300e9]" why:"radar bands run from HF to the top of EHF, 300 GHz (IEEE Std 521)" warn:"[1e9,100e9]" src:"counter-drone radars work from L to W band, mostly X (8-12 GHz), Ku and K (24 GHz) (Robin, Echodyne and UPM sheets)" doc:"carrier frequency"`
	Equation          *RadarEquation  `yaml:"equation" doc:"physical parameters for the radar equation; give equation or reference"`
	Reference         *RadarReference `yaml:"reference" doc:"calibration by a reference detection; give equation or reference"`
	Pfa               float64         `yaml:"pfa" default:"1e-6" check:"(0,0.1]" warn:"[1e-10,1e-3]" src:"radars are set to 1e-8 to 1e-4 per cell, typically 1e-6; Albersheim's equation covers 1e-7 to 1e-3" doc:"false-alarm probability per resolution cell and dwell"`
	Pulses            int             `yaml:"pulses" default:"1" check:"[1,100000]" doc:"pulses integrated noncoherently per dwell"`
	Scan              Scan            `yaml:"scan" doc:"how the beam revisits targets"`
	RangeM            Band            `yaml:"range_m" doc:"instrumented range: no detections or false alarms outside"`
	ElevationDeg      *Band           `yaml:"elevation_deg" doc:"elevation coverage; default -2 to 60"`
	BeamwidthDeg      Beamwidth       `yaml:"beamwidth_deg" default:"{}" doc:"beamwidths, the angular resolution"`
	RangeResM         float64         `yaml:"range_resolution_m" opt:"true" check:"(0,100000]" why:"coarser than any radar's whole range" warn:"[0.1,1000]" src:"small-drone radars resolve 0.5-15 m (100 MHz to 10 MHz of bandwidth)" doc:"range resolution; default c/(2·bandwidth) with equation, required with reference"`
	VelocityResMPS    float64         `yaml:"velocity_resolution_mps" opt:"true" check:"(0,1000]" why:"coarser than any target's speed" warn:"(0,10]" src:"Doppler radars resolve 0.1-1 m/s" doc:"radial-velocity resolution; when set the radar measures radial velocity"`
	MeasuresElevation bool            `yaml:"measures_elevation" default:"true" doc:"false for a 2-D radar that reports range and azimuth only"`
	MergeUnresolved   bool            `yaml:"merge_unresolved" default:"false" doc:"true: targets detected in one look within one resolution cell (range resolution, azimuth beamwidth and, with velocity_resolution_mps, radial velocity) give one plot, the strongest's, as a radar's plot extractor does; false: each target its own plot"`
	Bias              BiasFraction    `yaml:"bias_fraction" default:"{}" doc:"noise floor as a fraction of the resolution, reached at high SNR"`
	MicroDoppler      *MicroDoppler   `yaml:"micro_doppler" doc:"a micro-Doppler classifier that labels each plot drone or bird; absent, plots carry no class"`
}

// MicroDoppler is a radar's micro-Doppler classifier, described by its
// confusion matrix: for each kind of plot (a drone's, a bird's, a false
// alarm's), the probability that it is labelled drone (else bird). Each
// plot is labelled independently. Published classifiers reach about 90-96 %
// accuracy on drones against birds (Narayanan et al., Signals 4, 2023).
type MicroDoppler struct {
	MinSNRdB          float64 `yaml:"min_snr_db" default:"15" check:"[-20,100]" doc:"integrated SNR below which a plot is not labelled"`
	DroneAsDrone      float64 `yaml:"drone_as_drone" default:"0.9" check:"[0,1]" doc:"probability that a drone's plot is labelled drone"`
	BirdAsBird        float64 `yaml:"bird_as_bird" default:"0.92" check:"[0,1]" doc:"probability that a bird's plot is labelled bird"`
	FalseAlarmAsDrone float64 `yaml:"false_alarm_as_drone" default:"0.5" check:"[0,1]" doc:"probability that a false alarm is labelled drone"`
}

// RadarEquation holds the physical parameters of the radar equation.
type RadarEquation struct {
	PeakPowerW    float64 `yaml:"peak_power_w" check:"(0,10e6]" why:"10 MW: the largest radars there are" warn:"[1e-3,1e5]" src:"FMCW counter-drone radars transmit about 1 W, solid-state X-band radars 10-500 W peak, magnetron marine radars up to 25 kW" doc:"transmitted peak power"`
	GainDB        float64 `yaml:"antenna_gain_db" check:"[-10,80]" warn:"[0,50]" src:"small-drone radar antennas have 20-40 dBi" doc:"antenna gain (transmit = receive)"`
	BandwidthHz   float64 `yaml:"bandwidth_hz" check:"(0,10e9]" why:"wider than any radar's" warn:"[1e4,2e9]" src:"small-drone radars use 10-150 MHz, short-range imaging radars up to 2 GHz" doc:"receiver noise bandwidth"`
	NoiseFigureDB float64 `yaml:"noise_figure_db" check:"[0,40]" warn:"[0,15]" src:"radar receivers have noise figures of 2-8 dB" doc:"receiver noise figure"`
	LossesDB      float64 `yaml:"losses_db" default:"0" check:"[0,60]" warn:"[0,20]" src:"system losses of 3-10 dB are usual" doc:"system losses"`
}

// RadarReference calibrates a radar by one detection performance point, as
// MATLAB's radarDataGenerator does: probability pd at range_m for rcs_m2,
// stated at false-alarm probability pfa. The point fixes the receiver's
// single-pulse SNR at the reference range (the hardware); the radar's own
// pfa then sets the threshold on it, so that a radar run at another pfa
// than its reference's trades detection against false alarms along the
// detection curve.
//
// Pfa is never zero once loaded: left out of the file, it is the radar's
// pfa as written in the file, and a --set or --sweep of the radar's pfa
// (Scenario.With) leaves it there.
type RadarReference struct {
	RangeM   float64 `yaml:"range_m" check:"(0,200000]" why:"the site is a flat plane: 200 km out the earth curves 3 km below it" warn:"[100,100000]" src:"small-drone radars are specified at hundreds of metres to several kilometres (Robin, Echodyne and UPM sheets); under 100 m the range was probably written in km" doc:"reference range"`
	RCSM2    float64 `yaml:"rcs_m2" check:"(0,10000]" why:"a ship" doc:"reference radar cross-section"`
	Pd       float64 `yaml:"pd" check:"(0,1)" doc:"probability of detection per dwell at the reference point (> the reference's pfa)"`
	Swerling int     `yaml:"swerling" default:"1" check:"[0,4]" doc:"fluctuation model assumed for the reference target"`
	Pfa      float64 `yaml:"pfa" opt:"true" check:"(0,0.1]" warn:"[1e-10,1e-3]" src:"radars are set to 1e-8 to 1e-4 per cell, typically 1e-6; Albersheim's equation covers 1e-7 to 1e-3" doc:"false-alarm probability at which pd is stated; default the radar's pfa as written in the file, which a --set or --sweep of pfa leaves in place. The reference fixes the receiver's SNR, so a radar run at a higher pfa detects more, at a lower one less"`
}

// Beamwidth is a radar's two beamwidths.
type Beamwidth struct {
	Azimuth   float64 `yaml:"azimuth" default:"2" check:"(0,360]" doc:"azimuth beamwidth, degrees"`
	Elevation float64 `yaml:"elevation" default:"10" check:"(0,180]" doc:"elevation beamwidth, degrees"`
}

// BiasFraction sets each measurement's noise floor as a fraction of its resolution.
type BiasFraction struct {
	Range    float64 `yaml:"range" default:"0.05" check:"[0,1]" doc:"range"`
	Angle    float64 `yaml:"angle" default:"0.1" check:"[0,1]" doc:"azimuth and elevation"`
	Velocity float64 `yaml:"velocity" default:"0.05" check:"[0,1]" doc:"radial velocity"`
}

// Scan is how a radar's beam revisits targets.
type Scan struct {
	Mode     string    `yaml:"mode" disc:"true" enum:"rotating|sector|staring" doc:"rotating: 360° at a fixed period; sector: sweeps back and forth across width_deg; staring: sees its whole field of view every update"`
	Rotating *Rotating `variant:"rotating"`
	Sector   *Sector   `variant:"sector"`
	Staring  *Staring  `variant:"staring"`
}

// Rotating is a radar turning through 360° at a fixed period.
type Rotating struct {
	PeriodS float64 `yaml:"period_s" check:"(0,3600]" doc:"time for one revolution"`
}

// Sector is a radar sweeping back and forth across a sector centred on its boresight.
type Sector struct {
	PeriodS  float64 `yaml:"period_s" check:"(0,3600]" doc:"time for one sweep across the sector (one way)"`
	WidthDeg float64 `yaml:"width_deg" check:"(0,360)" doc:"sector width"`
}

// Staring is a radar that sees its whole field of view at every update
// (electronically scanned or a set of fixed beams).
type Staring struct {
	UpdateHz float64 `yaml:"update_rate_hz" check:"(0,1000]" doc:"updates per second"`
	WidthDeg float64 `yaml:"width_deg" check:"(0,360]" doc:"azimuth field of view"`
}

// RF is a passive RF detector's parameters.
type RF struct {
	Bands             []FreqBand  `yaml:"bands" doc:"frequency bands monitored"`
	AntennaGainDB     float64     `yaml:"antenna_gain_db" default:"0" check:"[-20,40]" warn:"[-10,20]" src:"direction-finding antennas have 0-15 dBi" doc:"receive antenna gain"`
	NoiseFigureDB     float64     `yaml:"noise_figure_db" check:"[0,40]" warn:"[0,15]" src:"RF detector receivers have noise figures of 3-10 dB; their sensitivity is -100 to -80 dBm (CRFS notes)" doc:"receiver noise figure"`
	ThresholdSNRdB    float64     `yaml:"threshold_snr_db" check:"[-20,60]" warn:"[0,25]" src:"RF detectors alert on a signal 3-5 dB above the background mask (Anritsu AeroShield), decoders need 5-20 dB" doc:"SNR a link must reach to be detected"`
	UpdateS           float64     `yaml:"update_period_s" default:"1" check:"(0,3600]" doc:"time between reports"`
	WidthDeg          float64     `yaml:"width_deg" default:"360" check:"(0,360]" doc:"azimuth field of view"`
	ElevationDeg      *Band       `yaml:"elevation_deg" doc:"elevation coverage; default -10 to 90"`
	Bearing           AngleNoise  `yaml:"bearing_std_deg" default:"{}" doc:"bearing noise"`
	MeasuresElevation bool        `yaml:"measures_elevation" default:"false" doc:"also report elevation, with the same noise model as bearing"`
	Propagation       Propagation `yaml:"propagation" default:"{}" doc:"path-loss model"`
	FalseAlarmsPerH   float64     `yaml:"false_alarm_rate_per_h" default:"0" check:"[0,inf)" doc:"background false reports (Wi-Fi and the like) per hour, at random bearings"`
}

// FreqBand is a band of frequencies.
type FreqBand struct {
	MinHz float64 `yaml:"min_hz" check:"[1e6,300e9]" why:"the propagation models hold from 1 MHz to 300 GHz" warn:"[30e6,8e9]" src:"RF detectors monitor 70 MHz to 6 GHz, where drone links are" doc:"lower edge"`
	MaxHz float64 `yaml:"max_hz" check:"[1e6,300e9]" why:"the propagation models hold from 1 MHz to 300 GHz" warn:"[30e6,8e9]" src:"RF detectors monitor 70 MHz to 6 GHz, where drone links are" doc:"upper edge (> min_hz)"`
}

// AngleNoise is the standard deviation of an angle measurement: a floor at
// high SNR and a larger value at the detection threshold; in between it
// falls as 1/√SNR.
type AngleNoise struct {
	Floor       float64 `yaml:"floor" default:"2" check:"[0,180]" warn:"[0,20]" src:"compact RF direction finders measure bearings to 1-5° rms (vendor sheets)" doc:"standard deviation at high SNR, degrees"`
	AtThreshold float64 `yaml:"at_threshold" default:"8" check:"[0,180]" warn:"[0,45]" src:"compact RF direction finders measure bearings to 1-5° rms, a few times worse near their threshold (vendor sheets)" doc:"standard deviation at the threshold SNR, degrees (>= floor)"`
}

// Propagation is a path-loss model, optionally with time-correlated
// log-normal shadowing.
type Propagation struct {
	Model       string       `yaml:"model" disc:"true" default:"free_space" enum:"free_space|two_ray|log_distance" doc:"free_space: Friis; two_ray: ground reflection beyond the crossover distance; log_distance: exponent beyond a reference distance"`
	LogDistance *LogDistance `variant:"log_distance"`
	ShadowingDB float64      `yaml:"shadowing_std_db" default:"0" check:"[0,30]" warn:"[0,12]" src:"log-normal shadowing has σ of 4-12 dB (Rappaport, Wireless Communications, §4.9)" doc:"standard deviation of log-normal shadowing"`
	DecorrM     float64      `yaml:"decorrelation_m" default:"50" check:"(0,100000]" why:"longer than any path" warn:"[1,1000]" src:"shadowing decorrelates over 20-500 m (Gudmundson, Electronics Letters 27(23), 1991)" doc:"distance over which shadowing decorrelates (Gudmundson)"`
}

// LogDistance is the log-distance path-loss model's parameters.
type LogDistance struct {
	Exponent float64 `yaml:"exponent" check:"[1,8]" warn:"[1.6,6]" src:"path-loss exponents are 2 in free space, 2.7-3.5 in cities, 4-6 when obstructed (Rappaport, Table 4.2)" doc:"path-loss exponent (2 is free space)"`
	RefM     float64 `yaml:"reference_distance_m" default:"1" check:"(0,100000]" why:"longer than any path" doc:"distance up to which free-space loss applies"`
}

// Tracker is the multi-sensor tracker's settings (package track reads them):
// its motion models and filter, the measurement gate, data association, and
// when tracks are confirmed and deleted. Every field has a default, so the
// whole section may be left out.
type Tracker struct {
	// Filter is the state estimator: "imm" (an interacting multiple model of
	// a nearly-constant-velocity and a near-hover model) or "cv" (the
	// nearly-constant-velocity Kalman filter alone).
	Filter string `yaml:"filter" default:"imm" enum:"imm|cv" doc:"imm: interacting multiple model of a nearly-constant-velocity and a near-hover model; cv: nearly-constant-velocity Kalman filter only"`
	// CVAccelPSD is the power spectral density of the white-noise
	// acceleration of the constant-velocity model, m²/s³.
	CVAccelPSD float64 `yaml:"cv_accel_psd_m2_s3" default:"4" check:"(0,inf)" doc:"power spectral density of the white-noise acceleration of the constant-velocity model, m²/s³"`
	// HoverAccelPSD is the same for the near-hover model, m²/s³. With
	// HoverVelocityTauS it makes the hovering drone's velocity a jitter
	// that decorrelates in tau, so that its position wanders by about
	// √(q·τ²) metres per √second: 1 m with the defaults.
	HoverAccelPSD float64 `yaml:"hover_accel_psd_m2_s3" default:"25" check:"(0,inf)" doc:"power spectral density of the white-noise acceleration of the near-hover model, m²/s³; with hover_velocity_tau_s its position wanders by √(q·τ²) m per √s (1 m with the defaults)"`
	// HoverVelocityTauS is the time constant with which the near-hover
	// model's velocity decays to zero, seconds.
	HoverVelocityTauS float64 `yaml:"hover_velocity_tau_s" default:"0.2" check:"(0,inf)" doc:"time constant with which the near-hover model's velocity decays to zero, seconds"`
	// IMMSwitchPerS is the probability per second of switching between the
	// IMM's models.
	IMMSwitchPerS float64 `yaml:"imm_switch_per_s" default:"0.01" check:"(0,1)" doc:"probability per second of switching between the IMM models (used with filter: imm)"`
	// GateProbability is the probability that a true measurement falls
	// inside the chi-square gate.
	GateProbability float64 `yaml:"gate_probability" default:"0.999" check:"[0.9,1)" doc:"probability that a true measurement falls inside the chi-square gate"`
	// Association is "gnn" (global nearest neighbour with optimal
	// assignment) or "jpda" (joint probabilistic data association).
	Association string `yaml:"association" default:"gnn" enum:"gnn|jpda" doc:"gnn: global nearest neighbour with optimal assignment, each track updated by at most one measurement; jpda: joint probabilistic data association, each track updated by all its gated measurements weighted by their association probabilities (components of more than 8 tracks or 10 000 joint events fall back to gnn)"`
	// ConfirmM and ConfirmN are the M-of-N confirmation rule: a tentative
	// track is confirmed after ConfirmM associations in its first ConfirmN
	// scans (ConfirmM <= ConfirmN <= 50).
	ConfirmM int `yaml:"confirm_m" default:"3" check:"[1,inf)" doc:"a tentative track is confirmed after updates in confirm_m of its first confirm_n one-second cycles (<= confirm_n)"`
	ConfirmN int `yaml:"confirm_n" default:"5" check:"[1,50]" doc:"the N of the M-of-N confirmation rule, in one-second cycles (>= confirm_m)"`
	// Confirmation is "m_of_n" (the rule above) or "existence": a score
	// rule, confirming a tentative track when its existence probability
	// (the integrated-PDA track score) reaches ConfirmExistence after at
	// least two hits, and deleting it when it falls under
	// DeleteExistence or stays tentative ConfirmN cycles. A confirmed
	// track whose existence falls under DeleteExistence is deleted under
	// either rule.
	Confirmation     string  `yaml:"confirmation" default:"m_of_n" enum:"m_of_n|existence" doc:"m_of_n: confirm_m hits in the first confirm_n cycles; existence: confirm when the track's existence probability reaches confirm_existence (after two hits at least), delete a tentative track when it falls under delete_existence or after confirm_n cycles"`
	ConfirmExistence float64 `yaml:"confirm_existence" default:"0.99" check:"(0,1)" doc:"with confirmation: existence, the existence probability at which a tentative track is confirmed"`
	DeleteExistence  float64 `yaml:"delete_existence" default:"0.01" check:"(0,1)" doc:"a confirmed track whose existence probability falls under this is deleted (reason unlikely), and with confirmation: existence a tentative one too (not confirmed)"`
	// DeleteMisses is how many consecutive scans without an association
	// delete a confirmed track.
	DeleteMisses int `yaml:"delete_misses" default:"6" check:"[1,inf)" doc:"a confirmed track is deleted after this many consecutive one-second cycles in which a sensor that had detected it looked and none updated it"`
	// DeletePositionStdM deletes a track whose horizontal RMS position
	// error (the square root of the east and north variances) exceeds it,
	// metres: the uncertainty the sensors can reduce, whether or not one
	// measures the altitude.
	DeletePositionStdM float64 `yaml:"delete_position_std_m" default:"1000" check:"(0,inf)" doc:"a track is deleted when its horizontal RMS position error (square root of the sum of the east and north variances) exceeds this, metres"`
	// AltitudeMeanM and AltitudeStdM are the tracker's prior over the
	// altitude of the objects it tracks (metres above the site's ground),
	// and VerticalSpeedStdMPS over their vertical speed: where no sensor
	// measures the altitude (a 2-D radar, RF bearings without elevation)
	// the track's altitude belief is kept within them instead of growing
	// without bound, and tracks started there start from them.
	AltitudeMeanM       float64 `yaml:"altitude_mean_m" default:"75" doc:"mean altitude of the tracked objects above the site's ground: where no sensor measures the altitude, tracks start there and their altitude belief is kept within altitude_std_m of it, metres"`
	AltitudeStdM        float64 `yaml:"altitude_std_m" default:"45" check:"(0,inf)" doc:"spread of the altitudes of the tracked objects (a band of 0-150 m has a standard deviation of 43 m), metres; bounds the altitude uncertainty of tracks whose altitude no sensor measures"`
	VerticalSpeedStdMPS float64 `yaml:"vertical_speed_std_mps" default:"5" check:"(0,inf)" doc:"spread of the vertical speeds of the tracked objects, m/s; bounds the vertical speed uncertainty of tracks whose altitude no sensor measures"`
	// InitVelocityStdMPS is the standard deviation of each velocity
	// component of a new track, m/s.
	InitVelocityStdMPS float64 `yaml:"init_velocity_std_mps" default:"25" check:"(0,inf)" doc:"standard deviation of each velocity component of a new track, m/s"`
	// AssumedPd is the detection probability the track score and existence
	// probability use.
	AssumedPd float64 `yaml:"assumed_pd" default:"0.8" check:"(0,1)" doc:"detection probability the track score and existence probability use"`
	// TriangulationWindowS is how close in time RF bearings from different
	// sensors on the same link must be to start a track by triangulation,
	// seconds.
	TriangulationWindowS float64 `yaml:"triangulation_window_s" default:"2" check:"(0,inf)" doc:"RF bearings from different sensors on the same link within this window may start a track by triangulation, seconds"`
	// DronePrior is the probability that a tracked object is a drone
	// rather than a bird before any evidence: near most sites birds are
	// many and drones few, and a track whose evidence is weak or mixed
	// should not be called a drone.
	DronePrior float64 `yaml:"drone_prior" default:"0.1" check:"(0,1)" doc:"probability that a tracked object is a drone rather than a bird before any evidence (micro-Doppler labels, RF emission, kinematics); birds outnumber drones near most sites"`
}

// Run is how long and how finely to simulate.
type Run struct {
	DurationS float64 `yaml:"duration_s" check:"(0,604800]" why:"a week; study longer periods as a series of runs with different seeds" doc:"simulated time"`
	StepS     float64 `yaml:"step_s" default:"0.1" check:"[0.001,10]" why:"the finest revisit the sensors model is a 1000 Hz staring radar; a smaller step only multiplies the work" doc:"time step"`
	Seed      uint64  `yaml:"seed" default:"1" doc:"master random seed: one seed fixes a run bit for bit"`
	RecordS   float64 `yaml:"record_interval_s" default:"1" check:"[0.001,86400]" why:"as step_s: a finer interval only multiplies the rows, and truth.csv is never written more often than every step" doc:"interval between rows of truth.csv, rounded to a whole number of steps (at least one)"`
}
