#!/usr/bin/env bash
# scripts/build-web.sh [DIR] — builds the viewer for the browser.
#
# Compiles cmd/cuasim-view to WebAssembly and puts it, Go's wasm_exec.js,
# web/index.html and the course (web/course.html, docs/course, docs/*.md)
# in DIR (default web/dist, which git ignores). Serve
# DIR with `go run ./cmd/cuasim serve` (or any static file server) and open
# the address it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-web/dist}
mkdir -p "$out"
GOOS=js GOARCH=wasm go build -trimpath -o "$out/cuasim-view.wasm.partial" ./cmd/cuasim-view
mv "$out/cuasim-view.wasm.partial" "$out/cuasim-view.wasm"
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out/"
cp web/index.html web/course.html "$out/"
# The course and the reference docs it links, which course.html shows:
# the page's Course link works offline, from this server alone.
rm -rf "$out/docs"
mkdir -p "$out/docs/course/images"
cp docs/*.md "$out/docs/"
cp docs/course/*.md "$out/docs/course/"
cp docs/course/images/*.png "$out/docs/course/images/"
echo "built $out: $(du -h "$out/cuasim-view.wasm" | cut -f1) of WebAssembly; serve it with: go run ./cmd/cuasim serve --dir $out"
