// `impact` on hostile and huge previews, as a CI gate runs it (the built CLI, a child process):
// every input it cannot read exits 2 with a message, and its work grows with the preview's size,
// within bounds generous enough for a busy 2-core machine. Each timed case prints its time and bound.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { MAX_PREVIEW_DEPTH } from "../../src/plan/cli";
import { MAX_CHANGES } from "../../src/impact/preview";
import { largePreview, nested, previewWithLabelCount, previewWithLabels, twoSteps } from "./previews";

const ROOT = path.resolve(__dirname, "../..");

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

/** `eks-nodegroup impact FILE [flags]`, timed. */
function impact(file: string, ...flags: string[]): Run {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), "impact", file, ...flags],
        { encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** The run, checked against its bound, with both printed. */
function within(label: string, boundMs: number, r: Run): Run {
    process.stdout.write(`      ${label}: ${Math.round(r.ms)} ms (bound ${boundMs} ms)\n`);
    expect(r.ms, `${label} took ${Math.round(r.ms)} ms`).to.be.below(boundMs);
    return r;
}

/** A refusal: exit 2, one line naming the problem, nothing on stdout, no stack trace. */
function refused(r: Run, says: RegExp): void {
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr).to.match(/^eks-nodegroup: /).and.match(says);
    expect(r.stderr).to.not.match(/\n\s+at /);
    expect(r.stdout).to.equal("");
}

describe("impact on hostile and huge previews", function () {
    this.timeout(120000);
    let dir: string;
    before(() => { dir = mkdtempSync(path.join(tmpdir(), "impact-bounds-")); });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, text: string): string => {
        writeFileSync(path.join(dir, name), text);
        return path.join(dir, name);
    };

    describe("nesting", () => {
        // The labels sit at level 6 of a preview: the document, steps, the step, newState, inputs.
        const LABELS_LEVEL = 6;

        for (const [where, text] of [
            ["in a node group's inputs", previewWithLabels(nested(200000))],
            ["in a node group's inputs, as arrays", previewWithLabels(nested(200000, true))],
            ["as the whole document", nested(200000, true)],
        ] as const) {
            it(`refuses a preview nested 200,000 deep ${where}: exit 2, the limit named`, () => {
                const preview = file("deep.json", text);
                for (const flags of [[], ["--json"]]) {
                    refused(within(["200,000 deep", where, ...flags].join(" "), 10000, impact(preview, ...flags)),
                        new RegExp(`nests values more than ${MAX_PREVIEW_DEPTH} levels deep`));
                }
            });
        }

        it(`reads a preview nested exactly ${MAX_PREVIEW_DEPTH} levels, and refuses one level more`, () => {
            const at = file("at.json", previewWithLabels(nested(MAX_PREVIEW_DEPTH - LABELS_LEVEL + 1)));
            for (const flags of [[], ["--json"]]) {
                const r = impact(at, ...flags);
                expect(r.code, r.stderr).to.equal(0);
                expect(r.stdout).to.contain("labels.a");
            }
            const json = JSON.parse(impact(at, "--json").stdout);
            expect(json.groups.map((g: { name: string; impact: { effect: string } }) => `${g.name} ${g.impact.effect}`)).to.deep.equal(["deep in-place"]);
            refused(impact(file("over.json", previewWithLabels(nested(MAX_PREVIEW_DEPTH - LABELS_LEVEL + 2)))), /more than \d+ levels deep/);
        });
    });

    describe("fields of another type than the engine writes", () => {
        type Preview = { steps: Record<string, any>[] };
        // steps[0] is the launch template, steps[1] the node group that names it.
        const CASES: [string, (p: Preview) => void, RegExp][] = [
            ["a number for a step's URN", (p) => { p.steps[1].urn = 5; }, /steps\[1\]\.urn is a number, not a string/],
            ["a number for a state's parent", (p) => { p.steps[1].newState.parent = 5; }, /steps\[1\]\.newState\.parent is a number, not a string/],
            ["a string for ignoreChanges", (p) => { p.steps[1].newState.ignoreChanges = "scalingConfig"; }, /steps\[1\]\.newState\.ignoreChanges is a string, not a list of strings/],
            ["a list of objects for replaceReasons", (p) => { p.steps[1].op = "replace"; p.steps[1].replaceReasons = [{}]; }, /steps\[1\]\.replaceReasons is a list, not a list of strings/],
            ["a list for inputs", (p) => { p.steps[0].oldState.inputs = []; }, /steps\[0\]\.oldState\.inputs is a list, not an object/],
            ["a number for a new state", (p) => { p.steps[0].newState = 5; }, /steps\[0\]\.newState is a number, not an object/],
            ["a string for deleteBeforeReplace", (p) => { p.steps[1].newState.deleteBeforeReplace = "yes"; }, /deleteBeforeReplace is a string, not true or false/],
        ];
        for (const [title, mutate, says] of CASES) {
            it(`refuses ${title}: exit 2, the place named`, () => {
                const preview = twoSteps() as Preview;
                mutate(preview);
                refused(impact(file("typed.json", JSON.stringify(preview))), says);
            });
        }

        it("takes null as absent, and reads the rest", () => {
            const preview = twoSteps() as Preview;
            Object.assign(preview.steps[1].newState, { parent: null, ignoreChanges: null, outputs: null });
            preview.steps[1].replaceReasons = null;
            const r = impact(file("nulls.json", JSON.stringify(preview)), "--json");
            expect(r.code, r.stderr).to.equal(0);
            expect(JSON.parse(r.stdout).groups.map((g: { impact: { effect: string } }) => g.impact.effect)).to.deep.equal(["rolling"]);
        });

        it("leaves the steps of other resources alone, whatever their fields", () => {
            const preview = twoSteps() as Preview;
            preview.steps.push(5 as never, { urn: 5, newState: { type: "aws:s3/bucket:Bucket", parent: 7, inputs: [] } });
            expect(impact(file("others.json", JSON.stringify(preview))).code).to.equal(0);
        });
    });

    describe("size", () => {
        const GROUPS = 30000;
        let preview: string;
        before(() => {
            preview = file("large.json", JSON.stringify(largePreview(GROUPS)));
            process.stdout.write(`      a preview of ${GROUPS} node groups and their templates: ${(statSync(preview).size / 2 ** 20).toFixed(1)} MiB\n`);
        });

        it(`pairs ${GROUPS} node groups with their templates in linear time`, () => {
            // A search of every template per node group took 34 s here; a lookup takes 2.
            const r = within(`${GROUPS} node groups --json`, 15000, impact(preview, "--json"));
            expect(r.code, r.stderr).to.equal(0);
            const groups: { kind: string; name: string; impact: { effect: string; changes: { path: string }[] } }[] = JSON.parse(r.stdout).groups;
            expect(groups).to.have.length(GROUPS);
            // Every raw group is paired with its template (by id, or by name), whose user data changes:
            // it rolls, its one line ("a" → "b") named; every new ManagedNodeGroup is created beside its template.
            const seen = groups.map((g) => `${g.kind} ${g.impact.effect} ${g.impact.changes.map((c) => c.path).join()}`);
            const want = (i: number): string => (i % 2 === 0 ? "ManagedNodeGroup in-place nodeGroup" : "NodeGroup rolling launchTemplate.userData line 1");
            const names = groups.map((g) => Number(g.name.replace("nodes-", "")));
            expect(seen).to.deep.equal(names.map(want));
            expect([...new Set(names)]).to.have.length(GROUPS);
        });

        it(`prints the impact of ${GROUPS} node groups for a person in linear time`, () => {
            const r = within(`${GROUPS} node groups`, 15000, impact(preview));
            expect(r.code, r.stderr).to.equal(0);
            expect(r.stdout.match(/^NodeGroup "nodes-\d+": ROLLING$/gm)).to.have.length(GROUPS / 2);
            expect(r.stdout.match(/^ManagedNodeGroup "nodes-\d+": IN-PLACE$/gm)).to.have.length(GROUPS / 2);
        });
    });

    describe("width", () => {
        it(`lists ${MAX_CHANGES} changes, and refuses one more (exit 2)`, () => {
            const at = within(`${MAX_CHANGES} labels --json`, 20000, impact(file("at.json", previewWithLabelCount(MAX_CHANGES)), "--json"));
            expect(at.code, at.stderr).to.equal(0);
            expect(JSON.parse(at.stdout).groups[0].impact.changes).to.have.length(MAX_CHANGES);
            refused(within(`${MAX_CHANGES + 1} labels`, 20000, impact(file("over.json", previewWithLabelCount(MAX_CHANGES + 1)))),
                new RegExp(`differ in more than ${MAX_CHANGES} places \\(the limit reached at node group "deep"\\)`));
        });

        it("refuses a node group gaining 3,000,000 labels (34 MB) without classifying them all", () => {
            // Classifying every label took 32 s and 2 GB; the walk stops at the limit.
            const preview = file("wide.json", previewWithLabelCount(3000000));
            for (const flags of [[], ["--json"]]) {
                refused(within(["3,000,000 labels", ...flags].join(" "), 60000, impact(preview, ...flags)), /differ in more than \d+ places/);
            }
        });
    });
});
