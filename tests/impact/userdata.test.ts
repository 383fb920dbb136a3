// User data in a change: decoded and compared per part, per NodeConfig / cloud-config key, per
// Bottlerocket TOML key and per PowerShell or shell line — the same account from `plan --against`
// (two plans) and from `impact` (an engine preview built of the same two plans' inputs). Rendered by
// the component from the examples' definitions (AL2023, Bottlerocket, Windows, Amazon Linux 2), both
// sides of each change asserted; credentials in the user data never appear in either output.
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { parse } from "yaml";
import { AgainstResult, planAgainst } from "../../src/impact/against";
import { Change } from "../../src/impact/classify";
import { formatImpact } from "../../src/impact/format";
import { impactOfPreview, UNKNOWN } from "../../src/impact/preview";
import { userDataDifferences } from "../../src/impact/userdata";
import { MAX_DECODED_BYTES } from "../../src/userdata/mime";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../src/facts/awsinputs";
import { MANAGED_NODE_GROUP_TYPE } from "../../src/base/token";
import { isUnknownValue } from "../../src/validate/mockruntime";
import { Plan } from "../../src/validate/index";

type Args = Record<string, unknown>;
const EXAMPLES = path.resolve(__dirname, "../../examples/plans");
const example = (file: string): Args => parse(readFileSync(path.join(EXAMPLES, file), "utf8")) as Args;
const b64 = (text: string | Buffer): string => Buffer.from(text).toString("base64");

/** `args` with `patch` merged into `launchTemplate.userData` (and the top level with `top`). */
function withUserData(args: Args, patch: Args, top: Args = {}): Args {
    const lt = (args.launchTemplate ?? {}) as Args;
    return { ...args, ...top, launchTemplate: { ...lt, userData: { ...(lt.userData as Args ?? {}), ...patch } } };
}

/**
 * The `pulumi preview --json` the engine would write for the change between two plans: each child
 * an update step under its ManagedNodeGroup, its inputs as registered (unknowns as the engine's
 * placeholder), the node group's ignoreChanges on its states.
 */
function previewOf(before: Plan, after: Plan): unknown {
    const component = `urn:pulumi:s::p::${MANAGED_NODE_GROUP_TYPE}::nodes`;
    const json = (v: unknown): Args => JSON.parse(JSON.stringify(v, (_k, x) => (isUnknownValue(x) ? UNKNOWN : x))) as Args;
    const steps = [LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE].map((type) => {
        const urn = `urn:pulumi:s::p::${MANAGED_NODE_GROUP_TYPE}$${type}::nodes`;
        const state = (plan: Plan) => {
            const r = plan.resources.find((x) => x.type === type)!;
            return { type, urn, id: type === NODE_GROUP_TYPE ? "nodes" : "lt-1", parent: component, inputs: json(r.inputs),
                ...(r.options.ignoreChanges ? { ignoreChanges: r.options.ignoreChanges } : {}) };
        };
        return { op: "update", urn, oldState: state(before), newState: state(after) };
    });
    return { steps };
}

const userDataChanges = (changes: Change[] | undefined): Change[] => (changes ?? []).filter((c) => c.path.startsWith("launchTemplate.userData"));

/** Both doors on one change: plan --against's result, impact's changes for the same two plans, and both printed. */
async function bothDoors(old: Args, next: Args): Promise<{ against: AgainstResult; impact: Change[]; text: string }> {
    const against = await planAgainst("nodes", old, next);
    expect(against.before.valid && against.after.valid, JSON.stringify([...against.before.diagnostics, ...against.after.diagnostics])).to.equal(true);
    const [group] = impactOfPreview(previewOf(against.before, against.after));
    const text = formatImpact("plan --against", against.impact) + formatImpact("impact", group.impact)
        + JSON.stringify(against.impact) + JSON.stringify(group.impact);
    return { against, impact: group.impact.changes, text };
}

/** The user-data changes as impact and plan --against both give them: the same list, asserted, then returned. */
async function sameInBoth(old: Args, next: Args): Promise<{ changes: Change[]; text: string; against: AgainstResult }> {
    const { against, impact, text } = await bothDoors(old, next);
    const fromAgainst = userDataChanges(against.impact.resourceChanges);
    expect(fromAgainst.length, "plan --against names no user-data change").to.be.greaterThan(0);
    expect(userDataChanges(impact)).to.deep.equal(fromAgainst);
    // One definition argument changed: it lists the same inputs (several are each tried alone on the old definition).
    if (against.impact.changes.length === 1) {
        expect(against.impact.changes[0].inputs).to.deep.equal(fromAgainst.map(({ path: p, before, after }) => ({ path: p, before, after })));
    }
    return { changes: fromAgainst, text, against };
}

const only = (changes: Change[]) => changes.map(({ path: p, before, after, effect }) => ({ path: p, before, after, effect }));

describe("impact and plan --against: user data decoded and compared", function () {
    this.timeout(120000);

    it("AL2023: a kubeletConfig field is its NodeConfig key, 60s → 120s, in both", async () => {
        const base = withUserData(example("changes/before.yaml"), { nodeConfig: { kubeletConfig: { shutdownGracePeriod: "60s" } } });
        const { changes, text } = await sameInBoth(base, withUserData(base, { nodeConfig: { kubeletConfig: { shutdownGracePeriod: "120s" } } }));
        expect(only(changes)).to.deep.equal([{ path: "launchTemplate.userData[application/node.eks.aws].spec.kubelet.config.shutdownGracePeriod",
            before: "60s", after: "120s", effect: "rolling" }]);
        expect(text).to.contain("launchTemplate.userData[application/node.eks.aws].spec.kubelet.config.shutdownGracePeriod: 60s → 120s")
            .and.not.contain("characters of base64");
    });

    it("Bottlerocket: a setting is its TOML key, max-pods 58 → 110", async () => {
        const base = example("bottlerocket.yaml");
        const { changes } = await sameInBoth(base, withUserData(base, { maxPods: 110 }));
        expect(only(changes)).to.deep.equal([{ path: "launchTemplate.userData.settings.kubernetes.max-pods", before: 58, after: 110, effect: "rolling" }]);
    });

    it("Windows: the PowerShell line that changes, both versions of it", async () => {
        const base = example("windows-custom-ami.yaml");
        const { changes } = await sameInBoth(base, withUserData(base, { kubeletExtraArgs: ["--image-gc-high-threshold=70"] }));
        expect(changes.map((c) => c.path)).to.deep.equal(["launchTemplate.userData line 3"]);
        const [c] = changes;
        expect(c.before).to.match(/^& \$EKSBootstrapScriptFile -EKSClusterName 'prod' /).and.not.contain("--image-gc-high-threshold");
        expect(c.after).to.match(/^& \$EKSBootstrapScriptFile -EKSClusterName 'prod' /).and.match(/-KubeletExtraArgs '[^']*--image-gc-high-threshold=70/);
    });

    it("Amazon Linux 2: the bootstrap.sh line of the shell part, --max-pods 29 → 58, and an added line of the user's script", async () => {
        const base = example("al2-custom-ami.yaml");
        const content = "#!/bin/bash\nyum install -y amazon-cloudwatch-agent\n";
        const { changes, against } = await sameInBoth(base, withUserData(base, { maxPods: 58, content: content + "systemctl enable amazon-cloudwatch-agent\n" }));
        // The shell part's lines as rendered: the part's body starts after its header and the empty line.
        const shell = against.after.userData!.split("Content-Type: text/x-shellscript")[1].split("\n").slice(2);
        const lineOf = (text: string) => shell.findIndex((l) => l.includes(text)) + 1;
        expect(lineOf("systemctl enable"), "the added line is the script's third").to.equal(3);
        expect(changes.map((c) => [c.path, c.before === undefined ? "(added)" : "changed"])).to.deep.equal([
            ["launchTemplate.userData[text/x-shellscript] line 3", "(added)"],
            [`launchTemplate.userData[text/x-shellscript] line ${lineOf("--kubelet-extra-args")}`, "changed"],
        ]);
        expect(changes[0].after).to.equal("systemctl enable amazon-cloudwatch-agent");
        expect(changes[1].before).to.contain("--max-pods=29'").and.not.contain("--max-pods=58");
        expect(changes[1].after).to.contain("--max-pods=58'").and.not.contain("--max-pods=29");
    });

    it("a cloud-config part by its keys; a password's value is [secret] on both sides and in no output", async () => {
        const base = example("al2.yaml");
        const content = (pw: string, pkg: string) => `#cloud-config\npackages:\n  - ${pkg}\nchpasswd:\n  users:\n    - { name: ec2-user, password: ${pw} }\n`;
        const old = withUserData(base, { content: content("hunter2-old", "amazon-ssm-agent") });
        const { changes, text } = await sameInBoth(old, withUserData(base, { content: content("hunter2-new", "jq") }));
        expect(only(changes)).to.deep.equal([
            { path: "launchTemplate.userData[text/cloud-config].chpasswd.users", before: "[secret]", after: "[secret]", effect: "rolling" },
            { path: "launchTemplate.userData[text/cloud-config].packages", before: ["amazon-ssm-agent"], after: ["jq"], effect: "rolling" },
        ]);
        expect(text).to.not.contain("hunter2");
    });

    it("a shell line that names a credential is [secret] on both sides and in no output", async () => {
        const base = example("al2.yaml");
        const script = (token: string) => `#!/bin/bash\nexport REGISTRY_TOKEN=${token}\necho ready\n`;
        const { changes, text } = await sameInBoth(withUserData(base, { content: script("tok-aaaa") }), withUserData(base, { content: script("tok-bbbb") }));
        expect(only(changes)).to.deep.equal([{ path: "launchTemplate.userData[text/x-shellscript] line 2", before: "[secret]", after: "[secret]", effect: "rolling" }]);
        expect(text).to.not.contain("tok-aaaa").and.not.contain("tok-bbbb");
    });
});

describe("plan --against: one node count, the one EKS acts on", function () {
    this.timeout(120000);
    const base = example("changes/before.yaml"); // desiredSize 3, maxUnavailablePercentage 25
    const grown = (old: Args) => withUserData({ ...old, scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 6 } }, { kubeletExtraArgs: ["--image-gc-high-threshold=70"] });
    const counts = (r: AgainstResult): string[] =>
        [...new Set([r.impact.summary, ...r.impact.changes.map((c) => c.why)].flatMap((t) => [...t.matchAll(/\((\d+) of (\d+) nodes?\)/g)].map((m) => m[0])))];

    it("desiredSize 3 → 6 ignored by the group (ignoreDesiredSizeChanges): summary and detail both say 1 of 3 nodes", async () => {
        const old = { ...base, ignoreDesiredSizeChanges: true };
        const { against } = await bothDoors(old, grown(old));
        expect(against.impact.effect).to.equal("rolling");
        expect(counts(against)).to.deep.equal(["(1 of 3 nodes)"]);
        expect(against.impact.summary).to.not.contain("6 nodes");
        expect(against.impact.changes.find((c) => c.path === "scalingConfig.desiredSize")!.effect).to.equal("none");
    });

    it("desiredSize 3 → 6 reaching EKS: the nodes roll at 3 (the version update runs first), then the group scales to 6", async () => {
        const { against, impact } = await bothDoors(base, grown(base));
        expect(counts(against)).to.deep.equal(["(1 of 3 nodes)"]);
        expect(against.impact.summary).to.equal("Rolling replacement: EKS replaces every node, 25% at a time (1 of 3 nodes); then the group is scaled to 6 nodes.");
        // impact, from the engine's preview of the same change, tells it in the same numbers.
        const rolling = impact.find((c) => c.effect === "rolling")!;
        expect(rolling.why).to.contain("25% at a time (1 of 3 nodes); then the group is scaled to 6 nodes");
    });
});

describe("the user-data diff on its own", () => {
    const mime = (...parts: [string, string][]) => ["MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="B"', "",
        ...parts.flatMap(([type, body]) => ["--B", `Content-Type: ${type}`, "", body]), "--B--", ""].join("\n");

    it("lines added, removed and changed, each with its line number", () => {
        const d = userDataDifferences(b64("#!/bin/bash\na\nb\nc\nd\n"), b64("#!/bin/bash\na\nB\nc\nd\ne\n"));
        expect(d).to.deep.equal([{ path: "userData line 3", before: "b", after: "B" }, { path: "userData line 6", before: undefined, after: "e" }]);
        expect(userDataDifferences(b64("#!/bin/bash\na\nb\n"), b64("#!/bin/bash\nb\n"))).to.deep.equal([{ path: "userData old line 2", before: "a", after: undefined }]);
    });

    it("parts paired by type, a second part of one type numbered; a gzip part and a gzip whole user data read inflated", () => {
        const nodeConfig = (flag: string) => `apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    flags: ["${flag}"]\n`;
        const before = mime(["text/x-shellscript", "#!/bin/bash\necho one"], ["application/node.eks.aws", nodeConfig("--v=2")], ["text/x-shellscript", "#!/bin/bash\necho two"]);
        const after = mime(["text/x-shellscript", "#!/bin/bash\necho one"], ["application/node.eks.aws", nodeConfig("--v=4")], ["text/x-shellscript", "#!/bin/bash\necho 2"]);
        const expected = [
            { path: "userData[application/node.eks.aws].spec.kubelet.flags", before: ["--v=2"], after: ["--v=4"] },
            { path: "userData[text/x-shellscript #2] line 2", before: "echo two", after: "echo 2" },
        ];
        expect(userDataDifferences(b64(before), b64(after))).to.deep.equal(expected);
        expect(userDataDifferences(b64(gzipSync(before)), b64(gzipSync(after)))).to.deep.equal(expected);
        const gz = (text: string) => ["MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="B"', "", "--B", "Content-Type: application/gzip",
            "Content-Transfer-Encoding: base64", "", b64(gzipSync(text)), "--B--", ""].join("\n");
        expect(userDataDifferences(b64(gz("#!/bin/bash\necho x\n")), b64(gz("#!/bin/bash\necho y\n"))))
            .to.deep.equal([{ path: "userData[text/x-shellscript] line 2", before: "echo x", after: "echo y" }]);
    });

    it("unknown, secret, undecodable and over-budget user data are shown whole, as what they are", () => {
        const script = "#!/bin/bash\necho hi\n";
        const known = b64(script);
        const isUnknown = (v: unknown) => v === UNKNOWN;
        expect(userDataDifferences(known, UNKNOWN, isUnknown)).to.deep.equal([{ path: "userData", before: `(user data: 1 part, ${script.length} bytes decoded)`, after: "(known after apply)" }]);
        expect(userDataDifferences("[secret]", known)[0]).to.deep.include({ before: "[secret]" });
        expect(userDataDifferences(known, "not base64!")[0].after).to.match(/^\(user data that is not base64/);
        const big = b64("#!/bin/bash\n" + "x".repeat(MAX_DECODED_BYTES));
        expect(userDataDifferences(known, big)[0].after).to.match(/more than 65536 bytes, not decoded/);
        const bomb = b64(gzipSync("#!/bin/bash\n" + "y".repeat(4 * MAX_DECODED_BYTES)));
        expect(userDataDifferences(known, bomb)[0].after).to.match(/cannot be read: its parts decode and inflate to more than 65536 bytes/);
    });

    it("the same parts in other bytes (a new boundary) is still one change, said as such", () => {
        const a = mime(["text/x-shellscript", "#!/bin/bash\necho one"]);
        const b = a.replace(/boundary="B"/, 'boundary="C"').replace(/^--B/gm, "--C");
        expect(userDataDifferences(b64(a), b64(b))).to.deep.equal([{ path: "userData", before: `(user data: 1 part, ${a.length} bytes decoded)`,
            after: `(user data: 1 part, ${b.length} bytes decoded), its parts unchanged` }]);
    });

    it("impact on a preview whose user data is a secret prints [secret], never its plaintext", () => {
        const secret = (text: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(b64(text)) });
        const u = "urn:pulumi:s::p::aws:ec2/launchTemplate:LaunchTemplate::lt";
        const g = "urn:pulumi:s::p::aws:eks/nodeGroup:NodeGroup::ng";
        const lt = (ud: unknown) => ({ type: LAUNCH_TEMPLATE_TYPE, urn: u, id: "lt-1", inputs: { userData: ud } });
        const ng = { type: NODE_GROUP_TYPE, urn: g, id: "ng", inputs: { clusterName: "prod", launchTemplate: { id: "lt-1", version: "1" }, scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 } } };
        const [group] = impactOfPreview({ steps: [
            { op: "update", urn: u, oldState: lt(b64("#!/bin/bash\necho hi\n")), newState: lt(secret("#!/bin/bash\nexport PASS=swordfish2\n")) },
            { op: "update", urn: g, oldState: ng, newState: ng },
        ] });
        expect(only(group.impact.changes)).to.deep.equal([{ path: "launchTemplate.userData", before: `(user data: 1 part, ${"#!/bin/bash\necho hi\n".length} bytes decoded)`, after: "[secret]", effect: "rolling" }]);
        // Both sides secret, as the engine writes them ([secret], whatever the value): the update says the secret changed.
        const [both] = impactOfPreview({ steps: [
            { op: "update", urn: u, oldState: lt("[secret]"), newState: lt("[secret]") },
            { op: "update", urn: g, oldState: ng, newState: { ...ng, inputs: { ...ng.inputs, launchTemplate: { id: "lt-1", version: UNKNOWN } } } },
        ] });
        expect(only(both.impact.changes)).to.deep.equal([{ path: "launchTemplate.userData", before: "[secret]", after: "[secret] (changed)", effect: "rolling" }]);
        // With no update of the template, nothing is said of its secret.
        const [same] = impactOfPreview({ steps: [{ op: "same", urn: u, oldState: lt("[secret]"), newState: lt("[secret]") }, { op: "same", urn: g, oldState: ng, newState: ng }] });
        expect(same.impact.changes).to.deep.equal([]);
        expect(JSON.stringify(group) + formatImpact("x", group.impact)).to.not.contain("swordfish").and.not.contain(b64("#!/bin/bash\nexport PASS=swordfish2\n"));
    });
});
