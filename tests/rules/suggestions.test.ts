// A near-miss name gets the setting it was probably meant to be, once: args-schema's suggestion
// (other conventions' spellings, near spellings, the start of a name), and no second finding that
// the name it was meant to be is missing.
import { expect } from "chai";
import { review } from "../../src/model/review";
import { policyFor } from "../../src/policy";
import { ruleById } from "../../src/rules";
import { baseArgs } from "../support/harness";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, stack, validate } from "../support/policy";

async function errorsOf(args: unknown): Promise<string[]> {
    return (await review(args)).findings.filter((f) => f.severity === "error").map((f) => `${f.path}: ${f.message}`);
}

describe("near-miss names", () => {
    it("`min` is scalingConfig.minSize, reported once", async () => {
        expect(await errorsOf({ ...baseArgs(), scalingConfig: { min: 1, maxSize: 3 } })).to.deep.equal([
            "scalingConfig.min: scalingConfig.min is not a ManagedNodeGroup setting; did you mean scalingConfig.minSize?"]);
    });

    it("another language's spelling: min_size, MaxSize", async () => {
        expect(await errorsOf({ ...baseArgs(), scalingConfig: { min_size: 1, MaxSize: 3 } })).to.deep.equal([
            "scalingConfig.min_size: scalingConfig.min_size is not a ManagedNodeGroup setting; did you mean scalingConfig.minSize?",
            "scalingConfig.MaxSize: scalingConfig.MaxSize is not a ManagedNodeGroup setting; did you mean scalingConfig.maxSize?"]);
    });

    it("a near spelling, and a prefix of a few names", async () => {
        const errors = await errorsOf({ ...baseArgs(), diskSise: 100, updateConfig: { maxUnavail: 1 } });
        expect(errors).to.include("diskSise: diskSise is not a ManagedNodeGroup setting; did you mean diskSize?");
        expect(errors).to.include("updateConfig.maxUnavail: updateConfig.maxUnavail is not a ManagedNodeGroup setting; " +
            "did you mean updateConfig.maxUnavailable or updateConfig.maxUnavailablePercentage?");
    });

    it("no suggestion for a name like none, and a required setting still missing is still reported", async () => {
        expect(await errorsOf({ ...baseArgs(), scalingConfig: { maxSize: 3, zzz: 1 } })).to.deep.equal([
            "scalingConfig.zzz: scalingConfig.zzz is not a ManagedNodeGroup setting.",
            "scalingConfig.minSize: scalingConfig.minSize is required."]);
    });

    it("an override's near miss names the input of the AWS resource", async () => {
        const errors = await errorsOf({ ...baseArgs(), nodeGroupOverrides: { capacityTyp: "SPOT" } });
        expect(errors.join("\n")).to.match(/nodeGroupOverrides\.capacityTyp: .*did you mean nodeGroupOverrides\.capacityType\?/);
    });
});

describe("instance type names the table does not list", () => {
    const warningsOf = async (args: unknown) => (await review(args)).findings
        .filter((f) => f.ruleId === "instance-type-known").map((f) => ({ severity: f.severity, path: f.path, message: f.message }));

    it("warn (never refuse) with the closest listed name, at either argument", async () => {
        const list = await warningsOf({ ...baseArgs(), instanceTypes: ["g5.2xlrage", "m5.large"] });
        expect(list.map((w) => [w.severity, w.path])).to.deep.equal([["warning", "nodeGroup.instanceTypes[0]"]]);
        expect(list[0].message).to.match(/^Instance type "g5\.2xlrage" is not in the instance table .*; did you mean g5\.2xlarge\? Correct it/);
        const single = await warningsOf({ ...baseArgs(), instanceTypes: undefined, launchTemplate: { instanceType: "m7i.xlrage" } });
        expect(single.map((w) => w.path)).to.deep.equal(["launchTemplate.instanceType"]);
        expect(single[0].message).to.contain("did you mean m7i.xlarge?");
        const all = await review({ ...baseArgs(), instanceTypes: ["g5.2xlrage"] });
        expect(all.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
    });

    it("suggest the hyphenated family for a spelling without it, and nothing for a name like none", async () => {
        expect((await warningsOf({ ...baseArgs(), instanceTypes: ["m7iflex.large"] }))[0].message).to.contain("did you mean m7i-flex.large?");
        expect((await warningsOf({ ...baseArgs(), instanceTypes: ["qqqqqqq.wwwwwww"] }))[0].message).not.to.contain("did you mean");
    });

    it("leave names that are not instance type names at all to instance-type-name", async () => {
        expect(await warningsOf({ ...baseArgs(), instanceTypes: ["G5.2XLARGE"] })).to.deep.equal([]);
    });

    it("suggest the same names through the policy pack, without printing the value", async () => {
        const policy = policyFor(ruleById("instance-type-known")!);
        const violations = await validate(policy, stack(merge(BASE_LAUNCH_TEMPLATE, { instanceType: "m7i.xlrage" }),
            merge(BASE_NODE_GROUP, { instanceTypes: ["g5.2xlrage"] })));
        expect(policy.enforcementLevel).to.equal("advisory");
        const messages = violations.map((v) => v.message);
        expect(messages.some((m) => m.startsWith("[instance-type-known] instanceTypes[0]: ") && m.includes("did you mean g5.2xlarge?"))).to.equal(true);
        expect(messages.some((m) => m.startsWith("[instance-type-known] instanceType: ") && m.includes("did you mean m7i.xlarge?"))).to.equal(true);
        expect(messages.join("\n")).not.to.contain("xlrage");
    });
});
