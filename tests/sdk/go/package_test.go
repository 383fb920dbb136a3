// The Go SDK's package facts as the Pulumi CLI reads them: the version it registers with is the
// schema's, and its plugin download URL is the form `pulumi plugin install` and `pulumi package add`
// resolve for a git tag of the repository.
package sdktest

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

type schemaFacts struct {
	Version           string `json:"version"`
	Repository        string `json:"repository"`
	PluginDownloadURL string `json:"pluginDownloadURL"`
}

func readSchema(t *testing.T) schemaFacts {
	raw, err := os.ReadFile("../../../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s schemaFacts
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPluginMetadata(t *testing.T) {
	s := readSchema(t)
	raw, err := os.ReadFile("../../../sdk/go/eksnodegroup/pulumi-plugin.json")
	if err != nil {
		t.Fatal(err)
	}
	var plugin struct {
		Name, Version, Server string
		Resource              bool
	}
	if err := json.Unmarshal(raw, &plugin); err != nil {
		t.Fatal(err)
	}
	if plugin.Version != s.Version || plugin.Server != s.PluginDownloadURL || plugin.Name != "eks-nodegroup" || !plugin.Resource {
		t.Fatalf("pulumi-plugin.json = %+v, want eks-nodegroup %s from %s", plugin, s.Version, s.PluginDownloadURL)
	}
}

func TestDownloadURLIsWhatTheCLIResolvesForATag(t *testing.T) {
	s := readSchema(t)
	// What a user types: `pulumi package add <repository>@v<version>` (or `pulumi plugin install`).
	descriptor, err := workspace.NewPluginDescriptor(t.Context(), s.Repository+"@v"+s.Version, apitype.ResourcePlugin, nil, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if descriptor.PluginDownloadURL != s.PluginDownloadURL || !descriptor.IsGitPlugin() {
		t.Fatalf("the CLI resolves %s@v%s to %q (git: %v), schema.json says %q",
			s.Repository, s.Version, descriptor.PluginDownloadURL, descriptor.IsGitPlugin(), s.PluginDownloadURL)
	}
	if descriptor.Version == nil || descriptor.Version.String() != s.Version {
		t.Fatalf("version %v, want %s", descriptor.Version, s.Version)
	}
}
