// EFA templates in the shapes other tools generate for managed node groups — eksctl (efaEnabled:
// pkg/cfn/builder/network_interfaces.go, v0.215.0), terraform-aws-eks (enable_efa_support, with
// efa-only beyond card 0) and @pulumi/eks (enableEfaSupport) — as @pulumi/aws property values:
// EKS accepts them, so the whole pack must pass them with no mandatory violation. Broken variants fail.
import { expect } from "chai";
import { policies } from "../../src/policy";
import { catalogue } from "../../src/rules";
import { BASE_NODE_GROUP, resource, stack, validate, Violation } from "../support/policy";

const CARDS = 32; // p5.48xlarge
const groups = ["sg-0c1a2b3c4d5e6f708", "sg-0efa0efa0efa0efa0"];

const eksctl = Array.from({ length: CARDS }, (_, i) => ({ deviceIndex: i === 0 ? 0 : 1, networkCardIndex: i, interfaceType: "efa", securityGroups: groups }));
const terraformAwsEks = Array.from({ length: CARDS }, (_, i) => ({
    associatePublicIpAddress: "false", deleteOnTermination: "true", deviceIndex: i === 0 ? 0 : 1, networkCardIndex: i,
    interfaceType: i === 0 ? "efa" : "efa-only", securityGroups: groups,
}));
const pulumiEks = Array.from({ length: CARDS }, (_, i) => ({
    associatePublicIpAddress: "false", deleteOnTermination: "true", deviceIndex: i === 0 ? 0 : 1, networkCardIndex: i,
    interfaceType: "efa", securityGroups: groups,
}));

const template = (networkInterfaces: unknown[]) => ({
    id: "lt-0123456789abcdef0",
    name: "efa-20261201",
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
    placement: { groupName: "efa-cluster" },
    networkInterfaces,
});
const nodeGroup = (instanceTypes = ["p5.48xlarge"]) => ({
    ...BASE_NODE_GROUP, amiType: "AL2023_x86_64_NVIDIA", subnetIds: ["subnet-a"], instanceTypes,
});

async function allViolations(lt: Record<string, unknown>, ng: Record<string, unknown>): Promise<(Violation & { level: string })[]> {
    const found: (Violation & { level: string })[] = [];
    // The cluster the group joins, in the same stack: the policy pack reads its cluster security group.
    const cluster = resource("aws:eks/cluster:Cluster", "prod", { name: "prod", vpcConfig: { clusterSecurityGroupId: groups[0] } });
    for (const p of policies) {
        for (const v of await validate(p, [cluster, ...stack(lt, ng)])) found.push({ ...v, level: String(p.enforcementLevel) });
    }
    return found;
}

describe("policy pack on EFA templates other tools generate", () => {
    for (const [tool, nis] of [["eksctl", eksctl], ["terraform-aws-eks", terraformAwsEks], ["@pulumi/eks", pulumiEks]] as const) {
        it(`passes ${tool}'s p5.48xlarge template (${CARDS} EFA interfaces) with no violation`, async () => {
            expect(await allViolations(template(nis), nodeGroup())).to.deep.equal([]);
        });
    }

    it("fails a template with two primary interfaces (card 0, device 0), as mandatory", async () => {
        const broken = [...eksctl];
        broken[1] = { ...broken[1], networkCardIndex: 0, deviceIndex: 0 };
        const found = await allViolations(template(broken), nodeGroup());
        expect(found.map((v) => `${v.level} ${v.message.split(":")[0]}`)).to.deep.equal(["mandatory [lt-network-interface-slots] networkInterfaces[1]"]);
    });

    it("fails EFA on a type without EFA, and interfaces beyond its cards, as mandatory", async () => {
        const found = await allViolations(template(eksctl), nodeGroup(["m5.24xlarge"]));
        const ids = new Set(found.filter((v) => v.level === "mandatory").map((v) => v.message.split("]")[0].slice(1)));
        expect([...ids].sort()).to.deep.equal(["efa-instance-type", "lt-network-cards"]);
        expect(catalogue.find((r) => r.id === "efa-instance-type")!.severity).to.equal("error");
    });
});
