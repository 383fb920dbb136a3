// Regenerates src/data/kubelet-config.json: every field of kubelet's published configuration type
// (k8s.io/kubelet config/v1beta1 KubeletConfiguration, by its JSON name) with the kind of value
// kubelet decodes it as, read with go/parser from the pinned module, never built.
//
//	cd scripts/kubeletconfig && go run . > ../../src/data/kubelet-config.json
//
// The version is pinned, and chosen deliberately: the newest Kubernetes minor EKS runs for the
// package's data, 1.36. The repository records no EKS version list; the package's AWS data is that
// of @pulumi/aws 7.48.0 (published 2026-09-22), by which EKS ran 1.36 (upstream 2026-04-22; EKS
// has followed each minor within about six weeks: 1.34 upstream 2025-08-27, on EKS 2025-10-02;
// 1.35 upstream 2025-12-17, on EKS 2026-01-27), while 1.37 (upstream 2026-08-26) had not reached
// it. nodeadm's pinned build compiles against k8s.io/kubelet v0.35.0 (its go.mod), an older minor.
// A newer minor only adds fields: v1beta1 keeps every field it had (deprecated ones stay, with
// "Deprecated:" in their comment), so a table from the newest minor warns about no field an older
// node reads. k8s.io/kubernetes is read at the same release for what kubelet's own code adds to
// the types: the minimums its validation refuses below (validation.go) and the resources
// kubeReserved and systemReserved may name (server.go parseResourceList). The Go proxy here is
// filtered: k8s.io/kubernetes v1.36.6 is refused, v1.36.5 is served, so both are at 1.36.5.
//
// The reader accepts only the Go forms it knows (basic kinds, pointers to them, metav1.Duration,
// the maps and lists below, structs of the same package, named external types listed in externals,
// and the external structs listed in externalStructs, whose fields it reads from their own module)
// and fails on any other, so a changed type is noticed, not misread.
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
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	kubeletModule     = "k8s.io/kubelet"
	kubeletVersion    = "v0.36.5"
	kubernetesModule  = "k8s.io/kubernetes"
	kubernetesVersion = "v1.36.5"
	typesFile         = "config/v1beta1/types.go"
	validationFile    = "pkg/kubelet/apis/config/validation/validation.go"
	serverFile        = "cmd/kubelet/app/server.go"
)

// externals: named types of other packages the configuration uses, with the kind of JSON value
// their decoding takes. Their own fields are not read (a nested unknown key there is not found).
var externals = map[string]Field{
	// k8s.io/component-base/logs/api/v1: a struct.
	"logsapi.LoggingConfiguration": {Kind: "object", External: "k8s.io/component-base/logs/api/v1.LoggingConfiguration"},
	// k8s.io/api/core/v1 ResourceList: map[ResourceName]resource.Quantity, whose UnmarshalJSON takes a string or a number.
	"v1.ResourceList": {Kind: "resourceList", External: "k8s.io/api/core/v1.ResourceList"},
	// k8s.io/api/core/v1 NodeConfigSource: a struct (SerializedNodeConfigSource only).
	"v1.NodeConfigSource": {Kind: "object", External: "k8s.io/api/core/v1.NodeConfigSource"},
}

// Field is one JSON field's value as kubelet decodes it (encoding/json into the v1beta1 type).
type Field struct {
	Kind       string            `json:"kind"`
	Range      []json.Number     `json:"range,omitempty"`
	Minimum    *json.Number      `json:"minimum,omitempty"`
	MinimumBy  string            `json:"minimumBy,omitempty"`
	Enum       []string          `json:"enum,omitempty"`
	Keys       []string          `json:"keys,omitempty"`
	Pointer    bool              `json:"pointer,omitempty"`
	Deprecated bool              `json:"deprecated,omitempty"`
	Settable   *bool             `json:"settable,omitempty"`
	Items      *Field            `json:"items,omitempty"`
	Fields     map[string]*Field `json:"fields,omitempty"`
	External   string            `json:"external,omitempty"`
	GoField    string            `json:"-"`
}

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "kubeletconfig: %s: %v\n", what, err)
		os.Exit(1)
	}
}

func fail(format string, args ...any) {
	must(fmt.Errorf(format, args...), "read")
}

func run(name string, args ...string) []byte {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.Output()
	must(err, name+" "+strings.Join(args, " "))
	return out
}

// download fetches module@version through the Go module proxy and returns its directory and publish date.
func download(module, version string) (string, string) {
	var dl struct{ Dir string }
	must(json.Unmarshal(run("go", "mod", "download", "-json", module+"@"+version), &dl), "go mod download")
	var info struct{ Time time.Time }
	must(json.Unmarshal(run("go", "list", "-m", "-json", module+"@"+version), &info), "go list")
	return dl.Dir, info.Time.Format("2006-01-02")
}

// externalStructs: structs of other packages the configuration uses whose fields are read too, from the
// module at the version kubelet's own go.mod requires at the pinned release (k8s.io/api and
// k8s.io/component-base are released with k8s.io/kubelet, at the same version).
var externalStructs = map[string]struct{ module, file, name string }{
	// registerWithTaints: a list of Taint (key, value, effect, timeAdded).
	"v1.Taint": {"k8s.io/api", "core/v1/types.go", "Taint"},
	// tracing: endpoint, samplingRatePerMillion.
	"tracingapi.TracingConfiguration": {"k8s.io/component-base", "tracing/api/v1/types.go", "TracingConfiguration"},
}

// externalSources records each external file read, for the table's sources.
var externalSources = []map[string]string{}

type reader struct {
	structs map[string]*ast.StructType
	enums   map[string][]string // typed string -> its typed constants' values
}

// newReader reads the types of one file. Strict, it fails on a type of a form it does not know; lenient (a
// large file of another package, read for a few structs), it leaves such types out, and kind fails only
// when a struct it reads uses one.
func newReader(file string, strict bool) *reader {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
	must(err, "parse "+file)
	r := &reader{structs: map[string]*ast.StructType{}, enums: map[string][]string{}}
	strings_ := map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				switch t := s.Type.(type) {
				case *ast.StructType:
					r.structs[s.Name.Name] = t
				case *ast.Ident:
					if t.Name != "string" {
						if strict {
							fail("type %s %s: a form this reader does not know", s.Name.Name, t.Name)
						}
						continue
					}
					strings_[s.Name.Name] = true
				default:
					if strict {
						fail("type %s: a form this reader does not know", s.Name.Name)
					}
				}
			case *ast.ValueSpec:
				// Only constants declared with a type are that type's values; untyped ones are plain strings.
				id, ok := s.Type.(*ast.Ident)
				if g.Tok != token.CONST || !ok {
					continue
				}
				for _, v := range s.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						if !strict {
							continue // not a typed string's value
						}
						fail("const of %s: not a string literal", id.Name)
					}
					value, err := strconv.Unquote(lit.Value)
					must(err, "const")
					r.enums[id.Name] = append(r.enums[id.Name], value)
				}
			}
		}
	}
	for name := range strings_ {
		if r.enums[name] == nil {
			r.enums[name] = []string{} // a typed string with no typed constants: any string
		}
	}
	return r
}

var jsonTag = regexp.MustCompile(`json:"([^"]*)"`)

func (r *reader) object(name string) map[string]*Field {
	st, ok := r.structs[name]
	if !ok {
		fail("struct %s not found", name)
	}
	fields := map[string]*Field{}
	for _, fld := range st.Fields.List {
		if fld.Tag == nil {
			fail("%s: a field without a tag", name)
		}
		tag := jsonTag.FindStringSubmatch(fld.Tag.Value)
		if tag == nil {
			fail("%s: a field without a json tag", name)
		}
		jsonName := strings.Split(tag[1], ",")[0]
		if jsonName == "" {
			// The inlined TypeMeta: kind and apiVersion, which say what the document is, not a setting.
			if sel, ok := fld.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "TypeMeta" || !strings.Contains(tag[1], "inline") {
				fail("%s: an inlined field other than metav1.TypeMeta", name)
			}
			no := false
			fields["kind"] = &Field{Kind: "typeMeta", Settable: &no}
			fields["apiVersion"] = &Field{Kind: "typeMeta", Settable: &no}
			continue
		}
		if jsonName == "-" || len(fld.Names) != 1 {
			fail("%s.%s: a form this reader does not know", name, jsonName)
		}
		f := r.kind(fld.Type, name+"."+jsonName)
		f.GoField = fld.Names[0].Name
		if fld.Doc != nil && regexp.MustCompile(`(?m)^Deprecated:`).MatchString(fld.Doc.Text()) {
			f.Deprecated = true
		}
		fields[jsonName] = f
	}
	return fields
}

func intRange(bits int) []json.Number {
	lo := strconv.FormatInt(-(int64(1) << (bits - 1)), 10)
	hi := strconv.FormatInt(int64((uint64(1)<<(bits-1))-1), 10)
	return []json.Number{json.Number(lo), json.Number(hi)}
}

func (r *reader) kind(e ast.Expr, where string) *Field {
	switch t := e.(type) {
	case *ast.StarExpr:
		f := r.kind(t.X, where)
		f.Pointer = true
		return f
	case *ast.Ident:
		switch t.Name {
		case "string":
			return &Field{Kind: "string"}
		case "bool":
			return &Field{Kind: "bool"}
		case "int32":
			return &Field{Kind: "int32", Range: intRange(32)}
		case "int64":
			return &Field{Kind: "int64", Range: intRange(64)}
		case "float64":
			return &Field{Kind: "float"}
		}
		if values, ok := r.enums[t.Name]; ok {
			f := &Field{Kind: "string"}
			if len(values) > 0 {
				f.Enum = values
			}
			return f
		}
		if _, ok := r.structs[t.Name]; ok {
			return &Field{Kind: "object", Fields: r.object(t.Name)}
		}
	case *ast.SelectorExpr:
		name := fmt.Sprintf("%s.%s", t.X.(*ast.Ident).Name, t.Sel.Name)
		if name == "metav1.Duration" {
			return &Field{Kind: "duration"}
		}
		// metav1.Time decodes null or a JSON string in RFC 3339, and refuses any other value.
		if name == "metav1.Time" {
			return &Field{Kind: "time"}
		}
		if ext, ok := externalStructs[name]; ok {
			dir, date := download(ext.module, kubeletVersion)
			externalSources = append(externalSources, map[string]string{"module": ext.module + "@" + kubeletVersion, "file": ext.file + " (" + ext.name + ")", "published": date})
			return &Field{Kind: "object", External: ext.module + "/" + filepath.Dir(ext.file) + "." + ext.name, Fields: newReader(filepath.Join(dir, ext.file), false).object(ext.name)}
		}
		if ext, ok := externals[name]; ok {
			return &ext
		}
	case *ast.ArrayType:
		if t.Len != nil {
			break
		}
		items := r.kind(t.Elt, where+"[]")
		switch items.Kind {
		case "string":
			if items.Enum == nil {
				return &Field{Kind: "stringList"}
			}
		case "int32":
			return &Field{Kind: "int32List", Range: items.Range}
		case "object":
			return &Field{Kind: "list", Items: items}
		}
	case *ast.MapType:
		key, ok := t.Key.(*ast.Ident)
		if !ok || key.Name != "string" {
			break
		}
		switch v := t.Value.(type) {
		case *ast.Ident:
			switch v.Name {
			case "string":
				return &Field{Kind: "stringMap"}
			case "bool":
				return &Field{Kind: "boolMap"}
			}
		case *ast.ArrayType:
			if id, ok := v.Elt.(*ast.Ident); ok && id.Name == "string" && v.Len == nil {
				return &Field{Kind: "stringListMap"}
			}
		}
	}
	fail("%s: a type this reader does not know", where)
	return nil
}

// minimums reads the unconditional lower bounds of kubelet's validation: `if kc.Field < N {` or
// `<= N`, at the top of ValidateKubeletConfiguration (one tab in), each followed by an error.
func minimums(file string) map[string]int64 {
	raw, err := os.ReadFile(file)
	must(err, "read "+file)
	lines := strings.Split(string(raw), "\n")
	bound := regexp.MustCompile(`^\tif kc\.([A-Za-z]+) (<|<=) (-?\d+) \{$`)
	out := map[string]int64{}
	for i, line := range lines {
		m := bound.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if i+1 >= len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[i+1]), "allErrors = append(allErrors, fmt.Errorf(") {
			fail("%s:%d: a bound not followed by an error", file, i+1)
		}
		n, err := strconv.ParseInt(m[3], 10, 64)
		must(err, "bound")
		if m[2] == "<=" {
			n++
		}
		out[m[1]] = n
	}
	if len(out) < 5 {
		fail("%s: only %d bounds found: the form has changed", file, len(out))
	}
	return out
}

// reservable reads which fields server.go parses as resource lists, and the resources they may name.
func reservable(file string) ([]string, []string) {
	raw, err := os.ReadFile(file)
	must(err, "read "+file)
	text := string(raw)
	var fields []string
	for _, m := range regexp.MustCompile(`parseResourceList\(s\.([A-Za-z]+)\)`).FindAllStringSubmatch(text, -1) {
		fields = append(fields, m[1])
	}
	const known = "case v1.ResourceCPU, v1.ResourceMemory, v1.ResourceEphemeralStorage, pidlimit.PIDs:"
	if len(fields) == 0 || !strings.Contains(text, "func parseResourceList(") || !strings.Contains(text, known) {
		fail("%s: parseResourceList is not in the form this reader knows", file)
	}
	return fields, []string{"cpu", "memory", "ephemeral-storage", "pid"}
}

func main() {
	kubelet, kubeletDate := download(kubeletModule, kubeletVersion)
	kubernetes, kubernetesDate := download(kubernetesModule, kubernetesVersion)
	r := newReader(filepath.Join(kubelet, typesFile), true)
	fields := r.object("KubeletConfiguration")

	byGo := map[string]string{}
	for name, f := range fields {
		if f.GoField != "" {
			byGo[f.GoField] = name
		}
	}
	mins := minimums(filepath.Join(kubernetes, validationFile))
	goNames := make([]string, 0, len(mins))
	for g := range mins {
		goNames = append(goNames, g)
	}
	sort.Strings(goNames)
	for _, g := range goNames {
		name, ok := byGo[g]
		if !ok {
			fail("validation bounds %s, which the v1beta1 type does not have", g)
		}
		f := fields[name]
		if f.Kind != "int32" && f.Kind != "int64" {
			fail("validation bounds %s, a %s", g, f.Kind)
		}
		n := json.Number(strconv.FormatInt(mins[g], 10))
		f.Minimum = &n
		f.MinimumBy = fmt.Sprintf("%s: kc.%s below %d is refused", validationFile, g, mins[g])
	}
	reserved, keys := reservable(filepath.Join(kubernetes, serverFile))
	for _, g := range reserved {
		name, ok := byGo[g]
		if !ok || fields[name].Kind != "stringMap" {
			fail("server.go parses %s as a resource list, which is no string map of the type", g)
		}
		fields[name].Kind = "quantityMap"
		fields[name].Keys = keys
	}

	table := map[string]any{
		"generatedBy":       "scripts/kubeletconfig (cd scripts/kubeletconfig && go run . > ../../src/data/kubelet-config.json)",
		"kubernetesVersion": strings.TrimPrefix(kubernetesVersion, "v"),
		"sources": append([]map[string]string{
			{"module": kubeletModule + "@" + kubeletVersion, "file": typesFile + " (KubeletConfiguration and the structs and typed strings it uses)", "published": kubeletDate},
			{"module": kubernetesModule + "@" + kubernetesVersion, "file": validationFile + " (ValidateKubeletConfiguration: unconditional lower bounds)", "published": kubernetesDate},
			{"module": kubernetesModule + "@" + kubernetesVersion, "file": serverFile + " (parseResourceList: kubeReserved, systemReserved)", "published": kubernetesDate},
		}, externalSources...),
		"fields": fields,
	}
	out, err := json.MarshalIndent(table, "", "  ")
	must(err, "json")
	fmt.Println(string(out))
}
