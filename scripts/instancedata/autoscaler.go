// kubernetes/autoscaler's static EC2 table: vCPUs, GPUs and architecture per instance type, read
// from the Go source of the pinned commit (parsed with go/parser, never built or copied).
//
// The Go module proxy may not serve the cluster-autoscaler module (some do not); then give
// -autoscaler-repo DIR, a git clone of github.com/kubernetes/autoscaler, and the file is read
// from the pinned commit with git. Either way its content must be the git blob pinned here.
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

var (
	// The pseudo-version names the commit (kubernetes/autoscaler 55c37cd5eb55, 2026-08-22).
	autoscaler = source{"k8s.io/autoscaler/cluster-autoscaler", "v0.0.0-20260822084713-55c37cd5eb55", "cloudprovider/aws/ec2_instance_types.go"}
	// The file's git blob id at that commit (git ls-tree 55c37cd5eb55 cluster-autoscaler/cloudprovider/aws/).
	autoscalerBlob = "66a906ba4d6c267745cb0dc0ccc1d1e0f19842f1"
	autoscalerRepo = flag.String("autoscaler-repo", "", "a git clone of github.com/kubernetes/autoscaler, read instead of the Go module proxy")
)

// autoscalerRow is one type's facts in the autoscaler's table.
type autoscalerRow struct {
	vcpus, gpus int
	arch        string
}

// commitOf is the commit a pseudo-version (vX.Y.Z-yyyymmddhhmmss-commit) names.
func commitOf(version string) string {
	parts := strings.Split(version, "-")
	return parts[len(parts)-1]
}

// publishedOf is the commit date a pseudo-version carries, as yyyy-mm-dd.
func publishedOf(version string) string {
	parts := strings.Split(version, "-")
	stamp := parts[len(parts)-2]
	return stamp[0:4] + "-" + stamp[4:6] + "-" + stamp[6:8]
}

// autoscalerSource is the file's text, from the module proxy or the given clone, checked against the pinned blob.
func autoscalerSource() []byte {
	var text []byte
	var err error
	if *autoscalerRepo != "" {
		text, err = exec.Command("git", "-C", *autoscalerRepo, "show", commitOf(autoscaler.version)+":cluster-autoscaler/"+autoscaler.file).Output()
		must(err, "git show in "+*autoscalerRepo)
	} else {
		dir, ok := tryModuleDir(autoscaler)
		if !ok {
			must(fmt.Errorf("the Go module proxy did not serve %s@%s; clone github.com/kubernetes/autoscaler and run with -autoscaler-repo DIR",
				autoscaler.module, autoscaler.version), "autoscaler")
		}
		text, err = os.ReadFile(filepath.Join(dir, autoscaler.file))
		must(err, "autoscaler")
	}
	sum := sha1.Sum(append([]byte(fmt.Sprintf("blob %d\x00", len(text))), text...))
	if got := hex.EncodeToString(sum[:]); got != autoscalerBlob {
		must(fmt.Errorf("%s is blob %s, not the pinned %s", autoscaler.file, got, autoscalerBlob), "autoscaler")
	}
	dateOf[autoscaler.module] = publishedOf(autoscaler.version)
	return text
}

// readAutoscaler reads the InstanceTypes map literal; it notes the list's own date (StaticListLastUpdateTime) for the sources line.
func readAutoscaler(text []byte) map[string]autoscalerRow {
	f, err := parser.ParseFile(token.NewFileSet(), autoscaler.file, text, 0)
	must(err, "parse "+autoscaler.file)
	noteOf[autoscaler.module] = "list updated " + stringOf(varValue(f, "StaticListLastUpdateTime"))
	lit, ok := varValue(f, "InstanceTypes").(*ast.CompositeLit)
	if !ok {
		must(fmt.Errorf("InstanceTypes is not a literal"), "autoscaler")
	}
	rows := map[string]autoscalerRow{}
	for _, e := range lit.Elts {
		kv := e.(*ast.KeyValueExpr)
		name := stringOf(kv.Key)
		value := kv.Value
		if u, ok := value.(*ast.UnaryExpr); ok { // &InstanceType{...} as well as {...}
			value = u.X
		}
		fields := compositeFields(value.(*ast.CompositeLit))
		if got := stringOf(fields["InstanceType"]); got != name {
			must(fmt.Errorf("key %s holds %s", name, got), "autoscaler")
		}
		row := autoscalerRow{vcpus: intOf(fields["VCPU"]), gpus: intOf(fields["GPU"])}
		switch arch := stringOf(fields["Architecture"]); arch {
		case "amd64":
			row.arch = "x86_64"
		case "arm64":
			row.arch = "arm64"
		default:
			must(fmt.Errorf("%s: unknown Architecture %q", name, arch), "autoscaler")
		}
		rows[name] = row
	}
	return rows
}

// varValue is the expression assigned to a package-level variable.
func varValue(f *ast.File, name string) ast.Expr {
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok {
			for _, spec := range g.Specs {
				if v, ok := spec.(*ast.ValueSpec); ok && len(v.Names) == 1 && v.Names[0].Name == name && len(v.Values) == 1 {
					return v.Values[0]
				}
			}
		}
	}
	must(fmt.Errorf("no variable %s", name), "parse "+autoscaler.file)
	return nil
}

// mergeAutoscaler puts the autoscaler's facts on the table's types (it lists no type the VPC CNI
// does not, and those would have no network limits), replacing what eksctl and ec2-instances-info
// said, and reports on stderr where they said otherwise.
func mergeAutoscaler(rows map[string]autoscalerRow, table map[string]*InstanceType) {
	disagree := map[string][]string{}
	filled := 0
	for name, row := range rows {
		t, ok := table[name]
		if !ok {
			continue
		}
		if t.Vcpus == nil {
			filled++
		} else if *t.Vcpus != row.vcpus {
			disagree["vCPUs (ec2-instances-info)"] = append(disagree["vCPUs (ec2-instances-info)"], fmt.Sprintf("%s %d→%d", name, *t.Vcpus, row.vcpus))
		}
		if t.Arch != "" && t.Arch != row.arch {
			disagree["architecture (eksctl)"] = append(disagree["architecture (eksctl)"], fmt.Sprintf("%s %s→%s", name, t.Arch, row.arch))
		}
		vcpus, gpus := row.vcpus, row.gpus
		t.Vcpus, t.Gpus, t.Arch = &vcpus, &gpus, row.arch
	}
	fmt.Fprintf(os.Stderr, "instancedata: autoscaler lists %d types; it gave vCPUs to %d types that had none\n", len(rows), filled)
	for _, what := range []string{"vCPUs (ec2-instances-info)", "architecture (eksctl)"} {
		d := disagree[what]
		sort.Strings(d)
		fmt.Fprintf(os.Stderr, "instancedata: %d disagreements with the autoscaler on %s, the autoscaler's value taken: %s\n", len(d), what, strings.Join(d, ", "))
	}
}
