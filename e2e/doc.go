// Package e2e holds end-to-end tests of the programs as a user runs them:
// the viewer started under Xvfb and its screenshot checked pixel by pixel,
// and the page of a comparison rendered in headless Chromium.
// It has no code of its own, and its tests import no graphics library, so
// they build and run anywhere; they start the programs as processes.
package e2e
