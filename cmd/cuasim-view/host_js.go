//go:build js

package main

import (
	"syscall/js"

	"github.com/cuasim/cuasim/viewer"
)

// pageAddress is the page's address: its query is the link to open.
func pageAddress() string { return js.Global().Get("location").Get("href").String() }

// pageHost is the web page, through the functions web/index.html
// defines.
func pageHost() viewer.Host { return page{} }

type page struct{}

// ShareLink shows the link in the page, puts it in the address bar and,
// where the browser allows it, on the clipboard.
func (page) ShareLink(url string) string {
	if f := js.Global().Get("cuasimShareLink"); f.Type() == js.TypeFunction {
		f.Invoke(url)
	}
	return "the link of this view is in the box below and in the address bar"
}

// ScenarioReport shows what checking a dropped scenario found.
func (page) ScenarioReport(file, report string, ok bool) {
	if f := js.Global().Get("cuasimScenarioReport"); f.Type() == js.TypeFunction {
		f.Invoke(file, report, ok)
	}
}

// Download offers data as a file named name: the page has no file
// system to save a layout into, so it hands the scenario file to the
// browser's downloads.
func (page) Download(name string, data []byte) {
	if f := js.Global().Get("cuasimDownload"); f.Type() == js.TypeFunction {
		f.Invoke(name, string(data))
	}
}
