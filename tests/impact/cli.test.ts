// `plan NEW --against OLD` and `impact PREVIEW.json` as a user (or a CI gate) runs them: the built CLI.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const CHANGES = path.join(ROOT, "examples/plans/changes");
const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const against = (file: string, old = "before.yaml", ...flags: string[]) => run("plan", path.join(CHANGES, file), "--against", path.join(CHANGES, old), ...flags);

describe("eks-nodegroup plan --against and impact", function () {
    this.timeout(60000);

    it("prints the plan of NEW, then the impact with each changed argument", () => {
        const r = against("kubelet-flag.yaml");
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.contain("ROLLING").and.contain("EKS replaces every node, 25% at a time (1 of 3 nodes)")
            .and.contain("launchTemplate.userData.kubeletExtraArgs").and.contain("resource options:")
            // The NodeConfig key the flag lands in, both sides, as impact names it.
            .and.contain('launchTemplate.userData[application/node.eks.aws].spec.kubelet.flags: ["--image-gc-high-threshold=80"] → ["--image-gc-high-threshold=70"]')
            .and.not.contain("characters of base64");
    });

    it("--json adds the impact to the plan's JSON, and the children's resource options", () => {
        const out = JSON.parse(against("instance-types.yaml", "before.yaml", "--json").stdout);
        expect(out.impact.effect).to.equal("replace");
        expect(out.impact.changes).to.deep.equal([{ path: "instanceTypes", before: ["m7g.large", "m6g.large"], after: ["m7g.xlarge"], effect: "replace",
            why: out.impact.changes[0].why, inputs: [{ path: "nodeGroup.instanceTypes", before: ["m7g.large", "m6g.large"], after: ["m7g.xlarge"] }] }]);
        expect(out.impact.changes[0].why).to.contain("capacity briefly doubles, by 3 nodes");
        const ng = out.resources.find((r: { type: string }) => r.type === "aws:eks/nodeGroup:NodeGroup");
        expect(ng.options).to.deep.equal({ deleteBeforeReplace: false, replacementTrigger: "eks-optimized-ami" });
    });

    it("--fail-on exits 3 when the change is at least that effect, 0 below it", () => {
        expect(against("kubelet-flag.yaml", "before.yaml", "--fail-on", "rolling").code).to.equal(3);
        expect(against("kubelet-flag.yaml", "before.yaml", "--fail-on", "replace").code).to.equal(0);
        expect(against("named-instance-types.yaml", "named-before.yaml", "--fail-on", "replace").code).to.equal(3);
        expect(against("before.yaml", "before.yaml", "--fail-on", "rolling").code).to.equal(0);
    });

    it("refuses --fail-on without --against, an unknown effect, and an invalid OLD (exit 2)", () => {
        expect(run("plan", path.join(CHANGES, "before.yaml"), "--fail-on", "rolling").code).to.equal(2);
        expect(against("kubelet-flag.yaml", "before.yaml", "--fail-on", "sometimes").code).to.equal(2);
        const dir = mkdtempSync(path.join(tmpdir(), "against-"));
        writeFileSync(path.join(dir, "bad.yaml"), "cluster: { name: prod }\nnodeRoleArn: x\nsubnetIds: [s]\nscalingConfig: { minSize: 3, maxSize: 1 }\n");
        const r = run("plan", path.join(CHANGES, "before.yaml"), "--against", path.join(dir, "bad.yaml"));
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain("the definition to compare against").and.contain("[ng-scaling]");
    });

    it("impact reads a preview's steps: a raw node group paired with its template by id, secrets shown as such", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "impact-"));
        const ltUrn = "urn:pulumi:s::p::aws:ec2/launchTemplate:LaunchTemplate::lt";
        const ngUrn = "urn:pulumi:s::p::aws:eks/nodeGroup:NodeGroup::ng";
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "\"s3cr3t\"" };
        const ng = (types: string[]) => ({ type: "aws:eks/nodeGroup:NodeGroup", urn: ngUrn, inputs: { clusterName: "prod", instanceTypes: types, launchTemplate: { id: "lt-1", version: "1" }, scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 } } });
        writeFileSync(path.join(dir, "preview.json"), JSON.stringify({ steps: [
            { op: "update", urn: ltUrn, oldState: { type: "aws:ec2/launchTemplate:LaunchTemplate", urn: ltUrn, id: "lt-1", inputs: { userData: secret, keyName: "a" } },
                newState: { type: "aws:ec2/launchTemplate:LaunchTemplate", urn: ltUrn, id: "lt-1", inputs: { userData: secret, keyName: "b" } } },
            { op: "update", urn: ngUrn, oldState: ng(["m6i.large"]), newState: ng(["m6i.large"]) },
        ] }));
        const r = run("impact", path.join(dir, "preview.json"), "--json");
        expect(r.code, r.stderr).to.equal(0);
        const [group] = JSON.parse(r.stdout).groups;
        expect(group).to.include({ kind: "NodeGroup", name: "ng" });
        expect(group.impact.effect).to.equal("rolling");
        expect(group.impact.changes.map((c: { path: string }) => c.path)).to.deep.equal(["launchTemplate.keyName"]);
        expect(r.stdout).to.not.contain("s3cr3t");
        expect(run("impact", path.join(dir, "preview.json"), "--fail-on", "rolling").code).to.equal(3);
    });
});
