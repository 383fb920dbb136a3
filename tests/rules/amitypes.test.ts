// The amiType list comes from the enum the pinned @pulumi/aws validates against (scripts/awssdk),
// not from a hand-kept list: it must belong to the @pulumi/aws in package.json, and every type the
// component chooses, and every family it infers, must agree with it.
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { AcceleratorVariant, CpuArchitecture, OsFamily, WindowsVariant } from "../../src";
import { AMI_TYPE_TABLE, amiTypeFor, familyOfAmiType, KNOWN_AMI_TYPES } from "../../src/facts/amitype";

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));

describe("AMI types", () => {
    it("were generated for the @pulumi/aws that package.json pins for development (bump it: run scripts/awssdk)", () => {
        expect(AMI_TYPE_TABLE.pulumiAws).to.equal(pkg.devDependencies["@pulumi/aws"]);
        expect(AMI_TYPE_TABLE.source).to.match(/^github\.com\/aws\/aws-sdk-go-v2\/service\/eks@v\d+\.\d+\.\d+ /);
    });

    it("include the FIPS and NVIDIA FIPS Bottlerocket types the hand-kept list lacked", () => {
        expect(KNOWN_AMI_TYPES).to.include.members(["BOTTLEROCKET_x86_64_NVIDIA_FIPS", "BOTTLEROCKET_ARM_64_NVIDIA_FIPS", "CUSTOM"]);
    });

    it("hold every amiType the component chooses", () => {
        for (const family of Object.values(OsFamily)) for (const architecture of Object.values(CpuArchitecture))
            for (const accelerator of Object.values(AcceleratorVariant)) for (const windowsVariant of Object.values(WindowsVariant)) {
                const choice = amiTypeFor({ family, architecture, accelerator, windowsVariant });
                if ("amiType" in choice) expect(KNOWN_AMI_TYPES, JSON.stringify({ family, architecture, accelerator })).to.include(choice.amiType);
            }
    });

    it("each have an OS family the component can write user data for, CUSTOM aside", () => {
        for (const t of KNOWN_AMI_TYPES.filter((t) => t !== "CUSTOM")) expect(familyOfAmiType(t), t).to.not.equal(undefined);
    });
});
