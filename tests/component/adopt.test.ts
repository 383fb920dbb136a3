// Adopting an existing launch template and node group (adopt.*Urn): the children take the old
// resources' URNs as aliases, and with the settings the migration guide names (the group's own
// name, its AMI type, instance types and subnets) their inputs change nothing EKS replaces a node
// group for — classified by the same table as `plan --against`.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ManagedNodeGroup, validate } from "../../src";
import { classify } from "../../src/impact/classify";
import { isUnknownValue, mockRuntime } from "../../src/validate/mockruntime";
import { registered } from "../../src/testing";
import { baseArgs, LT, NG } from "../support/harness";

const STACK = "test";
const PROJECT = "eks-nodegroup";
const LT_URN = `urn:pulumi:${STACK}::${PROJECT}::${LT}::nodes`;
const NG_URN = `urn:pulumi:${STACK}::${PROJECT}::${NG}::nodes`;

/** The inputs a raw launch template and node group of a stack registered (as @pulumi/aws resources, at the stack's root). */
async function rawBefore(): Promise<{ lt: Record<string, unknown>; ng: Record<string, unknown> }> {
    const recorder = await mockRuntime({ preview: false, stack: STACK, project: PROJECT });
    const lt = new aws.ec2.LaunchTemplate("nodes", { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } });
    const ng = new aws.eks.NodeGroup("nodes", {
        clusterName: "prod", nodeGroupName: "nodes", nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-a", "subnet-b"],
        amiType: "AL2023_x86_64_STANDARD", capacityType: "ON_DEMAND", instanceTypes: ["m5.large"],
        scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
        launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) },
    });
    await new Promise((resolve) => pulumi.all([lt.urn, ng.urn]).apply(resolve));
    return { lt: recorder.ofType(LT)[0].inputs, ng: recorder.ofType(NG)[0].inputs };
}

async function componentAfter(extra: Record<string, unknown>): Promise<{ lt: Record<string, unknown>; ng: Record<string, unknown> }> {
    const recorder = await mockRuntime({ preview: false, stack: STACK, project: PROJECT });
    await registered(new ManagedNodeGroup("nodes", { ...baseArgs(), instanceTypes: ["m5.large"], ...extra }));
    return { lt: recorder.ofType(LT)[0].inputs, ng: recorder.ofType(NG)[0].inputs };
}

const effectOf = (before: Awaited<ReturnType<typeof rawBefore>>, after: Awaited<ReturnType<typeof rawBefore>>) => classify({
    launchTemplate: { before: { inputs: before.lt }, after: { inputs: after.lt } },
    nodeGroup: { before: { inputs: before.ng }, after: { inputs: after.ng, options: { deleteBeforeReplace: true } } },
    isUnknown: isUnknownValue,
});

describe("adopting an existing node group", function () {
    this.timeout(30000);

    it("aliases each child to the URN it had, in the plan's resource options", async () => {
        const plan = await validate({ ...baseArgs(), adopt: { launchTemplateUrn: LT_URN, nodeGroupUrn: NG_URN } }, { name: "nodes" });
        expect(plan.valid).to.equal(true);
        expect(plan.resources.find((r) => r.type === LT)?.options).to.deep.equal({ aliases: [LT_URN] });
        expect(plan.resources.find((r) => r.type === NG)?.options).to.deep.include({ aliases: [NG_URN] });
    });

    it("refuses a secret URN, which as an alias would be stored in plain text", async () => {
        for (const adopt of [{ nodeGroupUrn: pulumi.secret(NG_URN) }, pulumi.secret({ launchTemplateUrn: LT_URN, nodeGroupUrn: NG_URN })]) {
            const plan = await validate({ ...baseArgs(), adopt } as never, { name: "nodes" });
            const findings = plan.diagnostics.filter((d) => d.ruleId === "adopt-urns");
            expect(findings.map((d) => d.property)).to.include("adopt.nodeGroupUrn");
            expect(findings.every((d) => d.message.includes("an alias cannot be"))).to.equal(true);
            // The message names the path, never the secret value.
            expect(findings.map((d) => d.message).join("\n")).not.to.include(NG_URN);
        }
    });

    it("with the group's own name, replaces nothing: the template gets a new version, the nodes roll", async () => {
        const impact = effectOf(await rawBefore(), await componentAfter({ nodeGroupName: "nodes", adopt: { launchTemplateUrn: LT_URN, nodeGroupUrn: NG_URN } }));
        expect(impact.effect, impact.summary).to.equal("rolling");
        expect(impact.changes.filter((c) => c.effect === "replace" || c.effect === "replace-delete-first")).to.deep.equal([]);
    });

    it("without it (a generated name), EKS would replace the group: the migration guide's first step", async () => {
        const impact = effectOf(await rawBefore(), await componentAfter({ adopt: { launchTemplateUrn: LT_URN, nodeGroupUrn: NG_URN } }));
        expect(impact.effect).to.match(/^replace/);
        expect(impact.changes.some((c) => c.path.startsWith("nodeGroup.nodeGroupName"))).to.equal(true);
    });
});
