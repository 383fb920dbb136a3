// The YAML example under the real Pulumi engine (CLI and YAML host built by scripts/build-tools.sh),
// offline: a local file backend, the component provider as the executable at the package root, and
// `aws` as an in-process mock provider that records what the engine asks of it.
package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/providertest/providers"
	"github.com/pulumi/providertest/pulumitest"
	"github.com/pulumi/providertest/pulumitest/opttest"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	rpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

type awsMock struct {
	mu       sync.Mutex
	versions map[string]float64
	creates  []string
	updates  []string
	replaces []string
	last     map[string]*structpb.Struct
}

func (m *awsMock) record(kind *[]string, urn string, props *structpb.Struct) {
	m.mu.Lock()
	defer m.mu.Unlock()
	*kind = append(*kind, typeOf(urn))
	m.last[typeOf(urn)] = props
}

func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	t := parts[len(parts)-2]
	return t[strings.LastIndex(t, "$")+1:]
}

func (m *awsMock) state(urn string, news *structpb.Struct, id string) *structpb.Struct {
	out := news.AsMap()
	switch typeOf(urn) {
	case "aws:ec2/launchTemplate:LaunchTemplate":
		m.mu.Lock()
		m.versions[id]++
		out["latestVersion"] = m.versions[id]
		m.mu.Unlock()
		out["id"] = id
	case "aws:eks/nodeGroup:NodeGroup":
		out["nodeGroupName"] = "nodes-20261125"
		out["arn"] = "arn:aws:eks:eu-west-1:123456789012:nodegroup/prod/nodes-20261125/0"
	}
	s, _ := structpb.NewStruct(out)
	return s
}

func (m *awsMock) factory() providers.ProviderFactory {
	return providers.ProviderMockFactory(providers.ProviderMocks{
		Create: func(_ context.Context, in *rpc.CreateRequest) (*rpc.CreateResponse, error) {
			if in.GetPreview() { // the engine previews a create: nothing happens, outputs stay unknown
				return &rpc.CreateResponse{Properties: in.GetProperties()}, nil
			}
			id := fmt.Sprintf("%s-id", typeOf(in.GetUrn())[:7])
			m.record(&m.creates, in.GetUrn(), in.GetProperties())
			return &rpc.CreateResponse{Id: id, Properties: m.state(in.GetUrn(), in.GetProperties(), id)}, nil
		},
		Diff: func(_ context.Context, in *rpc.DiffRequest) (*rpc.DiffResponse, error) {
			var changed []string
			olds, news := in.GetOldInputs().AsMap(), in.GetNews().AsMap()
			for k, v := range news {
				if fmt.Sprint(olds[k]) != fmt.Sprint(v) {
					changed = append(changed, k)
				}
			}
			if len(changed) == 0 {
				return &rpc.DiffResponse{Changes: rpc.DiffResponse_DIFF_NONE}, nil
			}
			return &rpc.DiffResponse{Changes: rpc.DiffResponse_DIFF_SOME, Diffs: changed}, nil
		},
		Update: func(_ context.Context, in *rpc.UpdateRequest) (*rpc.UpdateResponse, error) {
			if in.GetPreview() {
				return &rpc.UpdateResponse{Properties: in.GetNews()}, nil
			}
			m.record(&m.updates, in.GetUrn(), in.GetNews())
			return &rpc.UpdateResponse{Properties: m.state(in.GetUrn(), in.GetNews(), in.GetId())}, nil
		},
		DiffConfig: func(_ context.Context, in *rpc.DiffRequest) (*rpc.DiffResponse, error) {
			return &rpc.DiffResponse{Changes: rpc.DiffResponse_DIFF_NONE}, nil
		},
		Delete: func(_ context.Context, in *rpc.DeleteRequest) (*emptypb.Empty, error) {
			return &emptypb.Empty{}, nil
		},
	})
}

func newTest(t *testing.T, mock *awsMock, dir string) *pulumitest.PulumiTest {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// Also for every CLI process the test starts outside the automation API's environment.
	t.Setenv("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return pulumitest.NewPulumiTest(t, dir,
		// A YAML program has nothing to install; `pulumi install` would look for plugins before the local path applies.
		opttest.SkipInstall(),
		opttest.AttachProvider("aws", mock.factory()),
		// The component provider: the executable at the package root.
		opttest.LocalProviderPath("eks-nodegroup", root),
		// Never look for plugins online, and never ask the EC2 metadata service.
		opttest.Env("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true"),
		opttest.Env("AWS_EC2_METADATA_DISABLED", "true"),
	)
}

// The policy pack in its executable form (policy/pulumi-analyzer-eks-nodegroup).
func policyPack(t *testing.T) string {
	pack, err := filepath.Abs(filepath.Join("..", "..", "policy", "pulumi-analyzer-eks-nodegroup"))
	if err != nil {
		t.Fatal(err)
	}
	return pack
}

// The component's own children pass the pack with no violation, advisory ones included.
func expectPackPassed(t *testing.T, output string) {
	t.Helper()
	if !strings.Contains(output, "eks-nodegroup@v0.1.0") {
		t.Errorf("the policy pack did not run:\n%s", output)
	}
	if strings.Contains(output, "[advisory]") || strings.Contains(output, "[mandatory]") {
		t.Errorf("the policy pack reports the component's children:\n%s", output)
	}
}

func TestYamlPreviewUpdateInPlace(t *testing.T) {
	previewUpdateInPlace(t, filepath.Join("..", "..", "examples", "yaml"))
}

// previewUpdateInPlace runs preview and up on an example of the node group, then changes its user data:
// a new template version, and the node group updated in place to it.
func previewUpdateInPlace(t *testing.T, dir string) {
	mock := &awsMock{versions: map[string]float64{}, last: map[string]*structpb.Struct{}}
	test := newTest(t, mock, dir)

	pack := policyPack(t)
	expectPackPassed(t, test.Preview(t, optpreview.PolicyPacks(pack)).StdOut)
	up := test.Up(t, optup.PolicyPacks(pack))
	expectPackPassed(t, up.StdOut)
	if got := up.Outputs["amiType"].Value; got != "AL2023_x86_64_STANDARD" {
		t.Errorf("amiType = %v", got)
	}
	if got := up.Outputs["launchTemplateVersion"].Value; got != float64(1) {
		t.Errorf("launchTemplateVersion = %v, want 1", got)
	}
	lt := mock.last["aws:ec2/launchTemplate:LaunchTemplate"].AsMap()
	if mo := lt["metadataOptions"].(map[string]interface{}); mo["httpTokens"] != "required" || mo["httpPutResponseHopLimit"] != float64(2) {
		t.Errorf("metadataOptions = %v", mo)
	}
	if sgs := fmt.Sprint(lt["vpcSecurityGroupIds"]); sgs != "[sg-0aa11bb22cc33dd44 sg-0c1a2b3c4d5e6f708]" {
		t.Errorf("vpcSecurityGroupIds = %v", sgs)
	}
	ng := mock.last["aws:eks/nodeGroup:NodeGroup"].AsMap()
	if sc := fmt.Sprint(ng["scalingConfig"]); sc != "map[desiredSize:2 maxSize:10 minSize:2]" {
		t.Errorf("node group scalingConfig = %v", sc)
	}

	test.SetConfig(t, "userDataScript", "#!/bin/bash\necho second\n")
	second := test.Up(t, optup.PolicyPacks(pack))
	expectPackPassed(t, second.StdOut)
	if got := second.Outputs["launchTemplateVersion"].Value; got != float64(2) {
		t.Errorf("after the change launchTemplateVersion = %v, want 2", got)
	}
	if fmt.Sprint(mock.updates) != "[aws:ec2/launchTemplate:LaunchTemplate aws:eks/nodeGroup:NodeGroup]" {
		t.Errorf("updates = %v, want the template then the node group, in place", mock.updates)
	}
	if len(mock.creates) != 2 {
		t.Errorf("creates = %v: nothing may be replaced", mock.creates)
	}
	ng = mock.last["aws:eks/nodeGroup:NodeGroup"].AsMap()
	if ref := ng["launchTemplate"].(map[string]interface{}); ref["version"] != "2" {
		t.Errorf("node group launchTemplate = %v, want version 2", ref)
	}
}

func TestYamlInvalidDefinitionFailsPreview(t *testing.T) {
	mock := &awsMock{versions: map[string]float64{}, last: map[string]*structpb.Struct{}}
	test := newTest(t, mock, "invalid")
	_, err := test.CurrentStack().Preview(context.Background())
	if err == nil {
		t.Fatal("the preview of an invalid definition succeeded")
	}
	for _, want := range []string{
		"[ng-no-disk-size]", "diskSize",
		"[ng-scaling]", "scalingConfig.minSize",
		"[lt-no-iam-instance-profile]", "launchTemplate.iamInstanceProfile",
		"EKS rejects diskSize on a node group that uses a launch template",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the preview output lacks %q:\n%s", want, err)
		}
	}
	if len(mock.creates)+len(mock.updates) != 0 || len(mock.last) != 0 {
		t.Errorf("the provider was asked to create or update: %v %v", mock.creates, mock.updates)
	}
}

// A secret user content stays secret through the real engine: the launch template's userData and the
// component's userData output are secrets in the state, and `pulumi stack export` holds neither the
// secret nor the user data it is rendered into, in plain text or in base64.
func TestYamlSecretUserDataStaysSecret(t *testing.T) {
	mock := &awsMock{versions: map[string]float64{}, last: map[string]*structpb.Struct{}}
	test := newTest(t, mock, "secret")
	expectPackPassed(t, test.Up(t, optup.PolicyPacks(policyPack(t))).StdOut)
	sent := mock.last["aws:ec2/launchTemplate:LaunchTemplate"].AsMap()["userData"]
	encoded, ok := sent.(string)
	if !ok || encoded == "" {
		t.Fatalf("the launch template got no user data: %v", sent)
	}
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || !strings.Contains(string(decoded), "s3cr3t-token-e2e") {
		t.Fatalf("the provider should get the plain user data: %q (%v)", decoded, err)
	}
	// The CLI's own export, without --show-secrets (the Automation API's ExportStack adds that flag).
	ws := test.CurrentStack().Workspace()
	export := exec.Command("pulumi", "stack", "export", "--stack", test.CurrentStack().Name())
	export.Dir = ws.WorkDir()
	export.Env = os.Environ()
	for k, v := range ws.GetEnvVars() {
		export.Env = append(export.Env, k+"="+v)
	}
	out, err := export.Output()
	if err != nil {
		t.Fatalf("pulumi stack export: %v", err)
	}
	state := string(out)
	for _, plain := range []string{"s3cr3t-token-e2e", encoded, string(decoded)} {
		if strings.Contains(state, plain) {
			t.Errorf("pulumi stack export holds %q in plain text", plain[:min(len(plain), 40)])
		}
	}
	if !strings.Contains(state, "4dabf18193072939515e22adb298388d") {
		t.Errorf("the state holds no secret at all")
	}
}
