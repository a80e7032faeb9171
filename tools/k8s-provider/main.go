// Command pulumi-resource-kubernetes serves the upstream Kubernetes provider.
//
// The upstream command embeds schema files that are gitignored there and so
// missing from the Go module; scripts/toolchain copies them next to this file
// (stamped with the version) before building.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
