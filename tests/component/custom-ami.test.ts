// What a custom AMI gets beyond its bootstrap: the EC2_WINDOWS access entry Windows nodes need
// (max-pods: tests/userdata/maxpods.test.ts).
import { expect } from "chai";
import { OsFamily } from "../../src";
import { baseArgs, run } from "../support/harness";

describe("Windows access entry", () => {
    it("is created for the node role on request, and warned about otherwise", async () => {
        const asked = await run(() => baseArgs({ osFamily: OsFamily.Windows, createWindowsAccessEntry: true, launchTemplate: { imageId: "ami-1" } }), { preview: true });
        const entries = asked.recorder.ofType("aws:eks/accessEntry:AccessEntry");
        expect(entries.map((e) => e.inputs)).to.deep.equal([{ clusterName: "prod", principalArn: "arn:aws:iam::123456789012:role/nodes", type: "EC2_WINDOWS" }]);
        expect(asked.warnings).to.deep.equal([]);
        const notAsked = await run(() => baseArgs({ osFamily: OsFamily.Windows, launchTemplate: { imageId: "ami-1" } }), { preview: true });
        expect(notAsked.recorder.ofType("aws:eks/accessEntry:AccessEntry")).to.deep.equal([]);
        expect(notAsked.warnings.join()).to.contain("[windows-access-entry]");
    });
});
