//go:build dataflow

package main

// Google Cloud Dataflow's runner (--runner dataflow), in a build with
// -tags dataflow: it brings more of Google Cloud's client libraries, which
// the default build leaves out. (The gs:// file system is in every build:
// Beam's worker harness imports it.)
import (
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
)
