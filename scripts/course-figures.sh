#!/usr/bin/env bash
# scripts/course-figures.sh — draws every figure of the course (docs/course/images)
# from the lessons' programs and commands. Look at each picture after
# running it; the lessons' tests check the programs' output, not the pixels.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/course/images
mkdir -p "$out"

go run ./examples/01-radar -png "$out/01-roc.png" >/dev/null
go run ./examples/02-rf -alt 5 -png "$out/02-link.png" >/dev/null
go run ./examples/03-kalman -png "$out/03-nees.png" >/dev/null
go run ./examples/04-tracking -png "$out/04-mofn.png" >/dev/null
go run ./examples/05-fusion -png "$out/05-ghosts.png" >/dev/null
go run ./examples/08-imm -png "$out/08-imm.png" >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./cmd/cuasim compare --layouts base --replications 8 --duration 30m --out "$tmp/lesson6" --quiet >/dev/null
cp "$tmp/lesson6/tradeoff.png" "$out/06-tradeoff.png"
go run ./cmd/cuasim compare --replications 16 --duration 30m --thresholds 0.7,0.9 --false-alert-budget 40/day --out "$tmp/lesson7" --quiet >/dev/null
cp "$tmp/lesson7/layouts.png" "$out/07-layouts.png"
go run ./cmd/cuasim coverage airport --altitude 50 --box -4000,-4000,4000,4000 --cell 40 --out "$tmp/coverage" >/dev/null
cp "$tmp/coverage/map-50m.png" "$out/07-coverage.png"
echo "wrote $out: $(cd "$out" && ls | tr '\n' ' ')"
