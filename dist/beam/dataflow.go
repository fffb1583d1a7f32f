//go:build dataflow

package main

// Google Cloud Dataflow's runner (--runner dataflow) and the gs://
// file system, in a build with -tags dataflow: they bring Google Cloud's
// client libraries, which the default build leaves out.
import (
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
)
