// kubelet-probe: kubelet's own configuration type as a test oracle for src/data/kubelet-config.json.
// Built by scripts/build-tools.sh kubelet-probe against the k8s.io/kubelet version the table records.
//
//	kubelet-probe decode    read KubeletConfiguration JSON documents from stdin, one a line, and answer
//	                        each with one JSON line: the error of encoding/json.Unmarshal into the
//	                        v1beta1 type — what kubelet does with the merged drop-ins nodeadm writes
//	                        (k8s.io/kubernetes cmd/kubelet/app/server.go mergeKubeletConfigurations) —
//	                        and the error of the same decode with unknown fields disallowed
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	kubeletv1beta1 "k8s.io/kubelet/config/v1beta1"
)

type answer struct {
	Error   string `json:"error,omitempty"`
	Unknown string `json:"unknown,omitempty"`
}

func main() {
	if len(os.Args) != 2 || os.Args[1] != "decode" {
		fmt.Fprintln(os.Stderr, "usage: kubelet-probe decode < documents")
		os.Exit(2)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var a answer
		var lenient kubeletv1beta1.KubeletConfiguration
		if err := json.Unmarshal(in.Bytes(), &lenient); err != nil {
			a.Error = err.Error()
		}
		strict := json.NewDecoder(bytes.NewReader(in.Bytes()))
		strict.DisallowUnknownFields()
		var c kubeletv1beta1.KubeletConfiguration
		if err := strict.Decode(&c); err != nil {
			a.Unknown = err.Error()
		}
		if err := out.Encode(a); err != nil {
			panic(err)
		}
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
}
