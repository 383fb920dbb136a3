// The EBS limits table (src/data/ebs-volumes.json) comes from AWS's EC2 model for the pinned
// @pulumi/aws (scripts/awssdk ebs-volumes): it must be regenerated when that pin moves.
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { EBS_SOURCE, volumeLimits, VOLUME_TYPES } from "../../src/facts/ebsvolumes";

const ROOT = path.resolve(__dirname, "../..");
const table = JSON.parse(readFileSync(path.join(ROOT, "src/data/ebs-volumes.json"), "utf8"));

describe("the EBS limits table", () => {
    it("was generated for the @pulumi/aws that package.json pins for development (bump it: run scripts/awssdk ebs-volumes)", () => {
        const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
        expect(table.pulumiAws).to.equal(pkg.devDependencies["@pulumi/aws"]);
        expect(EBS_SOURCE).to.match(/^github\.com\/aws\/aws-sdk-go-v2\/service\/ec2@v\d+\.\d+\.\d+ /);
    });

    it("has every type EC2 documents, and IOPS and throughput only where they apply", () => {
        expect(VOLUME_TYPES).to.deep.equal(["gp2", "gp3", "io1", "io2", "sc1", "st1", "standard"]);
        expect(VOLUME_TYPES.filter((t) => volumeLimits(t)!.iops !== undefined)).to.deep.equal(["gp3", "io1", "io2"]);
        expect(VOLUME_TYPES.filter((t) => volumeLimits(t)!.iopsRequired)).to.deep.equal(["io1", "io2"]);
        expect(VOLUME_TYPES.filter((t) => volumeLimits(t)!.throughput !== undefined)).to.deep.equal(["gp3"]);
        expect(volumeLimits("constructor")).to.equal(undefined);
    });
});
