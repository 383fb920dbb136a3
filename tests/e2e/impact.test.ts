// `eks-nodegroup impact` on the real engine's own preview agrees with `plan --against`: each pair of
// definitions is deployed as a YAML program through the CLI and the component provider (aws: the
// mock of support/awsmock.ts, with AWS's replace rules), changed, and `pulumi preview --json` of the
// change is classified — the same effect as plan --against gives for the same two definitions.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { planAgainst } from "../../src/impact/against";
import { impactOfPreview } from "../../src/impact/preview";
import { CliSandbox, cliSandbox, ROOT } from "./support/engine";

type Args = Record<string, unknown>;
const CHANGES = path.join(ROOT, "examples/plans/changes");
const read = (file: string): Args => parse(readFileSync(path.join(CHANGES, file), "utf8")) as Args;

/** `args` with `patch` merged into `launchTemplate.userData`. */
const withUserData = (args: Args, patch: Args): Args => {
    const lt = args.launchTemplate as Args;
    return { ...args, launchTemplate: { ...lt, userData: { ...(lt.userData as Args), ...patch } } };
};
const secret = (value: string): Args => ({ "fn::secret": value });
/** A definition with its `fn::secret` values as plain values. */
const unwrapped = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(unwrapped);
    if (typeof v !== "object" || v === null) return v;
    const o = v as Args;
    return "fn::secret" in o ? o["fn::secret"] : Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapped(x)]));
};

const PAIRS: { title: string; before: Args; after: Args; absent?: string[] }[] = (() => {
    const before = read("before.yaml");
    const named = read("named-before.yaml");
    const ignoring = { ...before, ignoreDesiredSizeChanges: true };
    const grace = (period: string) => withUserData(before, { nodeConfig: { kubeletConfig: { shutdownGracePeriod: period } } });
    const script = (token: string) => `#!/bin/bash\nexport REGISTRY_TOKEN=${token}\n`;
    return [
        { title: "a NodeConfig kubelet setting, 60s → 120s (rolling, named by its key)", before: grace("60s"), after: grace("120s") },
        { title: "a kubelet flag while desiredSize 3 → 6 is ignored (rolling, 1 of 3 nodes)", before: ignoring,
            after: withUserData({ ...ignoring, scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 6 } }, { kubeletExtraArgs: ["--image-gc-high-threshold=70"] }) },
        { title: "a secret user content (rolling, the secret never shown)", before: withUserData(before, { content: secret(script("tok-aaaa")) }),
            after: withUserData(before, { content: secret(script("tok-bbbb")) }), absent: ["tok-aaaa", "tok-bbbb"] },
        { title: "a kubelet flag (rolling)", before, after: read("kubelet-flag.yaml") },
        { title: "instance types, generated name (replace)", before, after: read("instance-types.yaml") },
        { title: "instance types, explicit name (replace-delete-first)", before: named, after: read("named-instance-types.yaml") },
        { title: "labels (in-place)", before, after: { ...before, labels: { team: "data" } } },
        { title: "desiredSize under ignoreDesiredSizeChanges (none)", before: { ...before, ignoreDesiredSizeChanges: true },
            after: { ...before, ignoreDesiredSizeChanges: true, scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 5 } } },
        { title: "an EKS AMI to a custom AMI (replace, through the trigger)", before,
            after: { ...before, launchTemplate: { ...(before.launchTemplate as Args), imageId: "ami-0123456789abcdef0" } } },
    ];
})();

describe("impact from the real engine's preview agrees with plan --against", function () {
    this.timeout(600000);
    let sandbox: CliSandbox;
    before(async () => { sandbox = await cliSandbox("impact"); });
    after(() => sandbox?.dispose());

    const program = (work: string, args: Args): void => writeFileSync(path.join(work, "Pulumi.yaml"), [
        "name: impact", "runtime: yaml", "plugins:", "  providers:", "    - name: eks-nodegroup", `      path: ${JSON.stringify(ROOT)}`,
        "resources:", "  general:", "    type: eks-nodegroup:index:ManagedNodeGroup", `    properties: ${JSON.stringify(args)}`, "",
    ].join("\n"));
    const pulumi = (work: string, ...args: string[]): string => sandbox.pulumi(work, ...args);

    PAIRS.forEach((pair, i) => {
        it(pair.title, async () => {
            const work = path.join(sandbox.dir, `pair-${i}`);
            mkdirSync(work);
            program(work, pair.before);
            pulumi(work, "stack", "init", `pair-${i}`);
            pulumi(work, "up", "--yes", "--skip-preview");
            program(work, pair.after);
            const preview = JSON.parse(pulumi(work, "preview", "--json"));
            const fromEngine = impactOfPreview(preview);
            // plan --against reads definitions from files, where nothing is secret: it plans the values.
            const planned = await planAgainst("general", unwrapped(pair.before) as Args, unwrapped(pair.after) as Args);
            if (planned.impact.effect === "none") {
                // Nothing reaches the node group: the engine has no step for it, and impact nothing to say.
                expect(fromEngine.map((g) => g.impact.effect).filter((e) => e !== "none")).to.deep.equal([]);
                pulumi(work, "destroy", "--yes", "--skip-preview");
                return;
            }
            expect(fromEngine.map((g) => `${g.kind} ${g.name}`)).to.deep.equal(["ManagedNodeGroup general"]);
            expect(fromEngine[0].impact.effect, JSON.stringify(fromEngine[0].impact, null, 1)).to.equal(planned.impact.effect);
            // The same resource inputs change, with the same effects (the template's version is the template's change).
            // An input that ignoreChanges holds (effect none) is at its old value in the engine's step: it shows no difference.
            const reaching = <C extends { effect: string }>(changes: C[]): C[] => changes.filter((c) => c.effect !== "none");
            expect(fromEngine[0].impact.summary).to.equal(planned.impact.summary);
            if (pair.absent === undefined) {
                const paths = (changes: { path: string; effect: string }[]) => reaching(changes).map((c) => `${c.path} ${c.effect}`).sort();
                expect(paths(fromEngine[0].impact.changes)).to.deep.equal(paths(planned.impact.resourceChanges ?? []));
                // Each told the same way: the same values before and after (user data decoded per key and line).
                const told = (changes: { path: string; before: unknown; after: unknown; effect: string }[]) =>
                    reaching(changes).map(({ path: p, before, after }) => JSON.stringify({ p, before, after })).sort();
                expect(told(fromEngine[0].impact.changes)).to.deep.equal(told(planned.impact.resourceChanges ?? []));
            } else {
                // The engine writes a secret as [secret] on both sides: impact says the secret user data changed, and no more.
                expect(fromEngine[0].impact.changes.map(({ path: p, before, after, effect }) => ({ p, before, after, effect })))
                    .to.deep.equal([{ p: "launchTemplate.userData", before: "[secret]", after: "[secret] (changed)", effect: "rolling" }]);
            }
            // The CLI on the same file says the same.
            const file = path.join(work, "preview.json");
            writeFileSync(file, JSON.stringify(preview));
            const cli = spawnSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), "impact", file, "--json"], { encoding: "utf8" });
            expect(JSON.parse(cli.stdout).groups[0].impact.effect).to.equal(planned.impact.effect);
            const text = spawnSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), "impact", file], { encoding: "utf8" }).stdout;
            for (const s of pair.absent ?? []) expect(cli.stdout + text, `${s} in impact's output`).to.not.contain(s);
            pulumi(work, "destroy", "--yes", "--skip-preview");
        });
    });
});
