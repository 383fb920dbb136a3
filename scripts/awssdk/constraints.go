package main

// aws-constraints: the lengths, counts, ranges, enums and patterns that AWS's service models state
// for what the package sends — EKS's CreateNodegroup, UpdateNodegroupConfig and
// UpdateNodegroupVersion inputs, and EC2's CreateLaunchTemplate (its RequestLaunchTemplateData and
// the template's own tags) — keyed by the rules' Subject paths (@pulumi/aws v7 input names).
//
// The source is botocore's service-2.json, not aws-sdk-go-v2: the Go SDK's code keeps enums and
// required members only (min/max/pattern live in the Smithy JSON of its codegen/ tree, which no Go
// module holds, so the Go module proxy cannot serve it), while botocore's wheel ships the same models
// with every trait. The wheel is the newest published before the pinned @pulumi/aws (upload times
// from PyPI's simple index, PEP 691/700, the page pip itself reads), fetched with pip download.
//
// EC2's model states few ranges as traits; the rest are in its documentation ("Possible values:
// Integers from 1 to 64", "Valid values: a | b", "Min: 30 seconds. Max: 60 seconds."). docFacts
// reads those phrases in the forms it knows, and fails on any other sentence that looks like a
// limit, so a reworded model is noticed, not misread. Every constrained member is named in
// members, with its Subject path or why no rule reads it; one the table does not name, or a name
// the model no longer has, fails the run.

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Constraint is what the model says of one member. Lengths count Unicode characters; a pattern is
// the model's (Smithy: not anchored); ReservedPrefix is refused in any case (aws:, AWS:, Aws:).
type Constraint struct {
	Type           string   `json:"type"`
	MinLength      *int     `json:"minLength,omitempty"`
	MaxLength      *int     `json:"maxLength,omitempty"`
	MaxBytes       *int     `json:"maxBytes,omitempty"`
	Pattern        string   `json:"pattern,omitempty"`
	Enum           []string `json:"enum,omitempty"`
	Min            *int     `json:"min,omitempty"`
	Max            *int     `json:"max,omitempty"`
	MinItems       *int     `json:"minItems,omitempty"`
	MaxItems       *int     `json:"maxItems,omitempty"`
	ReservedPrefix string   `json:"reservedPrefix,omitempty"`
	From           []string `json:"from"`
}

func (c Constraint) empty() bool {
	return c.MinLength == nil && c.MaxLength == nil && c.MaxBytes == nil && c.Pattern == "" && c.Enum == nil && c.Min == nil &&
		c.Max == nil && c.MinItems == nil && c.MaxItems == nil && c.ReservedPrefix == ""
}

type shape struct {
	Type          string            `json:"type"`
	Min           *json.Number      `json:"min"`
	Max           *json.Number      `json:"max"`
	Pattern       string            `json:"pattern"`
	Enum          []string          `json:"enum"`
	Members       map[string]member `json:"members"`
	Member        *member           `json:"member"`
	Key           *member           `json:"key"`
	Value         *member           `json:"value"`
	Documentation string            `json:"documentation"`
}

type member struct {
	Shape         string `json:"shape"`
	Documentation string `json:"documentation"`
}

type model struct {
	Operations map[string]struct {
		Input struct{ Shape string } `json:"input"`
	} `json:"operations"`
	Shapes map[string]shape `json:"shapes"`
}

// target: the Subject path a model member is checked at, or why it is not (skip).
type target struct{ path, skip string }

const (
	notSent      = "not sent by this package or the AWS provider for it"
	providerSets = "set by the AWS provider, not by an input"
)

// members names every constrained member reachable from the operations read, by model path
// (operation, members, [] for a list element, {key}/{value} for a map's).
var members = map[string]target{
	// EKS: the node group.
	"CreateNodegroup.scalingConfig.minSize":                                                    {path: "nodeGroup.scalingConfig.minSize"},
	"CreateNodegroup.scalingConfig.maxSize":                                                    {path: "nodeGroup.scalingConfig.maxSize"},
	"CreateNodegroup.scalingConfig.desiredSize":                                                {path: "nodeGroup.scalingConfig.desiredSize"},
	"CreateNodegroup.amiType":                                                                  {path: "nodeGroup.amiType"},
	"CreateNodegroup.labels{key}":                                                              {path: "nodeGroup.labels{key}"},
	"CreateNodegroup.labels{value}":                                                            {path: "nodeGroup.labels{value}"},
	"CreateNodegroup.taints[].key":                                                             {path: "nodeGroup.taints[].key"},
	"CreateNodegroup.taints[].value":                                                           {path: "nodeGroup.taints[].value"},
	"CreateNodegroup.taints[].effect":                                                          {path: "nodeGroup.taints[].effect"},
	"CreateNodegroup.tags":                                                                     {path: "nodeGroup.tags"},
	"CreateNodegroup.tags{key}":                                                                {path: "nodeGroup.tags{key}"},
	"CreateNodegroup.tags{value}":                                                              {path: "nodeGroup.tags{value}"},
	"CreateNodegroup.updateConfig.maxUnavailable":                                              {path: "nodeGroup.updateConfig.maxUnavailable"},
	"CreateNodegroup.updateConfig.maxUnavailablePercentage":                                    {path: "nodeGroup.updateConfig.maxUnavailablePercentage"},
	"CreateNodegroup.updateConfig.updateStrategy":                                              {path: "nodeGroup.updateConfig.updateStrategy"},
	"CreateNodegroup.nodeRepairConfig.maxUnhealthyNodeThresholdCount":                          {path: "nodeGroup.nodeRepairConfig.maxUnhealthyNodeThresholdCount"},
	"CreateNodegroup.nodeRepairConfig.maxUnhealthyNodeThresholdPercentage":                     {path: "nodeGroup.nodeRepairConfig.maxUnhealthyNodeThresholdPercentage"},
	"CreateNodegroup.nodeRepairConfig.maxParallelNodesRepairedCount":                           {path: "nodeGroup.nodeRepairConfig.maxParallelNodesRepairedCount"},
	"CreateNodegroup.nodeRepairConfig.maxParallelNodesRepairedPercentage":                      {path: "nodeGroup.nodeRepairConfig.maxParallelNodesRepairedPercentage"},
	"CreateNodegroup.nodeRepairConfig.nodeRepairConfigOverrides[].minRepairWaitTimeMins":       {path: "nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].minRepairWaitTimeMins"},
	"CreateNodegroup.nodeRepairConfig.nodeRepairConfigOverrides[].repairAction":                {path: "nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].repairAction"},
	"CreateNodegroup.capacityType":                                                             {path: "nodeGroup.capacityType"},
	"CreateNodegroup.warmPoolConfig.minSize":                                                   {path: "nodeGroup.warmPoolConfig.minSize"},
	"CreateNodegroup.warmPoolConfig.poolState":                                                 {path: "nodeGroup.warmPoolConfig.poolState"},
	"UpdateNodegroupConfig.labels.addOrUpdateLabels{key}":                                      {path: "nodeGroup.labels{key}"},
	"UpdateNodegroupConfig.labels.addOrUpdateLabels{value}":                                    {path: "nodeGroup.labels{value}"},
	"UpdateNodegroupConfig.taints.addOrUpdateTaints[].key":                                     {path: "nodeGroup.taints[].key"},
	"UpdateNodegroupConfig.taints.addOrUpdateTaints[].value":                                   {path: "nodeGroup.taints[].value"},
	"UpdateNodegroupConfig.taints.addOrUpdateTaints[].effect":                                  {path: "nodeGroup.taints[].effect"},
	"UpdateNodegroupConfig.taints.removeTaints[].key":                                          {skip: "the provider removes taints the node group had (names from EKS, not an input)"},
	"UpdateNodegroupConfig.taints.removeTaints[].value":                                        {skip: "the provider removes taints the node group had (names from EKS, not an input)"},
	"UpdateNodegroupConfig.taints.removeTaints[].effect":                                       {skip: "the provider removes taints the node group had (names from EKS, not an input)"},
	"UpdateNodegroupConfig.scalingConfig.minSize":                                              {path: "nodeGroup.scalingConfig.minSize"},
	"UpdateNodegroupConfig.scalingConfig.maxSize":                                              {path: "nodeGroup.scalingConfig.maxSize"},
	"UpdateNodegroupConfig.scalingConfig.desiredSize":                                          {path: "nodeGroup.scalingConfig.desiredSize"},
	"UpdateNodegroupConfig.updateConfig.maxUnavailable":                                        {path: "nodeGroup.updateConfig.maxUnavailable"},
	"UpdateNodegroupConfig.updateConfig.maxUnavailablePercentage":                              {path: "nodeGroup.updateConfig.maxUnavailablePercentage"},
	"UpdateNodegroupConfig.updateConfig.updateStrategy":                                        {path: "nodeGroup.updateConfig.updateStrategy"},
	"UpdateNodegroupConfig.nodeRepairConfig.maxUnhealthyNodeThresholdCount":                    {path: "nodeGroup.nodeRepairConfig.maxUnhealthyNodeThresholdCount"},
	"UpdateNodegroupConfig.nodeRepairConfig.maxUnhealthyNodeThresholdPercentage":               {path: "nodeGroup.nodeRepairConfig.maxUnhealthyNodeThresholdPercentage"},
	"UpdateNodegroupConfig.nodeRepairConfig.maxParallelNodesRepairedCount":                     {path: "nodeGroup.nodeRepairConfig.maxParallelNodesRepairedCount"},
	"UpdateNodegroupConfig.nodeRepairConfig.maxParallelNodesRepairedPercentage":                {path: "nodeGroup.nodeRepairConfig.maxParallelNodesRepairedPercentage"},
	"UpdateNodegroupConfig.nodeRepairConfig.nodeRepairConfigOverrides[].minRepairWaitTimeMins": {path: "nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].minRepairWaitTimeMins"},
	"UpdateNodegroupConfig.nodeRepairConfig.nodeRepairConfigOverrides[].repairAction":          {path: "nodeGroup.nodeRepairConfig.nodeRepairConfigOverrides[].repairAction"},
	"UpdateNodegroupConfig.warmPoolConfig.minSize":                                             {path: "nodeGroup.warmPoolConfig.minSize"},
	"UpdateNodegroupConfig.warmPoolConfig.poolState":                                           {path: "nodeGroup.warmPoolConfig.poolState"},

	// EC2: the launch template.
	"CreateLaunchTemplate.ClientToken":                                                                                  {skip: providerSets},
	"CreateLaunchTemplate.VersionDescription":                                                                           {path: "launchTemplate.description"},
	"CreateLaunchTemplate.TagSpecifications[].ResourceType":                                                             {skip: providerSets + " (launch-template)"},
	"CreateLaunchTemplate.TagSpecifications[].Tags[].Key":                                                               {path: "launchTemplate.tags{key}"},
	"CreateLaunchTemplate.TagSpecifications[].Tags[].Value":                                                             {path: "launchTemplate.tags{value}"},
	"CreateLaunchTemplate.LaunchTemplateData.BlockDeviceMappings[].Ebs.VolumeType":                                      {path: "launchTemplate.blockDeviceMappings[].ebs.volumeType"},
	"CreateLaunchTemplate.LaunchTemplateData.BlockDeviceMappings[].Ebs.Throughput":                                      {path: "launchTemplate.blockDeviceMappings[].ebs.throughput"},
	"CreateLaunchTemplate.LaunchTemplateData.BlockDeviceMappings[].Ebs.VolumeInitializationRate":                        {path: "launchTemplate.blockDeviceMappings[].ebs.volumeInitializationRate"},
	"CreateLaunchTemplate.LaunchTemplateData.NetworkInterfaces[].InterfaceType":                                         {path: "launchTemplate.networkInterfaces[].interfaceType"},
	"CreateLaunchTemplate.LaunchTemplateData.NetworkInterfaces[].ConnectionTrackingSpecification.TcpEstablishedTimeout": {path: "launchTemplate.networkInterfaces[].connectionTrackingSpecification.tcpEstablishedTimeout"},
	"CreateLaunchTemplate.LaunchTemplateData.NetworkInterfaces[].ConnectionTrackingSpecification.UdpStreamTimeout":      {path: "launchTemplate.networkInterfaces[].connectionTrackingSpecification.udpStreamTimeout"},
	"CreateLaunchTemplate.LaunchTemplateData.NetworkInterfaces[].ConnectionTrackingSpecification.UdpTimeout":            {path: "launchTemplate.networkInterfaces[].connectionTrackingSpecification.udpTimeout"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceType":                                                              {skip: "open: EC2 adds instance types after the model is cut; the instance-type rules and table check names"},
	"CreateLaunchTemplate.LaunchTemplateData.Placement.Tenancy":                                                         {path: "launchTemplate.placement.tenancy"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceInitiatedShutdownBehavior":                                         {path: "launchTemplate.instanceInitiatedShutdownBehavior"},
	"CreateLaunchTemplate.LaunchTemplateData.UserData":                                                                  {path: "launchTemplate.userData"},
	"CreateLaunchTemplate.LaunchTemplateData.TagSpecifications[].ResourceType":                                          {path: "launchTemplate.tagSpecifications[].resourceType"},
	"CreateLaunchTemplate.LaunchTemplateData.TagSpecifications[].Tags[].Key":                                            {path: "launchTemplate.tagSpecifications[].tags{key}"},
	"CreateLaunchTemplate.LaunchTemplateData.TagSpecifications[].Tags[].Value":                                          {path: "launchTemplate.tagSpecifications[].tags{value}"},
	"CreateLaunchTemplate.LaunchTemplateData.ElasticInferenceAccelerators[].Count":                                      {skip: "not an input of the pinned @pulumi/aws (Elastic Inference is retired)"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceMarketOptions.MarketType":                                          {path: "launchTemplate.instanceMarketOptions.marketType"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceMarketOptions.SpotOptions.SpotInstanceType":                        {path: "launchTemplate.instanceMarketOptions.spotOptions.spotInstanceType"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior":            {path: "launchTemplate.instanceMarketOptions.spotOptions.instanceInterruptionBehavior"},
	"CreateLaunchTemplate.LaunchTemplateData.CreditSpecification.CpuCredits":                                            {path: "launchTemplate.creditSpecification.cpuCredits"},
	"CreateLaunchTemplate.LaunchTemplateData.CpuOptions.AmdSevSnp":                                                      {path: "launchTemplate.cpuOptions.amdSevSnp"},
	"CreateLaunchTemplate.LaunchTemplateData.CpuOptions.NestedVirtualization":                                           {path: "launchTemplate.cpuOptions.nestedVirtualization"},
	"CreateLaunchTemplate.LaunchTemplateData.CapacityReservationSpecification.CapacityReservationPreference":            {path: "launchTemplate.capacityReservationSpecification.capacityReservationPreference"},
	"CreateLaunchTemplate.LaunchTemplateData.MetadataOptions.HttpTokens":                                                {path: "launchTemplate.metadataOptions.httpTokens"},
	"CreateLaunchTemplate.LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit":                                   {path: "launchTemplate.metadataOptions.httpPutResponseHopLimit"},
	"CreateLaunchTemplate.LaunchTemplateData.MetadataOptions.HttpEndpoint":                                              {path: "launchTemplate.metadataOptions.httpEndpoint"},
	"CreateLaunchTemplate.LaunchTemplateData.MetadataOptions.HttpProtocolIpv6":                                          {path: "launchTemplate.metadataOptions.httpProtocolIpv6"},
	"CreateLaunchTemplate.LaunchTemplateData.MetadataOptions.InstanceMetadataTags":                                      {path: "launchTemplate.metadataOptions.instanceMetadataTags"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.CpuManufacturers[]":                                   {path: "launchTemplate.instanceRequirements.cpuManufacturers[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.ExcludedInstanceTypes":                                {path: "launchTemplate.instanceRequirements.excludedInstanceTypes"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.ExcludedInstanceTypes[]":                              {path: "launchTemplate.instanceRequirements.excludedInstanceTypes[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.InstanceGenerations[]":                                {path: "launchTemplate.instanceRequirements.instanceGenerations[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.BareMetal":                                            {path: "launchTemplate.instanceRequirements.bareMetal"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.BurstablePerformance":                                 {path: "launchTemplate.instanceRequirements.burstablePerformance"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.LocalStorage":                                         {path: "launchTemplate.instanceRequirements.localStorage"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.LocalStorageTypes[]":                                  {path: "launchTemplate.instanceRequirements.localStorageTypes[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.AcceleratorTypes[]":                                   {path: "launchTemplate.instanceRequirements.acceleratorTypes[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.AcceleratorManufacturers[]":                           {path: "launchTemplate.instanceRequirements.acceleratorManufacturers[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.AcceleratorNames[]":                                   {path: "launchTemplate.instanceRequirements.acceleratorNames[]"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.AllowedInstanceTypes":                                 {path: "launchTemplate.instanceRequirements.allowedInstanceTypes"},
	"CreateLaunchTemplate.LaunchTemplateData.InstanceRequirements.AllowedInstanceTypes[]":                               {path: "launchTemplate.instanceRequirements.allowedInstanceTypes[]"},
	"CreateLaunchTemplate.LaunchTemplateData.PrivateDnsNameOptions.HostnameType":                                        {path: "launchTemplate.privateDnsNameOptions.hostnameType"},
	"CreateLaunchTemplate.LaunchTemplateData.MaintenanceOptions.AutoRecovery":                                           {path: "launchTemplate.maintenanceOptions.autoRecovery"},
	"CreateLaunchTemplate.LaunchTemplateData.NetworkPerformanceOptions.BandwidthWeighting":                              {path: "launchTemplate.networkPerformanceOptions.bandwidthWeighting"},
	"CreateLaunchTemplate.LaunchTemplateData.SecondaryInterfaces[].InterfaceType":                                       {path: "launchTemplate.secondaryInterfaces[].interfaceType"},
}

// The operations whose inputs the package's resources become.
var operations = map[string][]string{
	"eks": {"CreateNodegroup", "UpdateNodegroupConfig", "UpdateNodegroupVersion"},
	"ec2": {"CreateLaunchTemplate"},
}

var (
	spaces = regexp.MustCompile(`\s+`)
	tags   = regexp.MustCompile(`<[^>]*>`)
	// A sentence that states a limit: each must be one of the forms below.
	limitLike = regexp.MustCompile(`Possible values|Valid values:|Valid [Rr]ange|Constraints?:|\bMin:|\bMax:|limited to|maximum number is|Maximum number of|Maximum (?:key|value) length|aws:`)
)

// A documentation form: the phrase, and what it says of the member (self), a map's keys or its values.
type form struct {
	re    *regexp.Regexp
	apply func(m []string, self, key, value *Constraint)
}

func intp(n int) *int { return &n }

func num(s string) int {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	must(err, "number "+s)
	return n
}

var forms = []form{
	{regexp.MustCompile(`Possible values: Integers from ([\d,]+) to ([\d,]+)`), func(m []string, s, _, _ *Constraint) {
		s.Min, s.Max = intp(num(m[1])), intp(num(m[2]))
	}},
	{regexp.MustCompile(`Valid Range: Minimum value of ([\d,]+)\. Maximum value of ([\d,]+)\.`), func(m []string, s, _, _ *Constraint) {
		s.Min, s.Max = intp(num(m[1])), intp(num(m[2]))
	}},
	{regexp.MustCompile(`Valid range: ([\d,]+) - ([\d,]+) MiB/s`), func(m []string, s, _, _ *Constraint) {
		s.Min, s.Max = intp(num(m[1])), intp(num(m[2]))
	}},
	{regexp.MustCompile(`Min: ([\d,]+) seconds\. Max: ([\d,]+) seconds(?: \([^)]*\))?\.`), func(m []string, s, _, _ *Constraint) {
		s.Min, s.Max = intp(num(m[1])), intp(num(m[2]))
	}},
	{regexp.MustCompile(`Valid values: ([a-z0-9-]+(?: \| [a-z0-9-]+)+)`), func(m []string, s, _, _ *Constraint) {
		s.Enum = strings.Split(m[1], " | ")
	}},
	{regexp.MustCompile(`Constraints: Tag (?:keys|values) are case-sensitive and accept a maximum of ([\d,]+) Unicode characters\.`), func(m []string, s, _, _ *Constraint) {
		s.MaxLength = intp(num(m[1]))
	}},
	{regexp.MustCompile(`May not begin with aws: \.`), func(_ []string, s, _, _ *Constraint) { s.ReservedPrefix = "aws:" }},
	{regexp.MustCompile(`Constraint: Maximum ([\d,]+) ASCII characters\.`), func(m []string, s, _, _ *Constraint) {
		s.MaxLength = intp(num(m[1]))
	}},
	{regexp.MustCompile(`User data is limited to ([\d,]+) KB\.`), func(m []string, s, _, _ *Constraint) {
		s.MaxBytes = intp(num(m[1]) * 1024)
	}},
	{regexp.MustCompile(`The maximum number is ([\d,]+)\.`), func(m []string, s, _, _ *Constraint) { s.Max = intp(num(m[1])) }},
	// EKS's TagMap: a list of the tagging rules.
	{regexp.MustCompile(`Maximum number of tags per resource – ([\d,]+)`), func(m []string, s, _, _ *Constraint) { s.MaxItems = intp(num(m[1])) }},
	{regexp.MustCompile(`Maximum key length – ([\d,]+) Unicode characters in UTF-8`), func(m []string, _, k, _ *Constraint) { k.MaxLength = intp(num(m[1])) }},
	{regexp.MustCompile(`Maximum value length – ([\d,]+) Unicode characters in UTF-8`), func(m []string, _, _, v *Constraint) { v.MaxLength = intp(num(m[1])) }},
	{regexp.MustCompile(`Do not use aws: , AWS: , or any upper or lowercase combination of such as a prefix for either keys or values as it is reserved for Amazon Web Services use\.`),
		func(_ []string, _, k, v *Constraint) { k.ReservedPrefix, v.ReservedPrefix = "aws:", "aws:" }},
}

func text(doc string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(tags.ReplaceAllString(doc, " ")), " "))
}

// docFacts reads the limits a documentation string states; a limit-like phrase of no known form fails.
func docFacts(doc, where string) (self, key, value Constraint) {
	t := text(doc)
	for _, f := range forms {
		for _, m := range f.re.FindAllStringSubmatch(t, -1) {
			f.apply(m, &self, &key, &value)
		}
		t = f.re.ReplaceAllString(t, " ")
	}
	if loc := limitLike.FindStringIndex(t); loc != nil {
		start, end := max(0, loc[0]-80), min(len(t), loc[1]+120)
		must(fmt.Errorf("a limit in a form the parser does not know: …%s…", t[start:end]), where)
	}
	return self, key, value
}

func trait(n *json.Number) *int {
	if n == nil {
		return nil
	}
	v, err := n.Int64()
	must(err, "trait "+n.String())
	return intp(int(v))
}

// traits: what the shape's own traits say (min/max mean a length, a count or a value by its type).
func traits(s shape) Constraint {
	c := Constraint{Pattern: s.Pattern, Enum: s.Enum}
	switch s.Type {
	case "string":
		c.MinLength, c.MaxLength = trait(s.Min), trait(s.Max)
	case "list", "map":
		c.MinItems, c.MaxItems = trait(s.Min), trait(s.Max)
	case "integer", "long":
		c.Min, c.Max = trait(s.Min), trait(s.Max)
	case "boolean", "structure", "timestamp", "double", "float", "blob":
		if s.Min != nil || s.Max != nil {
			must(fmt.Errorf("min/max on a %s", s.Type), "traits")
		}
	default:
		must(fmt.Errorf("shape type %q", s.Type), "traits")
	}
	return c
}

// merge adds b's facts to a; the same fact stated twice must agree.
func merge(a *Constraint, b Constraint, where string) {
	av, bv := reflect.ValueOf(a).Elem(), reflect.ValueOf(b)
	for i := 0; i < av.NumField(); i++ {
		name := av.Type().Field(i).Name
		if name == "From" || name == "Type" || bv.Field(i).IsZero() {
			continue
		}
		if !av.Field(i).IsZero() && !reflect.DeepEqual(av.Field(i).Interface(), bv.Field(i).Interface()) {
			must(fmt.Errorf("%s stated as %v and as %v", name, av.Field(i).Interface(), bv.Field(i).Interface()), where)
		}
		av.Field(i).Set(bv.Field(i))
	}
}

type walker struct {
	service string
	m       model
	out     map[string]*Constraint
	used    map[string]bool
}

// visit collects the member at path (shape name, the member's doc and extra facts from its container's doc) and walks into it.
func (w *walker) visit(path, shapeName, doc string, extra Constraint, stack []string) {
	for _, s := range stack {
		if s == shapeName {
			return // a recursive shape: its members were seen on the way in
		}
	}
	s, ok := w.m.Shapes[shapeName]
	if !ok {
		must(fmt.Errorf("no shape %s", shapeName), path)
	}
	c := traits(s)
	self, key, value := docFacts(doc, path)
	shapeSelf, shapeKey, shapeValue := docFacts(s.Documentation, path+" ("+shapeName+")")
	merge(&c, self, path)
	merge(&c, shapeSelf, path)
	merge(&c, extra, path)
	merge(&key, shapeKey, path)
	merge(&value, shapeValue, path)
	if !c.empty() {
		w.record(path, shapeName, s.Type, c)
	}
	stack = append(stack, shapeName)
	switch s.Type {
	case "structure":
		names := make([]string, 0, len(s.Members))
		for n := range s.Members {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			w.visit(path+"."+n, s.Members[n].Shape, s.Members[n].Documentation, Constraint{}, stack)
		}
	case "list":
		w.visit(path+"[]", s.Member.Shape, s.Member.Documentation, Constraint{}, stack)
	case "map":
		w.visit(path+"{key}", s.Key.Shape, s.Key.Documentation, key, stack)
		w.visit(path+"{value}", s.Value.Shape, s.Value.Documentation, value, stack)
	}
	if s.Type != "map" && (!key.empty() || !value.empty()) {
		must(fmt.Errorf("key or value limits on a %s", s.Type), path)
	}
}

func (w *walker) record(path, shapeName, typ string, c Constraint) {
	t, ok := members[path]
	if !ok {
		must(fmt.Errorf("constrained (%+v) but not named in members: give its Subject path or why it is not checked", c), path)
	}
	w.used[path] = true
	if t.skip != "" {
		return
	}
	c.Type = typ
	c.From = []string{fmt.Sprintf("%s %s (%s)", w.service, path, shapeName)}
	if prev, ok := w.out[t.path]; ok {
		if prev.Type != c.Type {
			must(fmt.Errorf("%s and %s at one Subject path", prev.Type, c.Type), path)
		}
		merge(prev, c, path)
		prev.From = append(prev.From, c.From...)
		return
	}
	w.out[t.path] = &c
}

type wheelFile struct {
	Filename   string `json:"filename"`
	UploadTime string `json:"upload-time"`
	Yanked     any    `json:"yanked"`
}

// botocoreBefore is the newest botocore wheel uploaded before t, from PyPI's simple index (JSON, PEP 691/700).
func botocoreBefore(t time.Time) (version string, uploaded time.Time) {
	req, err := http.NewRequest("GET", "https://pypi.org/simple/botocore/", nil)
	must(err, "request")
	req.Header.Set("Accept", "application/vnd.pypi.simple.v1+json")
	resp, err := http.DefaultClient.Do(req)
	must(err, "PyPI simple index")
	defer resp.Body.Close()
	var index struct{ Files []wheelFile }
	must(json.NewDecoder(resp.Body).Decode(&index), "PyPI simple index")
	wheel := regexp.MustCompile(`^botocore-(\d+\.\d+\.\d+)-py3-none-any\.whl$`)
	for _, f := range index.Files {
		m := wheel.FindStringSubmatch(f.Filename)
		if m == nil || (f.Yanked != nil && f.Yanked != false) {
			continue
		}
		at, err := time.Parse(time.RFC3339, f.UploadTime)
		must(err, "upload time of "+f.Filename)
		if at.Before(t) && at.After(uploaded) {
			version, uploaded = m[1], at
		}
	}
	if version == "" {
		must(fmt.Errorf("no botocore wheel before %s", t), "PyPI")
	}
	return version, uploaded
}

// serviceModel reads botocore/data/SERVICE/<newest API version>/service-2.json.gz from the wheel.
func serviceModel(wheel *zip.Reader, service string) (model, string) {
	prefix := "botocore/data/" + service + "/"
	var name string
	for _, f := range wheel.File {
		if strings.HasPrefix(f.Name, prefix) && strings.HasSuffix(f.Name, "/service-2.json.gz") && f.Name > name {
			name = f.Name
		}
	}
	if name == "" {
		must(fmt.Errorf("no %sservice-2.json.gz", prefix), "botocore wheel")
	}
	f, err := wheel.Open(name)
	must(err, name)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	must(err, name)
	dec := json.NewDecoder(gz)
	dec.UseNumber()
	var m model
	must(dec.Decode(&m), name)
	return m, name
}

func awsConstraints() map[string]any {
	pulumiVersion, published := pulumiAws()
	version, uploaded := botocoreBefore(published)
	dir, err := os.MkdirTemp("", "botocore")
	must(err, "temp dir")
	defer os.RemoveAll(dir)
	cmd := []string{"download", "botocore==" + version, "--no-deps", "--only-binary", ":all:", "--no-cache-dir", "-d", dir}
	run("pip", cmd...)
	wheelPath := filepath.Join(dir, "botocore-"+version+"-py3-none-any.whl")
	raw, err := os.ReadFile(wheelPath)
	must(err, "wheel")
	wheel, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	must(err, "wheel")
	out := map[string]*Constraint{}
	used := map[string]bool{}
	sources := []string{}
	for _, service := range []string{"eks", "ec2"} {
		m, file := serviceModel(wheel, service)
		sources = append(sources, fmt.Sprintf("botocore %s (PyPI) %s, operations %s (uploaded %s; the newest before @pulumi/aws %s, published %s)",
			version, file, strings.Join(operations[service], ", "), uploaded.Format("2006-01-02"), pulumiVersion, published.Format("2006-01-02")))
		w := &walker{service: service, m: m, out: out, used: used}
		for _, op := range operations[service] {
			o, ok := m.Operations[op]
			if !ok {
				must(fmt.Errorf("no operation %s", op), service)
			}
			w.visit(op, o.Input.Shape, "", Constraint{}, nil)
		}
	}
	for path := range members {
		if !used[path] {
			must(fmt.Errorf("named in members but the model states no limit there (or has no such member)"), path)
		}
	}
	skipped := map[string]string{}
	for path, t := range members {
		if t.skip != "" {
			skipped[path] = t.skip
		}
	}
	return map[string]any{"pulumiAws": pulumiVersion, "sources": sources, "constraints": out, "notChecked": skipped}
}
