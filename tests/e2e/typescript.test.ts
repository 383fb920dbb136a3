// The README's TypeScript program under the real Pulumi engine: the two node groups of
// examples/typescript/nodegroups.ts on an aws.eks.Cluster (what @pulumi/eks's `cluster.eksCluster`
// is), through preview, up, a user-data change, an instance-types change, an invalid definition and
// destroy — with the policy pack attached to each command, which must find nothing to report on
// the component's own children. See support/engine.ts for how this runs offline.
import { expect } from "chai";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { nodeGroups, NodeGroupsArgs } from "../../examples/typescript/nodegroups";
import { AwsMock, Engine, engine, POLICY_ANALYZER, startAwsMock } from "./support/engine";

const SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"];

type Variant = Partial<Pick<NodeGroupsArgs, "generalInstanceTypes" | "generalKubeletArgs">>;

/** The example's program: a node role, the cluster, and nodeGroups() on them. */
function program(variant: Variant = {}): PulumiFn {
    return async () => {
        const aws = await import("@pulumi/aws");
        const role = new aws.iam.Role("nodes", {
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }] }),
        });
        const cluster = new aws.eks.Cluster("prod", { roleArn: "arn:aws:iam::123456789012:role/eks-cluster", vpcConfig: { subnetIds: SUBNETS } });
        const { general, batch } = nodeGroups({ cluster, nodeRoleArn: role.arn, subnetIds: SUBNETS, bottlerocketAmiId: "ami-0123456789abcdef0", ...variant });
        return {
            generalNodeGroup: general.nodeGroupName,
            generalLaunchTemplateVersion: general.launchTemplateVersion,
            generalLaunchTemplateId: general.launchTemplateId,
            batchLaunchTemplateVersion: batch.launchTemplateVersion,
            generalUserData: general.userData,
            batchUserData: batch.userData,
        };
    };
}

/** The policy pack, attached to a command: it must run, and report nothing, advisory findings included. */
const withPack = { policyPacks: [POLICY_ANALYZER] };
function expectPackPassed(output: string): void {
    expect(output).to.contain("eks-nodegroup@v0.1.0");
    expect(output).to.not.match(/\[(advisory|mandatory)\]/);
}

describe("the README's TypeScript program under the real engine", function () {
    this.timeout(300000);
    let mock: AwsMock;
    let e: Engine;
    let stack: Stack;
    before(async () => {
        mock = await startAwsMock();
        e = await engine(mock);
        stack = await e.stack("nodes", program());
    });
    after(() => { mock?.stop(); e?.dispose(); });

    it("previews both node groups: a template and a node group each, nothing else to report", async () => {
        const preview = await stack.preview(withPack);
        // Stack, role, cluster, and per group the component, its template and its node group.
        expect(preview.changeSummary).to.deep.equal({ create: 9 });
        expect(preview.stdout).to.match(/\+ +aws:ec2:LaunchTemplate +general/).and.match(/\+ +aws:eks:NodeGroup +batch/);
        expectPackPassed(preview.stdout);
    });

    it("deploys: each node group runs version 1 of its template, the cluster's endpoint and CA in the Bottlerocket settings", async () => {
        const up = await stack.up(withPack);
        expect(up.summary.result).to.equal("succeeded");
        expect(up.summary.resourceChanges).to.deep.equal({ create: 9 });
        expect(up.outputs.generalLaunchTemplateVersion.value).to.equal(1);
        expect(up.outputs.batchLaunchTemplateVersion.value).to.equal(1);
        expect(up.outputs.generalNodeGroup.value).to.match(/^general-/);
        // The cluster's outputs (from the aws mock, as EKS reports them) reach the custom AMI's settings.
        expect(up.outputs.batchUserData.value).to.contain('api-server = "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com"')
            .and.contain('cluster-certificate = "LS0tLS1CRUdJTi').and.contain('cluster-dns-ip = "172.20.0.10"').and.contain("max-pods = 58");
        expectPackPassed(up.stdout);
    });

    it("a user-data change is a new template version, and the node group is updated to it in place", async () => {
        const changed = await e.stack("nodes", program({ generalKubeletArgs: ["--image-gc-high-threshold=70"] }));
        const preview = await changed.preview(withPack);
        expect(preview.changeSummary).to.deep.equal({ same: 7, update: 2 });
        expect(preview.stdout).to.match(/~ +aws:ec2:LaunchTemplate +general +update/).and.match(/~ +aws:eks:NodeGroup +general +update/);
        const before = (await changed.outputs()).generalLaunchTemplateId.value;
        const up = await changed.up(withPack);
        expect(up.summary.resourceChanges).to.deep.equal({ same: 7, update: 2 });
        expect(up.outputs.generalLaunchTemplateVersion.value).to.equal(2);
        expect(up.outputs.generalLaunchTemplateId.value).to.equal(before);
        expect(up.outputs.batchLaunchTemplateVersion.value).to.equal(1);
        expect(up.outputs.generalUserData.value).to.contain("--image-gc-high-threshold=70");
        expectPackPassed(up.stdout);
    });

    it("an instance-types change replaces the node group, and the engine says so", async () => {
        const changed = await e.stack("nodes", program({ generalKubeletArgs: ["--image-gc-high-threshold=70"], generalInstanceTypes: ["m7g.xlarge"] }));
        const preview = await changed.preview(withPack);
        expect(preview.changeSummary).to.deep.equal({ same: 8, replace: 1 });
        expect(preview.stdout).to.match(/\+- +aws:eks:NodeGroup +general +replace/);
        const up = await changed.up(withPack);
        expect(up.summary.resourceChanges).to.deep.equal({ same: 8, replace: 1 });
        expectPackPassed(up.stdout);
    });

    it("an invalid definition fails the preview with each rule id, path and fix, and an up of it creates nothing", async () => {
        const invalid: PulumiFn = async () => {
            const { ManagedNodeGroup } = await import("eks-nodegroup");
            new ManagedNodeGroup("bad", {
                cluster: { name: "prod", endpoint: "https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com" },
                nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
                subnetIds: SUBNETS,
                scalingConfig: { minSize: 3, maxSize: 2 },
                diskSize: 100,
            } as never);
        };
        const bad = await e.stack("invalid", invalid);
        const failure = await bad.preview().then(() => undefined, (err: Error) => err.message);
        expect(failure, "the preview succeeded").to.be.a("string");
        for (const want of ["[ng-no-disk-size] diskSize: EKS rejects diskSize on a node group that uses a launch template",
            "launchTemplate.rootVolume.sizeGib", "[ng-scaling] scalingConfig.minSize: scalingConfig.minSize (3) is greater than maxSize (2)"]) {
            expect(failure).to.contain(want);
        }
        // Each error once on the component, and no stack trace. (The Automation API's inline runtime
        // repeats every uncaught error of a program on the stack as "One or more errors occurred: …";
        // the Node.js host does not. Its error message holds the CLI's output twice, hence the first copy.)
        const output = failure!.slice(failure!.indexOf("Diagnostics:"), failure!.indexOf("Resources:"));
        // Diagnostics sections start at two spaces of indent (their lines at four or more), in no fixed order.
        const onComponent = output.split(/\n {2}(?=\S)/).find((section) => section.startsWith("eks-nodegroup:index:ManagedNodeGroup (bad):")) ?? "";
        expect(onComponent.split("[ng-no-disk-size]").length - 1).to.equal(1);
        expect(output.split("[ng-no-disk-size]").length - 1).to.equal(2);
        expect(output).to.contain("error: One or more errors occurred: ManagedNodeGroup \"bad\" has 2 invalid settings");
        expect(failure).to.not.match(/\n\s+at /);
        const up = await bad.up().then(() => undefined, (err: Error) => err.message);
        expect(up).to.contain("[ng-scaling]");
        const state = await bad.exportStack();
        expect((state.deployment.resources ?? []).map((r: { type: string }) => r.type).filter((t: string) => t.startsWith("aws:"))).to.deep.equal([]);
    });

    it("destroys everything it created", async () => {
        const destroy = await stack.destroy();
        expect(destroy.summary.resourceChanges).to.deep.equal({ delete: 9 });
        expect((await stack.exportStack()).deployment.resources ?? []).to.deep.equal([]);
    });
});
