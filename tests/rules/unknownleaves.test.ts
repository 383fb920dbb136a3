// Not known is not unset: every valid definition of the corpus, with each value it sets (each leaf,
// and each object and list around it) replaced by another resource's output — unknown at preview.
// No rule may fire at preview on a value it could not see; only the rules that need a value at
// preview say so, and then only "not known at preview".
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { baseArgs, run } from "../support/harness";
import { merge } from "../support/policy";

const DIR = path.resolve(__dirname, "../corpus");
interface Case { args: Record<string, unknown> }
const entries = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).map((f) => parse(readFileSync(path.join(DIR, f), "utf8")) as { rule: string; component: { valid?: Case[] } });

/** Every path a case sets: each leaf and each container on the way, as key lists. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (at.length > 0) out.push(at);
    if (Array.isArray(v)) v.forEach((e, i) => pathsOf(e, [...at, i], out));
    else if (v !== null && typeof v === "object") for (const [k, e] of Object.entries(v)) pathsOf(e, [...at, k], out);
    return out;
}

function withUnknown(args: Record<string, unknown>, at: (string | number)[]): Record<string, unknown> {
    const source = new aws.ec2.Vpc("source", { cidrBlock: "10.0.0.0/16" });
    const copy = structuredClone(args) as Record<string, unknown>;
    let parent: Record<string | number, unknown> = copy;
    for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = at[at.length - 1];
    const value = parent[last];
    parent[last] = source.id.apply(() => value);
    return copy;
}

/** Findings that say a value is needed at preview, which an unknown value rightly gets. */
const NEEDS_KNOWN = /(must be known at preview|is not known at preview)/;

describe("values unknown at preview: no rule fires on what it could not see", function () {
    this.timeout(120000);
    for (const entry of entries) {
        (entry.component.valid ?? []).forEach((c, i) => {
            it(`${entry.rule} valid case ${i + 1}: each value it sets, unknown`, async () => {
                const wrong: string[] = [];
                // What the definition gets with every value known (another rule's warning, say) is not the unknown's doing.
                const known = await run(() => merge(baseArgs(), c.args), { preview: true });
                const before = new Set(known.review.findings.map((f) => `${f.ruleId} ${f.path}`));
                for (const at of pathsOf(c.args)) {
                    const r = await run(() => withUnknown(merge(baseArgs(), c.args) as unknown as Record<string, unknown>, at), { preview: true });
                    for (const f of r.review.findings) {
                        if (!NEEDS_KNOWN.test(f.message) && !before.has(`${f.ruleId} ${f.path}`)) {
                            wrong.push(`${at.join(".")} unknown → [${f.ruleId}] ${f.path}: ${f.message.slice(0, 120)}`);
                        }
                    }
                }
                expect(wrong, wrong.join("\n")).to.deep.equal([]);
            });
        });
    }
});
