// Valid and invalid node groups in one program, under the real engine, while other processes keep
// both cores busy: every run must fail reporting exactly the invalid groups, each with all its
// messages, and never blame or cut off a valid one. The engine stops a deployment at the first
// failed Construct (pkg/resource/deploy/source_eval.go), so this holds only because the provider
// fails invalid constructs once every other construct it was handed has its answer
// (src/provider/constructgate.ts) — not because anything waited long enough.
//
// E2E_MIXED_RUNS sets the runs per program and language (CI runs a few; `npm run stress:e2e` runs the
// long loop).
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/providertest/pulumitest"
	"google.golang.org/protobuf/types/known/structpb"
)

// The mixes the issue names: one invalid beside a valid one; two invalid beside a valid one; ten
// groups of which three are invalid (spread through the program, not all first or last).
var mixes = []struct{ name, groups string }{
	{"one-invalid", "good,bad"},
	{"two-invalid", "bad1,good,bad2"},
	{"ten-three-invalid", "good1,bad1,good2,good3,good4,bad2,good5,good6,bad3,good7"},
}

const validGroup = `  %s:
    type: eks-nodegroup:index:ManagedNodeGroup
    properties:
      cluster:
        name: prod
        endpoint: https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com
        serviceIpv4Cidr: 172.20.0.0/16
        clusterSecurityGroupId: sg-0c1a2b3c4d5e6f708
      nodeRoleArn: arn:aws:iam::123456789012:role/prod-nodes
      subnetIds: [subnet-0a1b2c3d4e5f60718]
      osFamily: AmazonLinux2023
      instanceTypes: [m6i.large]
      scalingConfig: { minSize: 1, maxSize: 3 }
`

// Two mistakes, so "all its messages" is more than one.
const invalidGroup = `  %s:
    type: eks-nodegroup:index:ManagedNodeGroup
    properties:
      cluster: { name: prod }
      nodeRoleArn: arn:aws:iam::123456789012:role/prod-nodes
      subnetIds: [subnet-0a1b2c3d4e5f60718]
      scalingConfig: { minSize: 3, maxSize: 2 }
      diskSize: 100
`

func isInvalid(group string) bool { return strings.HasPrefix(group, "bad") }

// A YAML program declaring the groups in order.
func mixedProgram(t *testing.T, groups []string) string {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("name: eks-nodegroup-mixed\nruntime: yaml\nresources:\n")
	for _, g := range groups {
		if isInvalid(g) {
			fmt.Fprintf(&b, invalidGroup, g)
		} else {
			fmt.Fprintf(&b, validGroup, g)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mixedRuns(t *testing.T) int {
	if s := os.Getenv("E2E_MIXED_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("E2E_MIXED_RUNS=%q is not a positive whole number", s)
		}
		return n
	}
	return 2
}

// loadCores starts one busy process per core, each ended by the returned function and, whatever
// happens to the test, by its own bound.
func loadCores(t *testing.T, bound time.Duration) func() {
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	var hogs []*exec.Cmd
	for i := 0; i < runtime.NumCPU(); i++ {
		hog := exec.CommandContext(ctx, "sh", "-c", "while :; do :; done")
		if err := hog.Start(); err != nil {
			cancel()
			t.Fatalf("starting the CPU hog: %v", err)
		}
		hogs = append(hogs, hog)
	}
	return func() {
		cancel()
		for _, h := range hogs {
			_ = h.Wait()
		}
	}
}

// checkMixedOutput asserts one run's outcome: the preview failed, each invalid group is reported
// with both its messages exactly once among the diagnostics, each valid group's children were planned and nothing blames it.
func checkMixedOutput(t *testing.T, run int, groups []string, out string, failed bool, hostLines []string) {
	t.Helper()
	var problems []string
	if !failed {
		problems = append(problems, "the preview succeeded")
	}
	// The engine's summary of errors, one entry per failed resource (the progress lines above it repeat the headlines).
	diagnostics := ""
	if i := strings.Index(out, "\nDiagnostics:"); i >= 0 {
		diagnostics = out[i:]
	} else {
		problems = append(problems, "the output has no Diagnostics section")
	}
	invalid := 0
	for _, g := range groups {
		if isInvalid(g) {
			invalid++
			headline := fmt.Sprintf(`resource '%s' has a problem: ManagedNodeGroup "%s" has 2 invalid settings`, g, g)
			if n := strings.Count(diagnostics, headline); n != 1 {
				problems = append(problems, fmt.Sprintf("%q appears %d times, want once", headline, n))
			}
			for _, never := range []string{"aws:ec2:LaunchTemplate " + g + " ", "aws:eks:NodeGroup " + g + " "} {
				if strings.Contains(out, never) {
					problems = append(problems, fmt.Sprintf("the invalid group's child is planned: %q", never))
				}
			}
			continue
		}
		for _, want := range []string{"aws:ec2:LaunchTemplate " + g + " create", "aws:eks:NodeGroup " + g + " create"} {
			if !strings.Contains(out, want) {
				problems = append(problems, fmt.Sprintf("the valid group is not planned: no %q", want))
			}
		}
		if strings.Contains(out, "resource '"+g+"' has a problem") {
			problems = append(problems, fmt.Sprintf("the valid group %s is blamed", g))
		}
	}
	for _, message := range []string{
		"property diskSize with value '{100}' has a problem: [ng-no-disk-size] EKS rejects diskSize",
		"property scalingConfig.minSize with value '{3}' has a problem: [ng-scaling]",
	} {
		if n := strings.Count(diagnostics, message); n != invalid {
			problems = append(problems, fmt.Sprintf("%q appears %d times, want %d (once per invalid group)", message, n, invalid))
		}
	}
	// What the language host itself prints about the failure is its own (see javaHostLines); the
	// rest may hold no trace of a construct cut off or a stack.
	var rest []string
	for _, line := range strings.Split(out, "\n") {
		if !containsAny(line, hostLines) {
			rest = append(rest, line)
		}
	}
	for _, never := range []string{"client connection is closing", "resource monitor shut down", "    at ", ".js:"} {
		if strings.Contains(strings.Join(rest, "\n"), never) {
			problems = append(problems, fmt.Sprintf("the output holds %q", never))
		}
	}
	if len(problems) > 0 {
		t.Errorf("run %d:\n  %s\npreview output:\n%s", run, strings.Join(problems, "\n  "), out)
	}
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// What the Java SDK and host print when a program's resource fails, whatever the resource (outside
// this package): the SDK reports the engine's answer to the failed Construct — source_eval.go
// answers every failed Construct with exactly "resource monitor shut down" — as an unhandled
// exception, once or twice; and pulumi-language-java v1.22.0 (cmd/pulumi-language-java/main.go)
// runs a debugger goroutine after every program exit, asked for or not, whose StartDebugging call
// fails with this line when the engine is already closing.
var javaHostLines = []string{
	"io.grpc.StatusRuntimeException: UNKNOWN: resource monitor shut down",
	"unable to start debugging: rpc error: code = Canceled desc = grpc: the client connection is closing",
}

// previewMixed runs the preview `runs` times with both cores loaded and checks each run.
func previewMixed(t *testing.T, test *pulumitest.PulumiTest, mock *awsMock, groups []string, runs int, hostLines []string) {
	stop := loadCores(t, time.Duration(runs)*3*time.Minute)
	defer stop()
	for run := 1; run <= runs; run++ {
		res, err := test.PreviewErr(t)
		out := res.StdOut + res.StdErr
		if err != nil {
			out += err.Error() // on failure the output is in the error
		}
		checkMixedOutput(t, run, groups, out, err != nil, hostLines)
	}
	if len(mock.creates)+len(mock.updates) != 0 {
		t.Errorf("the provider was asked to create or update: %v %v", mock.creates, mock.updates)
	}
}

func TestYamlMixedGroupsUnderLoad(t *testing.T) {
	runs := mixedRuns(t)
	for _, mix := range mixes {
		t.Run(mix.name, func(t *testing.T) {
			groups := strings.Split(mix.groups, ",")
			mock := &awsMock{versions: map[string]float64{}, last: map[string]*structpb.Struct{}}
			previewMixed(t, newTest(t, mock, mixedProgram(t, groups)), mock, groups, runs, nil)
		})
	}
}

// The same mixes from Java (tests/e2e/javamixed), one program whose config names the groups.
func TestJavaMixedGroupsUnderLoad(t *testing.T) {
	needJava(t)
	runs := mixedRuns(t)
	mock := &awsMock{versions: map[string]float64{}, last: map[string]*structpb.Struct{}}
	test := newTest(t, mock, "javamixed")
	for _, mix := range mixes {
		t.Run(mix.name, func(t *testing.T) {
			test.SetConfig(t, "groups", mix.groups)
			previewMixed(t, test, mock, strings.Split(mix.groups, ","), runs, javaHostLines)
		})
	}
}
