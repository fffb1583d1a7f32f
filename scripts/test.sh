#!/usr/bin/env bash
# scripts/test.sh — the project's whole test suite, as CI runs it.
#
# Installs the system packages the tests need (Debian/Ubuntu, with apt-get;
# skipped when they are already there), then runs gofmt, go mod tidy -diff, go vet,
# staticcheck (pinned in go.mod as a tool), the tests with the race
# detector, the examples, a CGO_ENABLED=0 build of the CLI, a 24-hour soak
# run, a short fuzz of the scenario loader and of the loading and merging of
# a comparison's directory, a smoke run of `cuasim run`, and the Beam
# module's checks and tests (dist/beam: cuasim-beam compare on Prism).
#
#   ./scripts/test.sh          everything (a few minutes on 2 cores)
#   FUZZTIME=1000000x ./scripts/test.sh   fuzz the scenario loader longer (executions)
#   FUZZTIME_COMPARE=2000000x ./scripts/test.sh   fuzz each comparison fuzzer longer
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# System packages. The headless core needs none beyond Go; the ebiten
# viewer (cmd/cuasim-view) needs cgo with the X11 and OpenGL headers, and
# its tests run it under Xvfb with Mesa's software OpenGL, and its browser
# build in Debian's Chromium.
packages=(gcc libc6-dev pkg-config libgl1-mesa-dev libxcursor-dev libxi-dev libxinerama-dev
	libxrandr-dev libxxf86vm-dev xvfb xauth libgl1-mesa-dri chromium)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	step "installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "go version"
go version

step "gofmt"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

step "go mod tidy"
# go.mod and go.sum must be what go mod tidy makes of them: a dependency
# marked indirect that the code imports (or one no longer used) fails here.
if ! go mod tidy -diff; then
	echo "go.mod/go.sum are not tidy: run go mod tidy and commit the result"; exit 1
fi

step "go vet"
go vet ./...

step "staticcheck"
go tool staticcheck ./...

step "headless CLI builds without cgo and never imports ebiten"
CGO_ENABLED=0 go build -o /dev/null ./cmd/cuasim
if go list -deps ./cmd/cuasim | grep -q ebiten; then
	echo "cmd/cuasim depends on ebiten"; exit 1
fi

step "the Beam module (dist/beam): tidy, vet, staticcheck, cuasim-beam compare and radials on Prism against the core's"
# A module of its own, so that Beam never enters cuasim's go.mod (issue 19);
# its tests check that too. staticcheck is the root module's tool binary.
(
	cd dist/beam
	if ! go mod tidy -diff; then
		echo "dist/beam: go.mod/go.sum are not tidy: run go mod tidy there and commit the result"; exit 1
	fi
	go vet ./...
	"$(go -C ../.. tool -n staticcheck)" ./...
	go test -count=1 ./...
)

step "viewer builds for the browser (WebAssembly)"
./scripts/build-web.sh web/dist

# The viewer's end-to-end tests run it under Xvfb and in headless Chromium
# (on the build above); they must not skip here.
export CUASIM_REQUIRE_DISPLAY=1 CUASIM_REQUIRE_BROWSER=1 CUASIM_WEB_DIST="$PWD/web/dist"

step "go test -race"
# The race detector slows the simulation about tenfold; the longest tests
# skip under it and run in the plain step below.
go test -race -count=1 -timeout 30m ./...

step "without -race: pipeline properties on 200 random scenarios, the docs' sample output (with cuasim compare), the false-drone-track table, the swarm's table, the new sites' layouts sharing truth, the pfa sweep table, the reliability diagram of P(drone)"
go test -count=1 -timeout 30m -run '^(TestPipelineProperties|TestDocsOutput|TestFalseDroneTracksTable|TestSwarmTable|TestNewSitesShareTruth|TestReliabilityDiagram)$' ./cmd/cuasim
go test -count=1 -timeout 30m -run '^TestPfaSweepEvidence$' ./pipeline

step "without -race: P(timely)'s interval against the spread between blocks of 400 replications of grouped drones"
go test -count=1 -run '^TestGroupedIntervalWidth$' ./compare
go test -count=1 -run '^TestSurrogateOrdersLikeMonteCarlo$' ./search

step "without -race: the course's lesson programs and the output the lessons show (docs/course)"
go test -count=1 ./examples/...

step "soak: the airport for a simulated day (without the race detector)"
# TestSoak24h skips itself under -race, where it would take minutes; here it
# takes about ten seconds.
go test -count=1 -run '^TestSoak24h$' -v ./cmd/cuasim | grep -E '^(---|ok|FAIL)|live heap|MB, documented'

# The fuzzers run for a number of executions, not a time: with a duration,
# Go 1.26's fuzzing coordinator can report its own deadline as a failure
# ("context deadline exceeded", no crasher written) when a worker is slow to
# stop on a loaded machine (go.dev/issue/75804, fixed in Go 1.27). A count
# has no deadline to race. On the development machine each takes about
# 20-40 s.
step "fuzz the scenario loader (${FUZZTIME:-200000x})"
# Minimising each new input for the default 60 s would stall a short run
# on the large seed files; a few dozen runs are plenty for finding crashes.
go test ./scenarios -run '^$' -fuzz '^FuzzParse$' -fuzztime "${FUZZTIME:-200000x}" -fuzzminimizetime 50x

step "fuzz compare.Load and cuasim merge over mutated comparison directories (${FUZZTIME_COMPARE:-500000x} each)"
# No edit of a comparison's files may make a command panic (issue 21).
# Minimising is capped at 20 runs per new input: by time, it would take
# most of a short run.
for f in FuzzLoad FuzzMerge; do
	go test ./compare -run '^$' -fuzz "^$f\$" -fuzztime "${FUZZTIME_COMPARE:-500000x}" -fuzzminimizetime 20x
done

step "smoke: cuasim run"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go run ./cmd/cuasim run --quiet --duration 10m --out "$out" >"$out/stdout"
for f in truth.csv detections.csv summary.json; do
	[ -s "$out/$f" ] || { echo "cuasim run wrote no $f"; exit 1; }
done
head -8 "$out/stdout"

step "all tests passed"
