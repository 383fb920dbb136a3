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

const PAIRS: { title: string; before: Args; after: Args }[] = (() => {
    const before = read("before.yaml");
    const named = read("named-before.yaml");
    return [
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
            const planned = await planAgainst("general", pair.before, pair.after);
            if (planned.impact.effect === "none") {
                // Nothing reaches the node group: the engine has no step for it, and impact nothing to say.
                expect(fromEngine.map((g) => g.impact.effect).filter((e) => e !== "none")).to.deep.equal([]);
                pulumi(work, "destroy", "--yes", "--skip-preview");
                return;
            }
            expect(fromEngine.map((g) => `${g.kind} ${g.name}`)).to.deep.equal(["ManagedNodeGroup general"]);
            expect(fromEngine[0].impact.effect, JSON.stringify(fromEngine[0].impact, null, 1)).to.equal(planned.impact.effect);
            // The same resource inputs change, with the same effects (the template's version is the template's change).
            const paths = (changes: { path: string; effect: string }[]) => changes.map((c) => `${c.path} ${c.effect}`).sort();
            expect(paths(fromEngine[0].impact.changes)).to.deep.equal(paths(planned.impact.resourceChanges ?? []));
            // The CLI on the same file says the same.
            const file = path.join(work, "preview.json");
            writeFileSync(file, JSON.stringify(preview));
            const cli = spawnSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), "impact", file, "--json"], { encoding: "utf8" });
            expect(JSON.parse(cli.stdout).groups[0].impact.effect).to.equal(planned.impact.effect);
            pulumi(work, "destroy", "--yes", "--skip-preview");
        });
    });
});
