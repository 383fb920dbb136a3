// `plan NEW --against OLD`: pairs of definitions, each with the effect a team must be told before
// deploy, and the numbers it is told in — through the component's real plans, not a name lookup.
import { expect } from "chai";
import { planAgainst } from "../../src/impact/against";
import { classify, Effect, Side } from "../../src/impact/classify";
import { LAUNCH_TEMPLATE_INPUTS, LAUNCH_TEMPLATE_VERSIONED, NODE_GROUP_INPUTS } from "../../src/facts/awsinputs";
import { declaredProperties } from "../support/awsdeclarations";
import { baseArgs } from "../support/harness";

type Args = Record<string, unknown>;
const BASE: Args = {
    ...baseArgs(),
    osFamily: "AmazonLinux2023",
    instanceTypes: ["m6i.large"],
    scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 4 },
    updateConfig: { maxUnavailable: 2 },
    labels: { team: "platform" },
    launchTemplate: { userData: { kubeletExtraArgs: ["--image-gc-high-threshold=80"] }, instanceTags: { team: "platform" } },
};
const merge = (base: Args, patch: Args): Args => {
    const out: Args = { ...base };
    for (const [k, v] of Object.entries(patch)) {
        out[k] = v !== null && typeof v === "object" && !Array.isArray(v) && typeof base[k] === "object" && base[k] !== null ? merge(base[k] as Args, v as Args) : v;
        if (v === undefined) delete out[k];
    }
    return out;
};
const CUSTOM_AMI = { launchTemplate: { imageId: "ami-0123456789abcdef0" } };

interface Pair { title: string; old?: Args; change: Args; effect: Effect; paths: Record<string, Effect>; says?: RegExp[] }

const PAIRS: Pair[] = [
    { title: "a user-data change rolls every node, maxUnavailable at a time", change: { launchTemplate: { userData: { kubeletExtraArgs: ["--image-gc-high-threshold=70"] } } },
        effect: "rolling", paths: { "launchTemplate.userData.kubeletExtraArgs": "rolling" }, says: [/EKS replaces every node, 2 at a time of 4 nodes/] },
    { title: "instance tags are a new template version: rolling", change: { launchTemplate: { instanceTags: { team: "data" } } },
        effect: "rolling", paths: { "launchTemplate.instanceTags.team": "rolling" } },
    { title: "desiredSize without ignoreDesiredSizeChanges is an in-place scaling", change: { scalingConfig: { desiredSize: 6 } },
        effect: "in-place", paths: { "scalingConfig.desiredSize": "in-place" }, says: [/no node is replaced/] },
    { title: "desiredSize with ignoreDesiredSizeChanges reaches nothing", old: { ignoreDesiredSizeChanges: true }, change: { scalingConfig: { desiredSize: 6 } },
        effect: "none", paths: { "scalingConfig.desiredSize": "none" }, says: [/ignoreDesiredSizeChanges/] },
    { title: "labels, taints, maxSize and the update config change in place",
        change: { labels: { team: "data" }, taints: [{ key: "gpu", value: "true", effect: "NO_SCHEDULE" }], scalingConfig: { maxSize: 20 }, updateConfig: { maxUnavailable: 1 } },
        effect: "in-place", paths: { "labels.team": "in-place", taints: "in-place", "scalingConfig.maxSize": "in-place", "updateConfig.maxUnavailable": "in-place" } },
    { title: "a Kubernetes version change rolls the nodes", old: { version: "1.32" }, change: { version: "1.33" },
        effect: "rolling", paths: { version: "rolling" } },
    { title: "instance types with a generated name: a new group beside the old, capacity doubles by its size", change: { instanceTypes: ["m6i.xlarge"] },
        effect: "replace", paths: { instanceTypes: "replace" }, says: [/a new node group \(4 nodes\) is created, then the old one \(4 nodes\) deleted: capacity briefly doubles, by 4 nodes/] },
    { title: "instance types with an explicit nodeGroupName: the old group is deleted first, an outage", old: { nodeGroupName: "general" }, change: { instanceTypes: ["m6i.xlarge"] },
        effect: "replace-delete-first", paths: { instanceTypes: "replace-delete-first" }, says: [/deleted before the new one is created \(explicit nodeGroupName\): an outage for what runs only there/] },
    { title: "giving the group a name replaces it, and the new one is created after the old is deleted", change: { nodeGroupName: "general" },
        effect: "replace-delete-first", paths: { nodeGroupName: "replace-delete-first" } },
    { title: "subnets, the node role and the capacity type replace the group",
        change: { subnetIds: ["subnet-c"], nodeRoleArn: "arn:aws:iam::123456789012:role/other", capacityType: "SPOT" },
        effect: "replace", paths: { subnetIds: "replace", nodeRoleArn: "replace", capacityType: "replace" } },
    { title: "an EKS AMI to a custom AMI: replaced through the component's trigger", change: CUSTOM_AMI,
        effect: "replace", paths: { "launchTemplate.imageId": "replace" }, says: [/replacement trigger/] },
    { title: "a custom AMI back to an EKS AMI: replaced too", old: CUSTOM_AMI, change: { launchTemplate: { imageId: undefined } },
        effect: "replace", paths: { "launchTemplate.imageId": "replace" } },
    { title: "a new custom AMI id rolls the nodes (same kind of AMI)", old: CUSTOM_AMI, change: { launchTemplate: { imageId: "ami-0fedcba9876543210" } },
        effect: "rolling", paths: { "launchTemplate.imageId": "rolling" } },
    { title: "an unchanged definition changes nothing", change: {}, effect: "none", paths: {} },
];

describe("plan --against: what a change does to the running nodes", function () {
    this.timeout(60000);
    for (const pair of PAIRS) {
        it(pair.title, async () => {
            const old = merge(BASE, pair.old ?? {});
            const { before, after, impact } = await planAgainst("nodes", old, merge(old, pair.change));
            expect(before.valid && after.valid, JSON.stringify([...before.diagnostics, ...after.diagnostics])).to.equal(true);
            expect(impact.effect, impact.summary).to.equal(pair.effect);
            expect(Object.fromEntries(impact.changes.map((c) => [c.path, c.effect]))).to.deep.equal(pair.paths);
            const text = [impact.summary, ...impact.changes.map((c) => c.why)].join("\n");
            for (const re of pair.says ?? []) expect(text).to.match(re);
        });
    }

    it("an argument valid only with the others takes the effect of all of them", async () => {
        // Arm64 instance types need the arm64 architecture given with them (the AMI type follows the types otherwise).
        const old = merge(BASE, { architecture: "x86_64" });
        const { impact } = await planAgainst("nodes", old, merge(old, { architecture: "arm64", instanceTypes: ["m7g.large"] }));
        expect(impact.effect).to.equal("replace");
        const arch = impact.changes.find((c) => c.path === "architecture")!;
        expect(arch.effect).to.equal("replace");
        expect(arch.why).to.match(/^valid only with the other changes/);
    });
});

describe("the impact table: every input it names, and the effect it gives", () => {
    const ng = (extra: Record<string, unknown> = {}): Side => ({ inputs: { clusterName: "prod", scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 }, ...extra }, options: { deleteBeforeReplace: false } });
    const setAt = (path: string, value: unknown): Record<string, unknown> => path.split(".").reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Record<string, unknown>;

    for (const [path, effect] of Object.entries(NODE_GROUP_INPUTS)) {
        it(`node group ${path}: ${effect}`, () => {
            const before = ng(setAt(path, "a")), after = ng(setAt(path, "b"));
            const impact = classify({ launchTemplate: {}, nodeGroup: { before, after } });
            expect(impact.effect).to.equal(effect);
        });
    }
    for (const [path, effect] of [...Object.entries(LAUNCH_TEMPLATE_INPUTS), ["userData", "version"], ["metadataOptions.httpPutResponseHopLimit", "version"]] as const) {
        it(`launch template ${path}: ${effect}`, () => {
            const impact = classify({ launchTemplate: { before: { inputs: setAt(path, "a") }, after: { inputs: setAt(path, "b") } }, nodeGroup: { before: ng(), after: ng() } });
            expect(impact.effect).to.equal(effect === "replace" ? "replace" : effect === "version" ? "rolling" : "in-place");
        });
    }
    it("names every input of the pinned aws.eks.NodeGroupArgs and aws.ec2.LaunchTemplateArgs (an upgrade lists what is new)", () => {
        const named = new Set(Object.keys(NODE_GROUP_INPUTS).map((p) => p.split(".")[0]));
        expect(declaredProperties("eks/nodeGroup.d.ts", "NodeGroupArgs").filter((k) => !named.has(k)), "node group inputs the table does not name").to.deep.equal([]);
        const lt = new Set([...Object.keys(LAUNCH_TEMPLATE_INPUTS), ...LAUNCH_TEMPLATE_VERSIONED]);
        const ltInputs = declaredProperties("ec2/launchTemplate.d.ts", "LaunchTemplateArgs");
        expect(ltInputs.filter((k) => !lt.has(k)), "launch template inputs the table does not name").to.deep.equal([]);
        expect([...lt].filter((k) => !ltInputs.includes(k)), "names that are no input").to.deep.equal([]);
    });

    it("a value not known at preview is shown as such, not as the engine's placeholder", () => {
        const placeholder = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const impact = classify({ launchTemplate: {}, nodeGroup: { before: ng({ launchTemplate: { id: "lt-1", version: "1" } }), after: ng({ launchTemplate: { id: "lt-1", version: placeholder } }) },
            isUnknown: (v) => v === placeholder });
        expect(impact.changes.map(({ path, before, after }) => ({ path, before, after }))).to.deep.equal([{ path: "nodeGroup.launchTemplate.version", before: "1", after: "(known after apply)" }]);
    });

    it("a template replacement with an explicitly named group deletes the old group first", () => {
        const named: Side = { ...ng(), options: { deleteBeforeReplace: true } };
        const impact = classify({ launchTemplate: { before: { inputs: { name: "a" } }, after: { inputs: { name: "b" } } }, nodeGroup: { before: named, after: named } });
        expect(impact.effect).to.equal("replace-delete-first");
    });
});
