// The example program under the Go SDK's mock runtime: the component is registered with the
// inputs the YAML example gives (the real-engine run is tests/e2e, which Go programs cannot use
// here: the Go language host cannot be obtained).
package main

import (
	"fmt"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type mocks struct {
	mu         sync.Mutex
	registered map[string]resource.PropertyMap
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.registered[args.TypeToken] = args.Inputs
	return args.Name + "-id", args.Inputs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func TestProgramRegistersTheNodeGroup(t *testing.T) {
	m := &mocks{registered: map[string]resource.PropertyMap{}}
	if err := pulumi.RunErr(program, pulumi.WithMocks("eks-nodegroup-go", "dev", m)); err != nil {
		t.Fatal(err)
	}
	in, ok := m.registered["eks-nodegroup:index:ManagedNodeGroup"]
	if !ok {
		t.Fatalf("no ManagedNodeGroup registered: %v", m.registered)
	}
	for path, want := range map[string]string{
		"osFamily":      `"AmazonLinux2023"`,
		"scalingConfig": `{maxSize:10,minSize:2}`,
		"cluster":       `{clusterSecurityGroupId:"sg-0c1a2b3c4d5e6f708",endpoint:"https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",name:"prod",serviceIpv4Cidr:"172.20.0.0/16"}`,
		"subnetIds":     `["subnet-0a1b2c3d4e5f60718","subnet-0b2c3d4e5f6071829"]`,
	} {
		if got := show(in[resource.PropertyKey(path)]); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	userData := in["launchTemplate"].ObjectValue()["userData"].ObjectValue()["content"].StringValue()
	if userData != "#!/bin/bash\necho first\n" {
		t.Errorf("launchTemplate.userData.content = %q", userData)
	}
}

// show prints a property value compactly, keys sorted.
func show(v resource.PropertyValue) string {
	switch {
	case v.IsObject():
		s := "{"
		for i, k := range v.ObjectValue().StableKeys() {
			if i > 0 {
				s += ","
			}
			s += string(k) + ":" + show(v.ObjectValue()[k])
		}
		return s + "}"
	case v.IsArray():
		s := "["
		for i, e := range v.ArrayValue() {
			if i > 0 {
				s += ","
			}
			s += show(e)
		}
		return s + "]"
	case v.IsString():
		return fmt.Sprintf("%q", v.StringValue())
	default:
		return fmt.Sprint(v.V)
	}
}
