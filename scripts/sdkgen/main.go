// sdkgen writes the Python, Go and Node.js SDKs of eks-nodegroup from schema.json with Pulumi's own
// code generators — the code the Python, Go and Node.js language hosts run for
// `pulumi package gen-sdk`, which cannot be obtained on this project's machines.
//
//	go run . ../../schema.json ../../sdk
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "eks-nodegroup-sdkgen"

// Language settings the schema analyzer does not write. The Go import path is a placeholder
// domain (reserved .example TLD): Go users point it at their checkout with a replace directive.
var languages = map[string]schema.RawMessage{
	"go":     schema.RawMessage(`{"importBasePath":"eks-nodegroup.example/sdk/go/eksnodegroup"}`),
	"python": schema.RawMessage(`{"packageName":"pulumi_eks_nodegroup"}`),
	"nodejs": schema.RawMessage(`{"packageName":"@eks-nodegroup/sdk"}`),
}

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: sdkgen SCHEMA OUTDIR"))
	}
	raw, err := os.ReadFile(os.Args[1])
	fail(err)
	var spec schema.PackageSpec
	fail(json.Unmarshal(raw, &spec))
	spec.Language = languages
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	fail(err)
	if diags.HasErrors() {
		fail(diags)
	}
	out := os.Args[2]
	files, err := python.GeneratePackage(tool, pkg, nil, nil)
	fail(err)
	write(filepath.Join(out, "python"), files)
	files, err = gogen.GeneratePackage(tool, pkg, nil)
	fail(err)
	write(filepath.Join(out, "go"), files)
	files, err = nodejs.GeneratePackage(tool, pkg, nil, nil, false, nil)
	fail(err)
	write(filepath.Join(out, "nodejs"), files)
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
