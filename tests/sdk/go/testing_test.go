// The Go SDK's nodegrouptest as a Go team's suite uses it: Mocks under pulumi.WithMocks record each
// ManagedNodeGroup's inputs, and Validate/AssertValid run them through the component provider's
// validate mode (scripts/sdk.sh test sets EKS_NODEGROUP_PROVIDER to this repository's
// pulumi-resource-eks-nodegroup), answering with the rule ids, paths and messages.
package sdktest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/eksnodegroup/eks-nodegroup/sdk/go/eksnodegroup"
	"github.com/eksnodegroup/eks-nodegroup/sdk/go/eksnodegroup/nodegrouptest"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func cluster() *eksnodegroup.ClusterArgs {
	return &eksnodegroup.ClusterArgs{
		Name:            pulumi.String("prod"),
		Endpoint:        pulumi.String("https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com"),
		ServiceIpv4Cidr: pulumi.String("172.20.0.0/16"),
	}
}

func subnets() pulumi.StringArray {
	return pulumi.StringArray{pulumi.String("subnet-0a1b2c3d4e5f60718"), pulumi.String("subnet-0b2c3d4e5f6071829")}
}

func run(t *testing.T, preview bool, program pulumi.RunFunc) *nodegrouptest.Mocks {
	t.Helper()
	mocks := nodegrouptest.NewMocks()
	if err := pulumi.RunErr(program, pulumi.WithMocks("nodes", "test", mocks), func(info *pulumi.RunInfo) { info.DryRun = preview }); err != nil {
		t.Fatal(err)
	}
	return mocks
}

func TestAnInvalidGroupFailsWithEachRuleIDPathAndMessage(t *testing.T) {
	mocks := run(t, false, func(ctx *pulumi.Context) error {
		_, err := eksnodegroup.NewManagedNodeGroup(ctx, "general", &eksnodegroup.ManagedNodeGroupArgs{
			Cluster: cluster(), NodeRoleArn: pulumi.String("arn:aws:iam::123456789012:role/nodes"), SubnetIds: subnets(),
			OsFamily:      eksnodegroup.OsFamily("AmazonLinux2024"),
			DiskSize:      pulumi.Int(100),
			ScalingConfig: &eksnodegroup.ScalingConfigArgs{MinSize: pulumi.Int(3), MaxSize: pulumi.Int(2)},
		})
		return err
	})
	v, err := mocks.ValidateRegistered("general")
	if err != nil {
		t.Fatal(err)
	}
	if v.Valid {
		t.Fatalf("an invalid node group was found valid: %+v", v.Diagnostics)
	}
	ids := v.RuleIDs()
	slices.Sort(ids)
	if want := []string{"args-schema", "ng-no-disk-size", "ng-scaling"}; !slices.Equal(ids, want) {
		t.Fatalf("rule ids %v, want %v", ids, want)
	}
	message := v.FailureMessage()
	for _, line := range []string{
		`ManagedNodeGroup "general" has 3 invalid settings:`,
		"[ng-scaling] scalingConfig.minSize: scalingConfig.minSize (3) is greater than maxSize (2).",
		"[ng-no-disk-size] diskSize: EKS rejects diskSize",
		`[args-schema] osFamily: osFamily is "AmazonLinux2024"; did you mean "AmazonLinux2023"?`,
	} {
		if !strings.Contains(message, line) {
			t.Errorf("the failure does not say %q:\n%s", line, message)
		}
	}
	// The same answer from the inputs as the mock monitor hands them over (mocks of a team's own).
	inputs, err := mocks.InputsOf("general")
	if err != nil {
		t.Fatal(err)
	}
	fromInputs, err := nodegrouptest.Validate(inputs, "general")
	if err != nil {
		t.Fatal(err)
	}
	if got := fromInputs.FailureMessage(); got != message {
		t.Errorf("Validate(InputsOf) says\n%s\nValidateRegistered says\n%s", got, message)
	}
	// AssertValid fails the test it is given with that message.
	probe := &failureProbe{}
	func() {
		defer func() { _ = recover() }()
		nodegrouptest.AssertValid(probe, mocks, "general")
	}()
	if !strings.Contains(probe.message, "[ng-scaling] scalingConfig.minSize") {
		t.Errorf("AssertValid failed with %q", probe.message)
	}
}

func TestAValidGroupPassesEvenWithValuesUnknownAtPreview(t *testing.T) {
	for _, preview := range []bool{false, true} {
		mocks := run(t, preview, func(ctx *pulumi.Context) error {
			// A secret; under preview, a value the engine does not know yet (another resource's output).
			roleArn := pulumi.ToSecret(pulumi.String("arn:aws:iam::123456789012:role/nodes")).(pulumi.StringOutput)
			if preview {
				roleArn = pulumi.UnsafeUnknownOutput(nil).ApplyT(func(any) string { return "" }).(pulumi.StringOutput)
			}
			_, err := eksnodegroup.NewManagedNodeGroup(ctx, "general", &eksnodegroup.ManagedNodeGroupArgs{
				Cluster: cluster(), NodeRoleArn: roleArn, SubnetIds: subnets(),
				ScalingConfig: &eksnodegroup.ScalingConfigArgs{MinSize: pulumi.Int(2), MaxSize: pulumi.Int(10)},
			})
			return err
		})
		v := nodegrouptest.AssertValid(t, mocks, "general")
		if len(v.Errors()) != 0 || v.Plan["valid"] != true {
			t.Fatalf("preview=%v: %+v", preview, v.Diagnostics)
		}
		// The node group preview would create; the secret stays one in the answer.
		for _, r := range v.Plan["resources"].([]any) {
			if r := r.(map[string]any); r["type"] == "aws:eks/nodeGroup:NodeGroup" {
				want := "[secret]"
				if preview {
					want = "(known after apply)"
				}
				if got := r["inputs"].(map[string]any)["nodeRoleArn"]; got != want {
					t.Errorf("preview=%v: nodeRoleArn %v, want %v", preview, got, want)
				}
			}
		}
	}
}

// failureProbe stands in for a testing.T to see what AssertValid fails with.
type failureProbe struct {
	testing.TB
	message string
}

func (p *failureProbe) Helper() {}
func (p *failureProbe) Fatal(args ...any) {
	p.message = fmt.Sprint(args...)
	panic("fatal") // as t.Fatal stops the test
}
