// Hand-written (scripts/sdk.sh keeps it across regeneration).

// Package nodegrouptest tests ManagedNodeGroup definitions under pulumi.WithMocks. The rules run
// inside the component provider, which mocks never start: Mocks records each ManagedNodeGroup's
// inputs, and Validate checks them with the provider executable's `validate` mode — the same rules,
// property paths and messages `pulumi preview` gives. See docs/testing.md.
//
//	mocks := nodegrouptest.NewMocks()
//	err := pulumi.RunErr(program, pulumi.WithMocks("project", "stack", mocks))
//	nodegrouptest.AssertValid(t, mocks, "general")
package nodegrouptest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"google.golang.org/protobuf/types/known/structpb"
)

// ManagedNodeGroupType is the component's type token.
const ManagedNodeGroupType = "eks-nodegroup:index:ManagedNodeGroup"

// ProviderExecutable is the component provider that answers `validate`.
const ProviderExecutable = "pulumi-resource-eks-nodegroup"

// Registered is one resource as the mocks recorded it.
type Registered struct {
	Type, Name string
	Inputs     resource.PropertyMap
	// Wire is the inputs as the program sent them, unknown values included (Inputs drops those:
	// the Go mock monitor unmarshals without them).
	Wire *structpb.Struct
}

// Mocks records every resource registered (pulumi.MockResourceMonitor).
type Mocks struct {
	mu        sync.Mutex
	Resources []Registered
}

// NewMocks returns empty Mocks.
func NewMocks() *Mocks { return &Mocks{} }

// NewResource records the resource and answers with its inputs as its state.
func (m *Mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Resources = append(m.Resources, Registered{Type: args.TypeToken, Name: args.Name, Inputs: args.Inputs, Wire: args.RegisterRPC.GetObject()})
	return args.Name + "-id", args.Inputs.Copy(), nil
}

// Call answers every function call with nothing.
func (m *Mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// InputsOf returns the inputs the ManagedNodeGroup `name` was registered with.
func (m *Mocks) InputsOf(name string) (resource.PropertyMap, error) {
	r, err := m.nodeGroup(name)
	if err != nil {
		return nil, err
	}
	return r.Inputs, nil
}

func (m *Mocks) nodeGroup(name string) (Registered, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var registered []string
	for _, r := range m.Resources {
		if r.Type == ManagedNodeGroupType && r.Name == name {
			return r, nil
		}
		registered = append(registered, fmt.Sprintf("%s %q", r.Type, r.Name))
	}
	if len(registered) == 0 {
		registered = []string{"nothing"}
	}
	return Registered{}, fmt.Errorf("no %s named %q was registered; registered: %s", ManagedNodeGroupType, name, strings.Join(registered, ", "))
}

// Diagnostic is one rule finding.
type Diagnostic struct {
	Severity string `json:"severity"`
	RuleID   string `json:"ruleId"`
	Property string `json:"property"`
	Message  string `json:"message"`
}

// Validation is what the provider's validate answered (the plan JSON of `eks-nodegroup plan --json`).
type Validation struct {
	Name        string
	Valid       bool         `json:"valid"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Plan is the whole answer: the resources preview would create, the decoded user data.
	Plan map[string]any `json:"-"`
}

// Errors are the findings of severity error.
func (v *Validation) Errors() []Diagnostic {
	var out []Diagnostic
	for _, d := range v.Diagnostics {
		if d.Severity == "error" {
			out = append(out, d)
		}
	}
	return out
}

// RuleIDs are the errors' rule ids.
func (v *Validation) RuleIDs() []string {
	var out []string
	for _, d := range v.Errors() {
		out = append(out, d.RuleID)
	}
	return out
}

// FailureMessage names every error: rule id, property path, message.
func (v *Validation) FailureMessage() string {
	errs := v.Errors()
	plural := "s"
	if len(errs) == 1 {
		plural = ""
	}
	lines := []string{fmt.Sprintf("ManagedNodeGroup %q has %d invalid setting%s:", v.Name, len(errs), plural)}
	for _, d := range errs {
		lines = append(lines, fmt.Sprintf("  - [%s] %s: %s", d.RuleID, d.Property, d.Message))
	}
	return strings.Join(lines, "\n")
}

// ProviderPath finds the component provider: $EKS_NODEGROUP_PROVIDER, else pulumi-resource-eks-nodegroup
// on PATH, else the one plugin `pulumi plugin install` put under $PULUMI_HOME/plugins.
func ProviderPath() (string, error) {
	if explicit := os.Getenv("EKS_NODEGROUP_PROVIDER"); explicit != "" {
		return explicit, nil
	}
	if found, err := exec.LookPath(ProviderExecutable); err == nil {
		return found, nil
	}
	home := os.Getenv("PULUMI_HOME")
	if home == "" {
		userHome, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		home = filepath.Join(userHome, ".pulumi")
	}
	installed, _ := filepath.Glob(filepath.Join(home, "plugins", "resource-eks-nodegroup-v*", ProviderExecutable))
	if len(installed) == 1 {
		return installed[0], nil
	}
	return "", fmt.Errorf("nodegrouptest: need exactly one %s to validate with: set EKS_NODEGROUP_PROVIDER, put it on PATH, "+
		"or install the plugin (pulumi plugin install resource eks-nodegroup VERSION --server git://github.com/eksnodegroup/eks-nodegroup); "+
		"found under %s/plugins: %v", ProviderExecutable, home, installed)
}

// Validate checks one ManagedNodeGroup's inputs as a mock monitor's NewResource receives them
// (secrets sent as the engine sends them to the provider). The Go mock monitor has dropped the values
// unknown at preview from these: Mocks.ValidateRegistered sends the program's own request instead.
func Validate(inputs resource.PropertyMap, name string) (*Validation, error) {
	wire, err := plugin.MarshalProperties(inputs, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true})
	if err != nil {
		return nil, err
	}
	return validateWire(wire, name)
}

func validateWire(wire *structpb.Struct, name string) (*Validation, error) {
	body, err := json.Marshal(wire.AsMap())
	if err != nil {
		return nil, err
	}
	executable, err := ProviderPath()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(executable, "validate", "-", "--name", name)
	cmd.Stdin = bytes.NewReader(body)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			return nil, fmt.Errorf("nodegrouptest: %s validate: %v: %s", executable, err, strings.TrimSpace(stderr.String()))
		}
	}
	v := &Validation{Name: name}
	if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
		return nil, fmt.Errorf("nodegrouptest: %s validate answered no plan: %v", executable, err)
	}
	if err := json.Unmarshal(stdout.Bytes(), &v.Plan); err != nil {
		return nil, err
	}
	return v, nil
}

// ValidateRegistered checks the ManagedNodeGroup `name` the mocks recorded, as the program sent it
// (values unknown at preview included).
func (m *Mocks) ValidateRegistered(name string) (*Validation, error) {
	r, err := m.nodeGroup(name)
	if err != nil {
		return nil, err
	}
	if r.Wire == nil {
		return Validate(r.Inputs, name)
	}
	return validateWire(r.Wire, name)
}

// AssertValid fails the test with every rule id, property path and message when the ManagedNodeGroup
// `name` breaks a rule (or cannot be checked).
func AssertValid(t testing.TB, m *Mocks, name string) *Validation {
	t.Helper()
	v, err := m.ValidateRegistered(name)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Valid {
		t.Fatal(v.FailureMessage())
	}
	return v
}
