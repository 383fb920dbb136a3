// The bad-input corpus (tests/corpus/<rule-id>.yaml): for every rule, invalid definitions that
// must be reported with that rule id at that property path, and valid ones that must not —
// through the component (under mocks, at preview) and through the policy pack.
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { policyFor } from "../../src/policy";
import { catalogue } from "../../src/rules";
import { runsIn } from "../../src/rules/rule";
import { baseArgs, run } from "../support/harness";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, resource, stack, validate } from "../support/policy";

const DIR = path.resolve(__dirname, "../corpus");

/** `update`: the case can only arise once values are resolved (deploy), so it runs as an update. */
interface ComponentCase { args: Record<string, unknown>; path?: string; update?: boolean }
/** `cluster`: an aws.eks.Cluster of the stack beside the pair (its props). */
interface PolicyCase { launchTemplate?: Record<string, unknown> | null; nodeGroup?: Record<string, unknown>; cluster?: Record<string, unknown>; at?: string }
interface Door<T> { invalid?: T[]; valid?: T[]; notApplicable?: string }
interface Entry { rule: string; component: Door<ComponentCase>; policy: Door<PolicyCase> }

const entries: Entry[] = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).map((f) => parse(readFileSync(path.join(DIR, f), "utf8")));

describe("bad-input corpus", () => {
    it("covers every rule, with an invalid and a valid case per door (or a reason it cannot apply)", () => {
        expect(entries.map((e) => e.rule).sort()).to.deep.equal(catalogue.map((r) => r.id).sort());
        for (const e of entries) {
            for (const door of [e.component, e.policy]) {
                if (door.notApplicable) continue;
                expect(door.invalid?.length, e.rule).to.be.greaterThan(0);
                expect(door.valid?.length, e.rule).to.be.greaterThan(0);
            }
        }
    });

    it("marks a door not applicable exactly where the rule does not run in it (Rule.doors)", () => {
        for (const e of entries) {
            const rule = catalogue.find((r) => r.id === e.rule)!;
            expect(e.policy.notApplicable !== undefined, `${e.rule}: policy`).to.equal(!runsIn(rule, "pack"));
            // The component may still be marked where the rule runs in it, with the reason no case can fire
            // there (custom-ami-bootstrap: the component writes the bootstrap itself).
            if (!runsIn(rule, "component")) expect(e.component.notApplicable, `${e.rule}: component`).to.be.a("string");
        }
    });

    for (const entry of entries) {
        const rule = catalogue.find((r) => r.id === entry.rule)!;
        describe(entry.rule, () => {
            (entry.component.invalid ?? []).forEach((c, i) => {
                it(`component reports invalid case ${i + 1} at ${c.path}`, async () => {
                    const r = await run(() => merge(baseArgs(), c.args), { preview: c.update !== true });
                    const at = r.review.findings.filter((f) => f.ruleId === entry.rule).map((f) => f.path.replace(/^nodeGroup\./, "").replace(/^launchTemplate\.userData$/, "launchTemplate.userData.content"));
                    expect(at, JSON.stringify(r.review.findings.map((f) => f.ruleId))).to.include(c.path);
                    if (rule.severity === "error") {
                        expect(r.error!.errors.some((e) => e.propertyPath === c.path && e.reason.startsWith(`[${entry.rule}] `))).to.equal(true);
                    } else {
                        expect(r.warnings.some((w) => w.startsWith(`[${entry.rule}] ${c.path}: `))).to.equal(true);
                    }
                });
            });
            (entry.component.valid ?? []).forEach((c, i) => {
                it(`component accepts valid case ${i + 1}`, async () => {
                    const r = await run(() => merge(baseArgs(), c.args), { preview: true });
                    expect(r.review.findings.filter((f) => f.ruleId === entry.rule)).to.deep.equal([]);
                });
            });
            const policy = policyFor(rule);
            const resources = (c: PolicyCase) => [
                ...(c.cluster ? [resource("aws:eks/cluster:Cluster", "cluster", c.cluster)] : []),
                ...stack(c.launchTemplate === null ? undefined : merge(BASE_LAUNCH_TEMPLATE, c.launchTemplate), merge(BASE_NODE_GROUP, c.nodeGroup ?? {})),
            ];
            (entry.policy.invalid ?? []).forEach((c, i) => {
                it(`policy reports invalid case ${i + 1} at ${c.at}`, async () => {
                    const [on, property] = c.at!.split(" ");
                    const violations = await validate(policy, resources(c));
                    const urn = on === "nodeGroup" ? "urn:pulumi:test::p::aws:eks/nodeGroup:NodeGroup::ng" : "urn:pulumi:test::p::aws:ec2/launchTemplate:LaunchTemplate::lt";
                    expect(violations.map((v) => `${v.urn} ${/^(.*?): /.exec(v.message)?.[1]}`)).to.include(`${urn} [${entry.rule}] ${property}`);
                    expect(policy.enforcementLevel).to.equal(rule.severity === "error" ? "mandatory" : "advisory");
                });
            });
            (entry.policy.valid ?? []).forEach((c, i) => {
                it(`policy accepts valid case ${i + 1}`, async () => {
                    expect(await validate(policy, resources(c))).to.deep.equal([]);
                });
            });
        });
    }
});
