// validate(args): the same findings and the same children as the component declared in a program
// under the caller's own mocks, on every corpus definition; and it leaves the caller's runtime
// (their setMocks, their warning log) exactly as it was.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ManagedNodeGroup, validate } from "../../src";
import { componentPath, setWarningSink } from "../../src/model/diagnostics";
import { MANAGED_NODE_GROUP_TYPE } from "../../src/base/token";
import { mockRuntime } from "../../src/validate/mockruntime";
import { registered } from "../../src/testing";
import { baseArgs, LT, NG, run } from "../support/harness";
import { merge } from "../support/policy";

const DIR = path.resolve(__dirname, "../corpus");
interface ComponentCase { args: Record<string, unknown> }
interface Entry { rule: string; component: { invalid?: ComponentCase[]; valid?: ComponentCase[] } }
const entries: Entry[] = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).map((f) => parse(readFileSync(path.join(DIR, f), "utf8")));

describe("validate()", function () {
    this.timeout(60000);

    it("agrees with the component under setMocks on every corpus definition: findings, and the children registered", async () => {
        let compared = 0;
        let valid = 0;
        for (const entry of entries) {
            for (const c of [...entry.component.invalid ?? [], ...entry.component.valid ?? []]) {
                const args = () => merge(baseArgs(), c.args);
                const plan = await validate(args(), { name: "ng" });
                const declared = await run(args, { preview: true });
                const where = `${entry.rule} ${JSON.stringify(c.args)}`;
                expect(plan.diagnostics, where).to.deep.equal(declared.review.findings.map((f) => ({
                    severity: f.severity, ruleId: f.ruleId, property: componentPath(f.path), message: f.message })));
                expect(plan.valid, where).to.equal(declared.error === undefined);
                expect(plan.resources.map(({ type, name, inputs }) => ({ type, name, inputs })), where)
                    .to.deep.equal(declared.recorder.resources.filter((r) => r.type !== MANAGED_NODE_GROUP_TYPE));
                compared++;
                if (plan.valid) valid++;
            }
        }
        expect(compared).to.be.greaterThan(150);
        expect(valid, "valid definitions among them").to.be.greaterThan(50);
    });

    it("leaves the caller's mocks installed: their resources reach them, validate's do not", async () => {
        const mine = await mockRuntime({ preview: false, stack: "mine" });
        const plan = await validate(baseArgs(), { name: "checked" });
        expect(plan.valid).to.equal(true);
        const ng = new ManagedNodeGroup("declared", baseArgs());
        await registered(ng);
        const names = mine.resources.map((r) => `${r.type} ${r.name}`);
        expect(names).to.include.members([`${LT} declared`, `${NG} declared`]);
        expect(names.filter((n) => n.endsWith(" checked"))).to.deep.equal([]);
        // Still an update, as the caller set it: computed outputs resolve.
        expect(await new Promise((resolve) => ng.launchTemplateVersion.apply(resolve))).to.equal(1);
    });

    it("logs no warning of its own, and the caller's components still do", async () => {
        const logged: string[] = [];
        setWarningSink((m) => logged.push(m));
        await mockRuntime({ preview: true });
        // ng-spot-single-type warns: Spot with a single instance type.
        const warned = { ...baseArgs(), capacityType: "SPOT" as const, instanceTypes: ["m5.large"] };
        const plan = await validate(warned);
        expect(plan.diagnostics.filter((d) => d.severity === "warning").length).to.be.greaterThan(0);
        expect(logged).to.deep.equal([]);
        const ng = new ManagedNodeGroup("logs", warned);
        await registered(ng).catch(() => undefined);
        expect(logged.length).to.equal(plan.diagnostics.filter((d) => d.severity === "warning").length);
    });

    it("resolves with the errors of a definition it cannot accept, and of one that is not an object", async () => {
        const plan = await validate({ ...baseArgs(), scalingConfig: { minSize: 3, maxSize: 2 } });
        expect(plan.valid).to.equal(false);
        expect(plan.resources).to.deep.equal([]);
        const nothing = await validate(42);
        expect(nothing.valid).to.equal(false);
        expect(nothing.diagnostics.map((d) => d.ruleId)).to.include("args-schema");
    });

    it("keeps concurrent validations apart: each sees only its own children", async () => {
        const plans = await Promise.all([1, 2, 3, 4].map((i) => validate({ ...baseArgs(), scalingConfig: { minSize: i, maxSize: 3 } }, { name: `g${i}` })));
        expect(plans.map((p) => [p.name, p.valid, p.resources.map((r) => r.name)])).to.deep.equal([
            ["g1", true, ["g1", "g1"]], ["g2", true, ["g2", "g2"]], ["g3", true, ["g3", "g3"]], ["g4", false, []]]);
    });

    it("takes Outputs known at preview as their values", async () => {
        const plan = await validate({ ...baseArgs(), nodeRoleArn: pulumi.output("arn:aws:iam::123456789012:role/nodes") });
        expect(plan.valid).to.equal(true);
        expect(plan.resources.find((r) => r.type === NG)?.inputs.nodeRoleArn).to.equal("arn:aws:iam::123456789012:role/nodes");
    });
});
