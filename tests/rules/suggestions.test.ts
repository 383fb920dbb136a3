// A near-miss name gets the setting it was probably meant to be, once: args-schema's suggestion
// (other conventions' spellings, near spellings, the start of a name), and no second finding that
// the name it was meant to be is missing.
import { expect } from "chai";
import { review } from "../../src/model/review";
import { baseArgs } from "../support/harness";

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
