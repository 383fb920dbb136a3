// Regenerates src/data/ami-types.json: the amiType values EKS and the pinned @pulumi/aws accept.
//
//	cd scripts/amitypes && go run . > ../../src/data/ami-types.json
//
// @pulumi/aws bridges terraform-provider-aws, whose aws_eks_node_group validates ami_type with
// enum.Validate[types.AMITypes]() of aws-sdk-go-v2's service/eks: the set is that enum's
// Values(). @pulumi/aws ships neither the enum nor its go.mod, so the SDK version taken is the
// newest published before the pinned @pulumi/aws release (its date from the npm registry); the
// enum file is read with go/parser, never built. A test fails when package.json pins another
// @pulumi/aws than the one recorded here.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

const eksModule = "github.com/aws/aws-sdk-go-v2/service/eks"

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "amitypes: %s: %v\n", what, err)
		os.Exit(1)
	}
}

func run(name string, args ...string) []byte {
	out, err := exec.Command(name, args...).Output()
	must(err, name+" "+strings.Join(args, " "))
	return out
}

func pulumiAws() (version string, published time.Time) {
	raw, err := os.ReadFile("../../package.json")
	must(err, "package.json")
	var pkg struct{ Dependencies map[string]string }
	must(json.Unmarshal(raw, &pkg), "package.json")
	version = pkg.Dependencies["@pulumi/aws"]
	var times map[string]string
	must(json.Unmarshal(run("npm", "view", "@pulumi/aws@"+version, "time", "--json"), &times), "npm view")
	published, err = time.Parse(time.RFC3339, times[version])
	must(err, "publish time of @pulumi/aws "+version)
	return version, published
}

// newestBefore is the newest eks SDK version published before t.
func newestBefore(t time.Time) (string, time.Time) {
	var list struct{ Versions []string }
	must(json.Unmarshal(run("go", "list", "-m", "-versions", "-json", eksModule), &list), "go list versions")
	for i := len(list.Versions) - 1; i >= 0; i-- {
		var info struct{ Time time.Time }
		must(json.Unmarshal(run("go", "list", "-m", "-json", eksModule+"@"+list.Versions[i]), &info), "go list version")
		if info.Time.Before(t) {
			return list.Versions[i], info.Time
		}
	}
	must(fmt.Errorf("no version before %s", t), "eks SDK")
	return "", time.Time{}
}

func amiTypes(dir string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, "types", "enums.go"), nil, 0)
	must(err, "parse enums.go")
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "Values" || fn.Recv == nil || len(fn.Recv.List) != 1 {
			continue
		}
		if id, ok := fn.Recv.List[0].Type.(*ast.Ident); !ok || id.Name != "AMITypes" {
			continue
		}
		lit := fn.Body.List[0].(*ast.ReturnStmt).Results[0].(*ast.CompositeLit)
		values := []string{}
		for _, e := range lit.Elts {
			s, err := strconv.Unquote(e.(*ast.BasicLit).Value)
			must(err, "enum value")
			values = append(values, s)
		}
		return values
	}
	must(fmt.Errorf("no AMITypes.Values"), "parse enums.go")
	return nil
}

func main() {
	version, published := pulumiAws()
	sdk, sdkTime := newestBefore(published)
	var dl struct{ Dir string }
	must(json.Unmarshal(run("go", "mod", "download", "-json", eksModule+"@"+sdk), &dl), "go mod download")
	out, err := json.MarshalIndent(map[string]any{
		"generatedBy": "scripts/amitypes (cd scripts/amitypes && go run . > ../../src/data/ami-types.json)",
		"pulumiAws":   version,
		"source": fmt.Sprintf("%s@%s types/enums.go AMITypes.Values() (published %s; the newest before @pulumi/aws %s, published %s)",
			eksModule, sdk, sdkTime.Format("2006-01-02"), version, published.Format("2006-01-02")),
		"amiTypes": amiTypes(dl.Dir),
	}, "", "  ")
	must(err, "json")
	fmt.Println(string(out))
}
