// nodeadm-probe: nodeadm's own Go code as a test oracle, for what `nodeadm config check` does not
// reach. Built by scripts/build-tools.sh nodeadm-probe against the pinned nodeadm module.
//
//	nodeadm-probe decode FILE          decode a NodeConfig (JSON or YAML) into nodeadm's v1alpha1 API
//	                                   types, strictly (an unknown field fails), and print spec.kubelet
//	nodeadm-probe maxpods EXPR ENIS IPS evaluate a max-pods CEL expression over the variables nodeadm
//	                                   declares (default_enis, ips_per_eni, max_pods), with cel-go as
//	                                   nodeadm uses it, and print the integer
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/awslabs/amazon-eks-ami/nodeadm/api/v1alpha1"
	"github.com/google/cel-go/cel"
	"sigs.k8s.io/yaml"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func decode(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("read: %v", err)
	}
	var config v1alpha1.NodeConfig
	if err := yaml.UnmarshalStrict(data, &config); err != nil {
		fail("decode: %v", err)
	}
	out, err := json.Marshal(config.Spec.Kubelet)
	if err != nil {
		fail("encode: %v", err)
	}
	fmt.Println(string(out))
}

func maxPods(expression string, enis, ips int64) {
	env, err := cel.NewEnv(
		cel.Variable("default_enis", cel.IntType),
		cel.Variable("ips_per_eni", cel.IntType),
		cel.Variable("max_pods", cel.IntType),
	)
	if err != nil {
		fail("env: %v", err)
	}
	ast, issues := env.Compile(expression)
	if issues != nil && issues.Err() != nil {
		fail("compile: %v", issues.Err())
	}
	program, err := env.Program(ast)
	if err != nil {
		fail("program: %v", err)
	}
	value, _, err := program.Eval(map[string]any{"default_enis": enis, "ips_per_eni": ips, "max_pods": enis*(ips-1) + 2})
	if err != nil {
		fail("eval: %v", err)
	}
	n, ok := value.ConvertToType(cel.IntType).Value().(int64)
	if !ok {
		fail("not an integer: %v", value)
	}
	fmt.Println(n)
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "decode" {
		decode(os.Args[2])
		return
	}
	if len(os.Args) == 5 && os.Args[1] == "maxpods" {
		enis, err1 := strconv.ParseInt(os.Args[3], 10, 64)
		ips, err2 := strconv.ParseInt(os.Args[4], 10, 64)
		if err1 != nil || err2 != nil {
			fail("ENIS and IPS are integers")
		}
		maxPods(os.Args[2], enis, ips)
		return
	}
	fail("usage: nodeadm-probe decode FILE | maxpods EXPR ENIS IPS")
}
