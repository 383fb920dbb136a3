// Regenerates the tables the package takes from AWS's own SDK models (aws-sdk-go-v2, the service
// module published last before the pinned @pulumi/aws release — its date from the npm registry —
// since @pulumi/aws ships neither the models nor its go.mod). Files are read with go/parser, never
// built. A test fails when package.json pins another @pulumi/aws than the one recorded.
//
//	cd scripts/awssdk && go run . ami-types > ../../src/data/ami-types.json
//	cd scripts/awssdk && go run . ebs-volumes > ../../src/data/ebs-volumes.json
//	cd scripts/awssdk && go run . aws-constraints > ../../src/data/aws-constraints.json
//
// ami-types: @pulumi/aws bridges terraform-provider-aws, whose aws_eks_node_group validates ami_type
// with enum.Validate[types.AMITypes]() of service/eks: the set is that enum's Values().
// ebs-volumes: the size, IOPS and throughput ranges per volume type that service/ec2 documents on
// the launch template's EBS device (types.LaunchTemplateEbsBlockDeviceRequest), and which types need
// IOPS (CreateVolumeInput.Iops). The parser accepts only the forms it knows and fails on anything
// else, so a reworded model is noticed, not misread.
// aws-constraints: every length, count, range, enum and pattern the EKS and EC2 models state for
// what the package sends, by Subject path (constraints.go; from botocore's copy of the models,
// which keeps the traits the Go SDK drops).
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

const (
	eksModule = "github.com/aws/aws-sdk-go-v2/service/eks"
	ec2Module = "github.com/aws/aws-sdk-go-v2/service/ec2"
)

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "awssdk: %s: %v\n", what, err)
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
	var pkg struct{ DevDependencies map[string]string }
	must(json.Unmarshal(raw, &pkg), "package.json")
	// The version the package is developed and tested with (its peer range admits later ones).
	version = pkg.DevDependencies["@pulumi/aws"]
	if version == "" {
		must(fmt.Errorf("no devDependencies[@pulumi/aws]"), "package.json")
	}
	var times map[string]string
	must(json.Unmarshal(run("npm", "view", "@pulumi/aws@"+version, "time", "--json"), &times), "npm view")
	published, err = time.Parse(time.RFC3339, times[version])
	must(err, "publish time of @pulumi/aws "+version)
	return version, published
}

// newestBefore is the newest version of module published before t.
func newestBefore(module string, t time.Time) (string, time.Time) {
	var list struct{ Versions []string }
	must(json.Unmarshal(run("go", "list", "-m", "-versions", "-json", module), &list), "go list versions")
	for i := len(list.Versions) - 1; i >= 0; i-- {
		var info struct{ Time time.Time }
		must(json.Unmarshal(run("go", "list", "-m", "-json", module+"@"+list.Versions[i]), &info), "go list version")
		if info.Time.Before(t) {
			return list.Versions[i], info.Time
		}
	}
	must(fmt.Errorf("no version before %s", t), module)
	return "", time.Time{}
}

// sdkModule downloads the module's newest version before the pinned @pulumi/aws and says where it came from.
func sdkModule(module, file string) (dir, pulumiAwsVersion, source string) {
	version, published := pulumiAws()
	sdk, sdkTime := newestBefore(module, published)
	var dl struct{ Dir string }
	must(json.Unmarshal(run("go", "mod", "download", "-json", module+"@"+sdk), &dl), "go mod download")
	return dl.Dir, version, fmt.Sprintf("%s@%s %s (published %s; the newest before @pulumi/aws %s, published %s)",
		module, sdk, file, sdkTime.Format("2006-01-02"), version, published.Format("2006-01-02"))
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
	if len(os.Args) != 2 {
		must(fmt.Errorf("usage: go run . ami-types|ebs-volumes|aws-constraints"), "arguments")
	}
	var table map[string]any
	switch os.Args[1] {
	case "ami-types":
		dir, version, source := sdkModule(eksModule, "types/enums.go AMITypes.Values()")
		table = map[string]any{"pulumiAws": version, "source": source, "amiTypes": amiTypes(dir)}
	case "aws-constraints":
		table = awsConstraints()
	case "ebs-volumes":
		dir, version, source := sdkModule(ec2Module, "types/types.go LaunchTemplateEbsBlockDeviceRequest, api_op_CreateVolume.go CreateVolumeInput.Iops")
		table = map[string]any{"pulumiAws": version, "source": source, "ratioSource": ratioSource, "volumeTypes": ebsVolumes(dir)}
	default:
		must(fmt.Errorf("unknown table %q", os.Args[1]), "arguments")
	}
	table["generatedBy"] = fmt.Sprintf("scripts/awssdk (cd scripts/awssdk && go run . %s > ../../src/data/%s.json)", os.Args[1], os.Args[1])
	out, err := json.MarshalIndent(table, "", "  ")
	must(err, "json")
	fmt.Println(string(out))
}
