// Every input of the pinned aws.eks.NodeGroup and aws.ec2.LaunchTemplate (from @pulumi/aws's own
// declarations) is reachable through the component — typed, or through the overrides — or refused
// by a named rule, or set by the component itself: each is planned here, and the lists are printed.
// Upgrading @pulumi/aws and re-running this shows what is new.
import { expect } from "chai";
import { OWNED } from "../../src/facts/overrides";
import { validate } from "../../src/validate/index";
import { declaredProperties } from "../support/awsdeclarations";
import { baseArgs } from "../support/harness";


const RESOURCES = [
    { which: "launchTemplate", arg: "launchTemplateOverrides", type: "aws:ec2/launchTemplate:LaunchTemplate", inputs: declaredProperties("ec2/launchTemplate.d.ts", "LaunchTemplateArgs") },
    { which: "nodeGroup", arg: "nodeGroupOverrides", type: "aws:eks/nodeGroup:NodeGroup", inputs: declaredProperties("eks/nodeGroup.d.ts", "NodeGroupArgs") },
] as const;

describe("the whole surface of the two AWS resources", function () {
    this.timeout(120000);
    for (const r of RESOURCES) {
        it(`every input of ${r.type} is typed, reachable through ${r.arg}, or refused by a named rule`, async () => {
            const lists: Record<"typed" | "overridable" | "refused", string[]> = { typed: [], overridable: [], refused: [] };
            for (const key of r.inputs) {
                const plan = await validate({ ...baseArgs(), [r.arg]: { [key]: "probe-value" } }, { name: "surface" });
                const errors = plan.diagnostics.filter((d) => d.severity === "error");
                const owned = OWNED[r.which][key];
                if (owned !== undefined) {
                    // Typed (or written by the component): the override is refused, naming where it belongs.
                    expect(errors.map((d) => `${d.ruleId} ${d.property}`), key).to.include(`overrides-inputs ${r.arg}.${key}`);
                    expect(errors.find((d) => d.ruleId === "overrides-inputs")!.message).to.contain(owned.split(" ")[0]);
                    lists.typed.push(`${key} → ${owned}`);
                } else if (errors.some((d) => d.property === `${r.arg}.${key}`)) {
                    const rule = errors.find((d) => d.property === `${r.arg}.${key}`)!.ruleId;
                    expect(rule, `${key} is refused only by the overrides rule`).to.not.equal("overrides-inputs");
                    lists.refused.push(`${key} [${rule}]`);
                } else {
                    // Nothing refuses it: it reaches the resource as given.
                    expect(errors, `${key}: ${JSON.stringify(errors)}`).to.deep.equal([]);
                    const child = plan.resources.find((x) => x.type === r.type)!;
                    expect(child.inputs[key], key).to.equal("probe-value");
                    lists.overridable.push(key);
                }
            }
            process.stdout.write(`      ${r.type} (${r.inputs.length} inputs)\n` + Object.entries(lists)
                .map(([k, v]) => `        ${k} (${v.length}): ${v.join(", ")}\n`).join(""));
            expect(lists.typed.length + lists.overridable.length + lists.refused.length).to.equal(r.inputs.length);
        });
    }
});
