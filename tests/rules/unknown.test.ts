// Values unknown at preview never pass silently: every invalid case of the corpus again, with each
// argument it sets computed from another resource's output (unknown at preview, known at update).
// The update must fail with the same rule, path and message as the plain definition, and create
// neither child.
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { baseArgs, LT, NG, run } from "../support/harness";
import { merge } from "../support/policy";

const DIR = path.resolve(__dirname, "../corpus");

interface Case { args: Record<string, unknown>; path: string; update?: boolean }
const entries = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).map((f) => parse(readFileSync(path.join(DIR, f), "utf8")) as { rule: string; component: { invalid?: Case[] } });

function asOutputs(args: Record<string, unknown>, keys: string[]): Record<string, unknown> {
    const source = new aws.ec2.Vpc("source", { cidrBlock: "10.0.0.0/16" });
    const out = { ...args };
    for (const key of keys) if (out[key] !== undefined) out[key] = source.id.apply(() => args[key]);
    return out;
}

describe("values unknown at preview, checked at deploy", () => {
    for (const entry of entries) {
        (entry.component.invalid ?? []).forEach((c, i) => {
            const keys = Object.keys(c.args);
            it(`${entry.rule} case ${i + 1}: ${keys.join(", ")} from another resource's output`, async () => {
                const plain = await run(() => merge(baseArgs(), c.args), { preview: c.update !== true });
                const expected = plain.review.findings.filter((f) => f.ruleId === entry.rule);
                const preview = await run(() => asOutputs(merge(baseArgs(), c.args) as unknown as Record<string, unknown>, keys), { preview: true });
                const update = await run(() => asOutputs(merge(baseArgs(), c.args) as unknown as Record<string, unknown>, keys), { preview: false });
                expect(update.review.findings.filter((f) => f.ruleId === entry.rule)).to.deep.equal(expected);
                // At preview the rule either waits, or already knows enough (a misplaced setting is wrong
                // whatever its value) and reports it, on the same path or on one enclosing it.
                const previewFound = preview.review.findings.filter((f) => f.ruleId === entry.rule);
                for (const f of previewFound) {
                    expect(expected.some((e) => e.path === f.path || e.path.startsWith(`${f.path}.`)), f.path).to.equal(true);
                }
                if (expected.some((f) => f.severity === "error")) {
                    expect(update.error, "the update fails").to.not.equal(undefined);
                    expect(update.recorder.ofType(LT).length + update.recorder.ofType(NG).length).to.equal(0);
                }
            });
        });
    }
});
