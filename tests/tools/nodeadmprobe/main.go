// nodeadm-probe: nodeadm's own Go code as a test oracle, for what `nodeadm config check` does not
// reach. Built by scripts/build-tools.sh nodeadm-probe against the pinned nodeadm module.
//
//	nodeadm-probe decode FILE          decode a NodeConfig (JSON or YAML) into nodeadm's v1alpha1 API
//	                                   types, strictly (an unknown field fails), and print spec.kubelet
//	nodeadm-probe maxpods-nodeadm ENIS:IPS...
//	                                   read max-pods expressions from stdin (one JSON string a line) and
//	                                   answer each with one JSON line: nodeadm's compile error (if any),
//	                                   the checked output type, and for each ENIS:IPS what nodeadm's
//	                                   evaluateCustomMaxPodsExpression returns (a value, or its error)
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/awslabs/amazon-eks-ami/nodeadm/api/v1alpha1"
	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
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

// evaluateCustomMaxPodsExpression is nodeadm's function of the same name, copied line for line from
// nodeadm/internal/kubelet/eni_max_pods.go at the pinned version (Go forbids importing an internal
// package from outside its module); only zap's warning log is left out. realtools.test.ts checks
// that nodeadm's source still holds the lines this copy relies on.
func evaluateCustomMaxPodsExpression(expression string, defaultMaxENIs, ipv4AddressesPerInterface, standardMaxPods int32) (int32, error) {
	env, err := cel.NewEnv(
		cel.Variable("default_enis", cel.IntType),
		cel.Variable("ips_per_eni", cel.IntType),
		cel.Variable("max_pods", cel.IntType),
	)
	if err != nil {
		return -1, fmt.Errorf("failed to create environment for custom max pods expression: %w", err)
	}
	ast, issues := env.Compile(expression)
	if issues != nil {
		if issues.Err() != nil {
			return -1, fmt.Errorf("failed to compile custom max pods expression: %w", issues.Err())
		}
	}
	program, err := env.Program(ast)
	if err != nil {
		return -1, fmt.Errorf("failed to form program from custom max pods expression: %w", err)
	}
	rawVal, _, err := program.Eval(map[string]interface{}{
		"default_enis": defaultMaxENIs,
		"ips_per_eni":  ipv4AddressesPerInterface,
		"max_pods":     standardMaxPods,
	})
	if castVal := rawVal.ConvertToType(cel.IntType); types.IsError(castVal) {
		return -1, fmt.Errorf("could not interpret result \"%v\" from evaluation of custom max pods expression as an integer: %v", rawVal.Value(), castVal.Value())
	} else if int64Value, castOk := castVal.Value().(int64); !castOk {
		return -1, fmt.Errorf("could not cast %v from evaluation of custom max pods expression to an integer", int64Value)
	} else if int64Value > math.MaxInt32 || int64Value <= 0 {
		return -1, fmt.Errorf("max pods value %d from custom expression evaluation is invalid: value must be a positive integer less than %d", int64Value, math.MaxInt32)
	} else {
		return int32(int64Value), nil
	}
}

type outcome struct {
	Value *int32 `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
}

type verdict struct {
	// Compile is nodeadm's compile error; empty when the expression compiles.
	Compile string `json:"compile,omitempty"`
	// OutputType is the type cel-go's checker gives the result (nodeadm does not look at it; it converts the value).
	OutputType string    `json:"outputType,omitempty"`
	Results    []outcome `json:"results"`
}

func maxPodsNodeadm(instances []string) {
	type instance struct{ enis, ips int32 }
	var parsed []instance
	for _, arg := range instances {
		enis, ips, ok := strings.Cut(arg, ":")
		e, err1 := strconv.ParseInt(enis, 10, 32)
		i, err2 := strconv.ParseInt(ips, 10, 32)
		if !ok || err1 != nil || err2 != nil {
			fail("instances are ENIS:IPS, got %q", arg)
		}
		parsed = append(parsed, instance{int32(e), int32(i)})
	}
	env, err := cel.NewEnv(
		cel.Variable("default_enis", cel.IntType),
		cel.Variable("ips_per_eni", cel.IntType),
		cel.Variable("max_pods", cel.IntType),
	)
	if err != nil {
		fail("env: %v", err)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var expression string
		if err := json.Unmarshal(in.Bytes(), &expression); err != nil {
			fail("stdin: one JSON string a line: %v", err)
		}
		v := verdict{Results: []outcome{}}
		if ast, issues := env.Compile(expression); issues != nil && issues.Err() != nil {
			v.Compile = issues.Err().Error()
		} else {
			v.OutputType = ast.OutputType().String()
			for _, it := range parsed {
				// nodeadm's standard max pods: calculateStandardMaxPods in the same file.
				n, err := evaluateCustomMaxPodsExpression(expression, it.enis, it.ips, it.enis*(it.ips-1)+2)
				if err != nil {
					v.Results = append(v.Results, outcome{Error: err.Error()})
				} else {
					v.Results = append(v.Results, outcome{Value: &n})
				}
			}
		}
		if err := out.Encode(v); err != nil {
			fail("stdout: %v", err)
		}
	}
	if err := in.Err(); err != nil {
		fail("stdin: %v", err)
	}
}

func main() {
	if len(os.Args) >= 2 && os.Args[1] == "maxpods-nodeadm" {
		maxPodsNodeadm(os.Args[2:])
		return
	}
	if len(os.Args) == 3 && os.Args[1] == "decode" {
		decode(os.Args[2])
		return
	}
	fail("usage: nodeadm-probe decode FILE | maxpods-nodeadm ENIS:IPS...")
}
