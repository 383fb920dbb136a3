// When the review runs: plain args at once, in the constructor, and their children right after it;
// args that hold Outputs, or user data in MIME, once those settle.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ManagedNodeGroup, OsFamily } from "../../src";
import { childrenOf, MANAGED_NODE_GROUP_TYPE } from "../../src/component";
import { isPromise } from "../../src/base/maybe";
import { review } from "../../src/model/review";
import { mockRuntime } from "../../src/validate/mockruntime";
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

    it("waits for args that hold an Output; reads MIME user data at once", () => {
        expect(isPromise(review(baseArgs({ nodeRoleArn: pulumi.output("arn:aws:iam::123456789012:role/nodes") })))).to.equal(true);
        expect(isPromise(review(baseArgs({ osFamily: OsFamily.AmazonLinux2, launchTemplate: { userData: { content: MIME } } })))).to.equal(false);
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

    // The SDK records a stack trace for every promise a registration makes (hundreds per child):
    // children registered under the caller's frames would pay for each of them in every one.
    it("registers the children below none of the caller's frames", async () => {
        await mockRuntime({ preview: true, stack: "test" });
        const stacks: string[] = [];
        const recordStack: pulumi.ResourceTransformation = ({ type }) => {
            if (type !== MANAGED_NODE_GROUP_TYPE) stacks.push(new Error().stack ?? "");
            return undefined;
        };
        function declaringCaller() {
            return new ManagedNodeGroup("ng", baseArgs(), { transformations: [recordStack] });
        }
        await childrenOf(declaringCaller());
        expect(stacks).to.have.length(2);
        for (const stack of stacks) expect(stack).to.include("registerChildren").and.not.to.include("declaringCaller");
    });

    // The children come one reaction later; a resource declared at once after the component, with
    // dependsOn on it, must still wait for them.
    it("gives a resource that depends on the component, declared right after it, the children as dependencies", async () => {
        await mockRuntime({ preview: true, stack: "test" });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const monitor = (require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MonitorLike }).getMonitor();
        const dependencies: string[][] = [];
        const registerResource = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, ...rest) => {
            if (req.getName() === "after") dependencies.push(req.getDependenciesList());
            return registerResource(req, ...rest);
        };
        const component = new ManagedNodeGroup("ng", baseArgs());
        const after = new aws.ec2.Vpc("after", { cidrBlock: "10.0.0.0/16" }, { dependsOn: [component] });
        await (after.urn as unknown as { promise(): Promise<unknown> }).promise();
        expect(dependencies).to.have.length(1);
        expect(dependencies[0].map((urn) => urn.split("::").slice(-2).join("::")).sort()).to.deep.equal([
            "eks-nodegroup:index:ManagedNodeGroup$aws:ec2/launchTemplate:LaunchTemplate::ng",
            "eks-nodegroup:index:ManagedNodeGroup$aws:eks/nodeGroup:NodeGroup::ng",
        ]);
    });
});

interface MonitorLike {
    registerResource(req: { getName(): string; getDependenciesList(): string[] }, ...rest: unknown[]): unknown;
}
