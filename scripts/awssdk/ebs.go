package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// VolumeType is one EBS volume type's limits as the EC2 model documents them.
type VolumeType struct {
	SizeGib      [2]int  `json:"sizeGib"`
	Iops         *[2]int `json:"iops,omitempty"`
	IopsRequired bool    `json:"iopsRequired"`
	Throughput   *[2]int `json:"throughput,omitempty"`
	// The ratios the EBS User Guide states (not the model): IOPS per GiB of size, above the IOPS every
	// volume of the type gets whatever its size; MiB/s per provisioned IOPS, above the baseline throughput.
	MaxIopsPerGib        float64 `json:"maxIopsPerGib,omitempty"`
	BaselineIops         int     `json:"baselineIops,omitempty"`
	MaxThroughputPerIops float64 `json:"maxThroughputPerIops,omitempty"`
}

// ratioSource is where the ratios below are stated; the model documents only the absolute ranges.
const ratioSource = "Amazon EBS User Guide, general-purpose.html (gp3: \"500 IOPS per GiB\", \".25 MiB/s per provisioned IOPS\", baseline 3,000 IOPS and 125 MiB/s) and provisioned-iops.html (io1: 50 IOPS per GiB; io2: 1,000 IOPS per GiB); the page is not reachable from where this ran (2026-12-05): the figures match copies of it and the EBS figures AWS publishes elsewhere"

// ratios per volume type, from ratioSource.
var ratios = map[string]VolumeType{
	"gp3": {MaxIopsPerGib: 500, BaselineIops: 3000, MaxThroughputPerIops: 0.25},
	"io1": {MaxIopsPerGib: 50},
	"io2": {MaxIopsPerGib: 1000},
}

// fieldDocs returns the doc comment of each field of the named struct in file.
func fieldDocs(file, structName string) map[string]string {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
	must(err, "parse "+file)
	docs := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != structName {
			return true
		}
		for _, fld := range ts.Type.(*ast.StructType).Fields.List {
			if len(fld.Names) == 1 && fld.Doc != nil {
				docs[fld.Names[0].Name] = fld.Doc.Text()
			}
		}
		return false
	})
	if len(docs) == 0 {
		must(fmt.Errorf("struct %s not found", structName), file)
	}
	return docs
}

var (
	// "  - gp3 : 3,000 - 80,000 IOPS", "  - st1 and sc1 : 125 - 16,384 GiB"
	rangeLine  = regexp.MustCompile(`(?m)^\s*-\s+([a-z0-9]+(?: and [a-z0-9]+)?)\s*:\s*([\d,]+)(?: \(default\))?\s*-\s*([\d,]+)\s+(IOPS|GiB)\s*$`)
	throughput = regexp.MustCompile(`throughput to provision for a (gp3) volume[\s\S]*Valid Range: Minimum value of ([\d,]+)\. Maximum value of ([\d,]+)\.`)
	required   = regexp.MustCompile(`Required for ([a-z0-9]+(?:, [a-z0-9]+)*(?:,? and [a-z0-9]+)?) volumes\.`)
)

func number(s string) int {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	must(err, "number "+s)
	return n
}

// ranges reads the "- type : lo - hi UNIT" lines of a doc; every line naming a unit must match.
func ranges(doc, unit string) map[string][2]int {
	out := map[string][2]int{}
	for _, m := range rangeLine.FindAllStringSubmatch(doc, -1) {
		if m[4] != unit {
			continue
		}
		for _, t := range strings.Split(m[1], " and ") {
			out[t] = [2]int{number(m[2]), number(m[3])}
		}
	}
	listed := strings.Count(doc, " "+unit+"\n") + strings.Count(doc, " "+unit)
	if len(out) == 0 || listed == 0 {
		must(fmt.Errorf("no %s ranges in %q", unit, doc), "ebs-volumes")
	}
	return out
}

func ebsVolumes(dir string) map[string]VolumeType {
	device := fieldDocs(filepath.Join(dir, "types", "types.go"), "LaunchTemplateEbsBlockDeviceRequest")
	create := fieldDocs(filepath.Join(dir, "api_op_CreateVolume.go"), "CreateVolumeInput")
	sizes := ranges(device["VolumeSize"], "GiB")
	iops := ranges(device["Iops"], "IOPS")
	tp := throughput.FindStringSubmatch(device["Throughput"])
	req := required.FindStringSubmatch(create["Iops"])
	if tp == nil || req == nil {
		must(fmt.Errorf("throughput %v, required %v", tp != nil, req != nil), "ebs-volumes: a doc the parser does not know")
	}
	needIops := map[string]bool{}
	for _, t := range regexp.MustCompile(`[a-z0-9]+`).FindAllString(strings.ReplaceAll(req[1], " and ", ","), -1) {
		needIops[t] = true
	}
	out := map[string]VolumeType{}
	for t, size := range sizes {
		v := VolumeType{SizeGib: size, IopsRequired: needIops[t]}
		if r, ok := iops[t]; ok {
			r := r
			v.Iops = &r
		}
		if r, ok := ratios[t]; ok {
			v.MaxIopsPerGib, v.BaselineIops, v.MaxThroughputPerIops = r.MaxIopsPerGib, r.BaselineIops, r.MaxThroughputPerIops
		}
		if t == tp[1] {
			r := [2]int{number(tp[2]), number(tp[3])}
			v.Throughput = &r
		}
		out[t] = v
	}
	for t := range iops {
		if _, ok := sizes[t]; !ok {
			must(fmt.Errorf("%s has IOPS but no size range", t), "ebs-volumes")
		}
	}
	return out
}
