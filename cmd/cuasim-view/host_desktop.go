//go:build !js

package main

import "github.com/cuasim/cuasim/viewer"

// pageAddress is the browser page's address; the desktop has none.
func pageAddress() string { return "" }

// pageHost is the browser page; on the desktop the viewer's default
// (the terminal) serves.
func pageHost() viewer.Host { return nil }
