// sdkgen writes the Python, Go, Node.js and .NET SDKs of eks-nodegroup from schema.json with Pulumi's
// own code generators — the code the Python, Go, Node.js and .NET language hosts run for
// `pulumi package gen-sdk` (the first three hosts cannot be obtained on this project's machines;
// the .NET one would download the default Pulumi logo, see offlineLogo).
//
//	go run . ../../schema.json ../../sdk [JAVA_SCHEMA]
//
// With JAVA_SCHEMA it also writes the schema with these language settings, for
// `pulumi package gen-sdk --language java`.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	dotnet "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/codegen"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "eks-nodegroup-sdkgen"

// Language settings the schema analyzer does not write, derived from the schema's repository (from
// package.json): the Go module path is the repository's (sdk/go in it; tag sdk/go/vX.Y.Z for Go users),
// the Java group id and package prefix io.github.<owner> (Maven Central's namespace for a GitHub owner,
// not Pulumi's com.pulumi), the Python distribution eks_nodegroup. Every SDK carries the schema's
// version (respectSchemaVersion) in its package and its plugin metadata, not 0.0.0.
func languages(spec schema.PackageSpec) map[string]schema.RawMessage {
	// schema.json's publisher is the repository's owner (npm run schema derives both from package.json).
	owner := spec.Publisher
	if !strings.HasPrefix(spec.Repository, "https://github.com/"+owner+"/") || !regexp.MustCompile(`^[a-z][a-z0-9]*$`).MatchString(owner) {
		fail(fmt.Errorf("repository %q, publisher %q: want https://github.com/OWNER/NAME with a lower-case OWNER usable as a Java package", spec.Repository, owner))
	}
	goModule := strings.TrimPrefix(spec.Repository, "https://") + "/sdk/go"
	raw := func(v any) schema.RawMessage {
		b, err := json.Marshal(v)
		fail(err)
		return b
	}
	return map[string]schema.RawMessage{
		"go":     raw(map[string]any{"importBasePath": goModule + "/eksnodegroup", "respectSchemaVersion": true}),
		"python": raw(map[string]any{"packageName": "eks_nodegroup", "respectSchemaVersion": true}),
		"nodejs": raw(map[string]any{"packageName": "@eks-nodegroup/sdk", "respectSchemaVersion": true}),
		// The newest Java SDK Maven Central serves next to the Java host v1.22.0 (1.21 and 1.22 are not published there).
		"java": raw(map[string]any{"basePackage": "io.github." + owner, "dependencies": map[string]string{"com.pulumi:pulumi": "1.20.0"}}),
		// .NET: NuGet reserves the Pulumi. prefix for Pulumi; the package is EksNodegroup.Sdk.
		"csharp": raw(map[string]any{"respectSchemaVersion": true, "rootNamespace": "EksNodegroup", "namespaces": map[string]string{"eks-nodegroup": "Sdk"}}),
	}
}

func main() {
	if len(os.Args) != 3 && len(os.Args) != 4 {
		fail(fmt.Errorf("usage: sdkgen SCHEMA OUTDIR [JAVA_SCHEMA]"))
	}
	raw, err := os.ReadFile(os.Args[1])
	fail(err)
	var spec schema.PackageSpec
	fail(json.Unmarshal(raw, &spec))
	spec.Language = languages(spec)
	if len(os.Args) == 4 {
		withLanguages, err := json.MarshalIndent(spec, "", "  ")
		fail(err)
		fail(os.WriteFile(os.Args[3], withLanguages, 0o644))
	}
	http.DefaultTransport = offlineLogo{}
	out := os.Args[2]
	generators := []struct {
		dir      string
		generate func(*schema.Package) (map[string][]byte, error)
	}{
		{"python", func(p *schema.Package) (map[string][]byte, error) { return python.GeneratePackage(tool, p, nil, nil) }},
		{"go", func(p *schema.Package) (map[string][]byte, error) { return gogen.GeneratePackage(tool, p, nil) }},
		{"nodejs", func(p *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, p, nil, nil, false, nil)
		}},
		{"dotnet", func(p *schema.Package) (map[string][]byte, error) { return dotnet.GeneratePackage(tool, p, nil, nil) }},
	}
	for _, g := range generators {
		// A package bound once per generator: generators rename enum values in the bound package
		// (Python's upper-case names would otherwise reach Go as OsFamilyBOTTLEROCKET).
		pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
		fail(err)
		if diags.HasErrors() {
			fail(diags)
		}
		files, err := g.generate(pkg)
		fail(err)
		write(filepath.Join(out, g.dir), files)
	}
}

//go:embed logo.png
var logo []byte

// offlineLogo answers the .NET generator's one HTTP request (the package icon, by default Pulumi's
// logo from GitHub) with the package's own logo, and refuses any other: generation stays offline.
type offlineLogo struct{}

func (offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	if filepath.Ext(req.URL.Path) != ".png" {
		return nil, fmt.Errorf("sdkgen: no network: refused %s", req.URL)
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"image/png"}}, Body: io.NopCloser(bytes.NewReader(logo)),
		ContentLength: int64(len(logo)), Request: req,
	}, nil
}

// Hand-written files beside the generated ones (the Go SDK's module definition).
var keep = map[string]bool{"go.mod": true, "go.sum": true}

// write replaces dir's generated files with exactly these, so that a regeneration shows every change.
func write(dir string, files map[string][]byte) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !keep[e.Name()] {
			fail(os.RemoveAll(filepath.Join(dir, e.Name())))
		}
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		fail(os.MkdirAll(filepath.Dir(path), 0o755))
		fail(os.WriteFile(path, content, 0o644))
	}
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}
