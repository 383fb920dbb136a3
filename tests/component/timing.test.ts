// When the review runs: plain args at once, in the constructor (the children are registered there,
// as raw resources would be); args that hold Outputs, or user data in MIME, once those settle.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { OsFamily } from "../../src";
import { childrenOf } from "../../src/component";
import { isPromise } from "../../src/model/maybe";
import { review } from "../../src/model/review";
import { baseArgs, run } from "../support/harness";

const MIME = [
    'Content-Type: multipart/mixed; boundary="b"', "MIME-Version: 1.0", "",
    "--b", "Content-Type: text/x-shellscript", "", "#!/bin/bash", "echo hi", "--b--", "",
].join("\n");

describe("review timing", () => {
    it("reviews plain args at once", () => {
        const r = review(baseArgs({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { userData: { content: "#!/bin/bash\necho hi\n" } } }));
        expect(isPromise(r)).to.equal(false);
    });

    it("waits for args that hold an Output, and for MIME user data", () => {
        expect(isPromise(review(baseArgs({ nodeRoleArn: pulumi.output("arn:aws:iam::123456789012:role/nodes") })))).to.equal(true);
        expect(isPromise(review(baseArgs({ osFamily: OsFamily.AmazonLinux2, launchTemplate: { userData: { content: MIME } } })))).to.equal(true);
    });

    for (const [what, args] of [
        ["plain args", () => baseArgs()],
        ["args holding an Output", () => baseArgs({ nodeRoleArn: pulumi.output("arn:aws:iam::123456789012:role/nodes") })],
    ] as const) {
        it(`gives the node group's own outputs as the component's, for ${what}`, async () => {
            const r = await run(args, { preview: false });
            const children = await childrenOf(r.component);
            const [own, theirs] = await Promise.all([r.component.nodeGroupName, children.nodeGroup.nodeGroupName]
                .map((o) => (o as unknown as { promise(): Promise<unknown> }).promise()));
            expect(own).to.equal(theirs).and.to.be.a("string");
        });
    }
});
