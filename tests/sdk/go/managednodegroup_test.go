// The generated Go SDK under Pulumi's Go mock runtime: constructing ManagedNodeGroup registers the
// component with its inputs shaped as the schema says (nested objects, enums, lists, secrets).
package sdktest

import (
	"sync"
	"testing"

	"github.com/eksnodegroup/eks-nodegroup/sdk/go/eksnodegroup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type mocks struct {
	mu     sync.Mutex
	inputs map[string]resource.PropertyMap
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inputs[args.TypeToken] = args.Inputs
	out := args.Inputs.Copy()
	out["nodeGroupName"] = resource.NewStringProperty("ng-1234")
	return args.Name + "-id", out, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func TestManagedNodeGroupInputs(t *testing.T) {
	m := &mocks{inputs: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		ng, err := eksnodegroup.NewManagedNodeGroup(ctx, "general", &eksnodegroup.ManagedNodeGroupArgs{
			Cluster: &eksnodegroup.ClusterArgs{
				Name:            pulumi.String("prod"),
				ServiceIpv4Cidr: pulumi.String("10.100.0.0/16"),
			},
			NodeRoleArn:   pulumi.ToSecret(pulumi.String("arn:aws:iam::123456789012:role/nodes")).(pulumi.StringOutput),
			SubnetIds:     pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
			OsFamily:      eksnodegroup.OsFamilyAmazonLinux2023,
			ScalingConfig: &eksnodegroup.ScalingConfigArgs{MinSize: pulumi.Int(3), MaxSize: pulumi.Int(5)},
			Taints: eksnodegroup.TaintArray{&eksnodegroup.TaintArgs{
				Key: pulumi.String("dedicated"), Value: pulumi.String("a"), Effect: eksnodegroup.TaintEffectNoSchedule,
			}},
		})
		if err != nil {
			return err
		}
		ctx.Export("name", ng.NodeGroupName)
		return nil
	}, pulumi.WithMocks("project", "stack", m))
	if err != nil {
		t.Fatal(err)
	}
	in := m.inputs["eks-nodegroup:index:ManagedNodeGroup"]
	if in == nil {
		t.Fatal("the component was not registered")
	}
	check := func(key string, want interface{}) {
		t.Helper()
		got := in[resource.PropertyKey(key)].Mappable()
		if !resource.NewPropertyValue(got).DeepEquals(resource.NewPropertyValue(want)) {
			t.Errorf("%s = %#v, want %#v", key, got, want)
		}
	}
	check("cluster", map[string]interface{}{"name": "prod", "serviceIpv4Cidr": "10.100.0.0/16"})
	check("subnetIds", []interface{}{"subnet-a", "subnet-b"})
	check("osFamily", "AmazonLinux2023")
	check("scalingConfig", map[string]interface{}{"minSize": 3.0, "maxSize": 5.0})
	check("taints", []interface{}{map[string]interface{}{"key": "dedicated", "value": "a", "effect": "NO_SCHEDULE"}})
	if arn := in["nodeRoleArn"]; !arn.IsSecret() && !(arn.IsOutput() && arn.OutputValue().Secret) {
		t.Errorf("nodeRoleArn lost its secrecy: %#v", arn)
	}
}
