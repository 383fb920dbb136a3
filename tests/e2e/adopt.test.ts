// Migrating a stack's raw launch template and node group to a ManagedNodeGroup (the migration
// guide's steps) under the real engine: a YAML program of raw aws resources is deployed, then
// replaced by the component with adopt.*Urn naming them. The engine must create neither child
// again, delete nothing and replace nothing: the template is updated (a new version, same id)
// and the node group updated in place to it. aws is support/awsmock.ts, with AWS's replace rules.
import { expect } from "chai";
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { CliSandbox, cliSandbox, ROOT } from "./support/engine";

type Args = Record<string, unknown>;
const definition = parse(readFileSync(path.join(ROOT, "examples/plans/changes/named-before.yaml"), "utf8")) as Args;
const cluster = definition.cluster as Args;
const PROJECT = "adopt";
const STACK = "dev";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";

/** The raw resources a team would have had: their own names, the same group. */
const RAW = {
    "general-template": {
        type: "aws:ec2:LaunchTemplate",
        properties: { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 }, vpcSecurityGroupIds: ["sg-0aa11bb22cc33dd44"] },
    },
    "general-nodes": {
        type: "aws:eks:NodeGroup",
        properties: {
            clusterName: cluster.name, nodeGroupName: definition.nodeGroupName, nodeRoleArn: definition.nodeRoleArn, subnetIds: definition.subnetIds,
            amiType: "AL2023_ARM_64_STANDARD", capacityType: "ON_DEMAND", instanceTypes: definition.instanceTypes, version: cluster.version,
            scalingConfig: definition.scalingConfig, launchTemplate: { id: "${general-template.id}", version: "${general-template.latestVersion}" },
        },
    },
};

describe("adopting a stack's raw launch template and node group (the migration guide)", function () {
    this.timeout(600000);
    let sandbox: CliSandbox;
    let dir: string;
    before(async () => { sandbox = await cliSandbox("adopt"); dir = sandbox.dir; });
    after(() => sandbox?.dispose());

    const program = (resources: Args): void => writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({
        name: PROJECT, runtime: "yaml", plugins: { providers: [{ name: "eks-nodegroup", path: ROOT }] }, resources,
    }));
    const pulumi = (...args: string[]): string => sandbox.pulumi(dir, ...args);
    const state = () => (JSON.parse(pulumi("stack", "export")).deployment.resources as { urn: string; type: string; id?: string }[]);

    it("updates both in place, keeps their ids, and creates or deletes nothing", () => {
        program(RAW);
        pulumi("stack", "init", STACK);
        pulumi("up", "--yes", "--skip-preview");
        const before = state();
        const rawTemplate = before.find((r) => r.type === LT)!;
        const rawGroup = before.find((r) => r.type === NG)!;
        expect(rawTemplate.urn).to.equal(`urn:pulumi:${STACK}::${PROJECT}::${LT}::general-template`);

        program({ general: { type: "eks-nodegroup:index:ManagedNodeGroup", properties: {
            ...definition, adopt: { launchTemplateUrn: rawTemplate.urn, nodeGroupUrn: rawGroup.urn } } } });
        const preview = JSON.parse(pulumi("preview", "--json")) as { steps: { op: string; urn: string; type?: string }[] };
        const ops = preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()} ${s.urn.split("::")[2].split("$").pop()}`).sort();
        expect(ops).to.deep.equal([
            "create general eks-nodegroup:index:ManagedNodeGroup",
            `update general ${LT}`,
            `update general ${NG}`,
        ]);

        pulumi("up", "--yes", "--skip-preview");
        const after = state();
        const template = after.find((r) => r.type === LT)!;
        const group = after.find((r) => r.type === NG)!;
        expect(template.urn).to.match(/ManagedNodeGroup\$aws:ec2\/launchTemplate:LaunchTemplate::general$/);
        expect([template.id, group.id]).to.deep.equal([rawTemplate.id, rawGroup.id]);
        expect(after.filter((r) => r.type === LT || r.type === NG)).to.have.length(2);
        // With the aliases recorded, the next preview has nothing to do.
        const again = JSON.parse(pulumi("preview", "--json")) as { steps: { op: string }[] };
        expect(again.steps.map((s) => s.op).filter((op) => op !== "same")).to.deep.equal([]);
        pulumi("destroy", "--yes", "--skip-preview");
    });
});
