// Package version holds the build stamp that deployc's build.sh sets with -X.
package version

var (
	Version = "dev"
	Commit  = "unknown"
	Date    = "unknown"
)
