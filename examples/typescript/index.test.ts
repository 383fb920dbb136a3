// A test of the README's program (index.ts) under Pulumi's mock runtime, to copy into your own
// suite: `npx mocha -r tsx/cjs index.test.ts` (or ts-node). No engine, no AWS account.
// - setNodeGroupMocks() installs mocks that stand in for @pulumi/eks's cluster and give the AWS
//   resources the ids AWS would; the program is imported after it.
// - registered(nodeGroup) waits for the launch template and node group, and rejects at once with
//   the rule messages when the definition is invalid.
// - validate(args) checks one definition without mocks: findings, and what would be created.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ManagedNodeGroup, OsFamily, validate } from "eks-nodegroup";
import { DEFAULT_FAKE_CLUSTER, NodeGroupMocks, registered, setNodeGroupMocks } from "eks-nodegroup/testing";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";

describe("the README program", function () {
    this.timeout(20000);
    let mocks: NodeGroupMocks;
    let program: typeof import("./index");

    before(async () => {
        mocks = await setNodeGroupMocks({ cluster: { name: "prod" } });
        pulumi.runtime.setAllConfig({
            "project:vpcId": "vpc-0123456789abcdef0",
            "project:privateSubnetIds": JSON.stringify(["subnet-a", "subnet-b"]),
            "project:bottlerocketAmiId": "ami-0123456789abcdef0",
        });
        // Imported after the mocks and the config are in place (require: a CommonJS program, as Pulumi runs it).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        program = require("./index") as typeof import("./index");
    });

    it("runs Amazon Linux 2023 arm64 on the EKS AMI, on a launch template with IMDSv2 (hop limit 2)", async () => {
        expect(await valueOf(program.generalNodeGroup)).to.match(/^general-/);
        const ng = mocks.inputsOf(NG, "general");
        expect(ng.amiType).to.equal("AL2023_ARM_64_STANDARD");
        expect(ng.clusterName).to.equal("prod");
        const lt = mocks.inputsOf(LT, "general");
        expect(lt.metadataOptions).to.include({ httpTokens: "required", httpPutResponseHopLimit: 2 });
    });

    it("pins the Bottlerocket group to its AMI, with the cluster's endpoint in its settings", async () => {
        expect(await valueOf(program.batchLaunchTemplateVersion)).to.equal(1);
        const lt = mocks.inputsOf(LT, "batch");
        expect(lt.imageId).to.equal("ami-0123456789abcdef0");
        const settings = Buffer.from(String(lt.userData), "base64").toString("utf8");
        expect(settings).to.contain('cluster-name = "prod"').and.contain(`api-server = "${DEFAULT_FAKE_CLUSTER.endpoint}"`)
            .and.contain("max-pods = 58");
        // A custom AMI: EKS takes no amiType, and the template's image is the one the nodes run.
        expect(mocks.inputsOf(NG, "batch")).to.not.have.property("amiType");
    });
});

describe("a definition of your own", () => {
    const cluster = { name: "prod", endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
        certificateAuthority: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJmekNDQVNXZ0F3SUJBZ0lVYXVTOHZSSVhOV24zWElHRTlTL3UxRmFjSDJ3d0NnWUlLb1pJemowRUF3SXcKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=",
        serviceIpv4Cidr: "10.100.0.0/16" };

    it("is checked by validate(): the findings, and the resources preview would create", async () => {
        const plan = await validate({ cluster, nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-a"],
            osFamily: "Bottlerocket", scalingConfig: { minSize: 1, maxSize: 3 } });
        expect(plan.valid, JSON.stringify(plan.diagnostics)).to.equal(true);
        expect(plan.resources.map((r) => r.type)).to.deep.equal([LT, NG]);
    });

    // registered() rejects as soon as the rules have run; were it to wait for children that never
    // come, the test's timeout would fail it.
    it("rejects with the rule messages when declared invalid", async () => {
        const ng = new ManagedNodeGroup("too-small", { cluster, nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-a"],
            scalingConfig: { minSize: 3, maxSize: 2 } });
        const error = await registered(ng).then(() => undefined, (e: Error) => e);
        expect(error?.message).to.contain('ManagedNodeGroup "too-small" has 1 invalid setting').and.contain("[ng-scaling] scalingConfig.minSize");
    });

    it("fails validate() with the rule's message and the path to fix", async () => {
        const plan = await validate({ cluster, nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-a"],
            osFamily: OsFamily.AmazonLinux2023, scalingConfig: { minSize: 3, maxSize: 2 } });
        expect(plan.valid).to.equal(false);
        expect(plan.diagnostics.map((d) => `${d.ruleId} ${d.property}`)).to.include("ng-scaling scalingConfig.minSize");
        expect(plan.resources).to.deep.equal([]);
    });
});

/** The value of an output of the program (known here: the mocks run as an update, not a preview). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}
