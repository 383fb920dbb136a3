// The component provider's construct, as the engine drives it for Python, Go, C#, Java and YAML
// programs: inputs arrive deserialized — plain values, integral floats (Python's 3.0), secrets
// and unknowns as Outputs — and the children must come out as they do for TypeScript.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { notKnownOutput } from "../../src/base/unknown";
import { review } from "../../src/model/review";
import { nodeGroupArgs } from "../../src/build/nodegroup";
import { isUnknownValue, mockRuntime } from "../../src/validate/mockruntime";
import { NodeGroupProvider } from "../../src/provider";
import { CA, LT, NG } from "../support/harness";
import { answerInvoke } from "../support/instancetypes";

function languageInputs(): Record<string, unknown> {
    return {
        cluster: { name: "prod", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthority: CA, serviceIpv4Cidr: "10.100.0.0/16" },
        nodeRoleArn: pulumi.secret("arn:aws:iam::123456789012:role/nodes"),
        subnetIds: ["subnet-a", "subnet-b"],
        osFamily: "Bottlerocket",
        scalingConfig: { minSize: 2.0, maxSize: 5.0, desiredSize: 3.0 },
        labels: { team: "platform" },
        taints: [{ key: "dedicated", value: "a", effect: "NO_SCHEDULE" }],
        launchTemplate: { imageId: "ami-0123456789abcdef0", userData: { maxPods: 58.0 }, instanceTags: { team: "platform" } },
    };
}

describe("component provider construct", function () {
    this.timeout(120000);
    const provider = new NodeGroupProvider();

    it("builds the children from another language's inputs, integral floats and secrets included", async () => {
        const recorder = await mockRuntime({ preview: false, invoke: answerInvoke });
        const result = await provider.construct("ng", "eks-nodegroup:index:ManagedNodeGroup", languageInputs() as never, {});
        expect(Object.keys(result.state ?? {}).sort()).to.deep.equal(
            ["amiType", "launchTemplateId", "launchTemplateVersion", "nodeGroupArn", "nodeGroupName", "userData", "warnings"]);
        const state = result.state as Record<string, pulumi.Output<unknown>>;
        const userData = await (state.userData as unknown as { promise(): Promise<string> }).promise();
        expect(userData).to.contain('max-pods = 58').and.contain('cluster-dns-ip = "10.100.0.10"');
        expect(await (state.nodeGroupName as unknown as { promise(): Promise<string> }).promise()).to.be.a("string");
        const ng = recorder.ofType(NG)[0].inputs;
        expect(ng.scalingConfig).to.deep.equal({ minSize: 2, maxSize: 5, desiredSize: 3 });
        // The secret reaches the child as a secret: the engine's secret envelope around the value.
        expect(ng.nodeRoleArn).to.deep.equal({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: "arn:aws:iam::123456789012:role/nodes" });
        expect(ng).to.not.have.property("amiType");
        expect(recorder.ofType(LT)[0].inputs.imageId).to.equal("ami-0123456789abcdef0");
    });

    it("keeps a secret input secret on the child", async () => {
        await mockRuntime({ preview: false, invoke: answerInvoke });
        const reviewed = await review(languageInputs());
        const args = nodeGroupArgs(reviewed.spec, { id: pulumi.output("lt-1"), latestVersion: pulumi.output(1) });
        expect(pulumi.Output.isInstance(args.nodeRoleArn)).to.equal(true);
        expect(await pulumi.isSecret(args.nodeRoleArn as pulumi.Output<string>)).to.equal(true);
        expect(await pulumi.isSecret(pulumi.output(args.clusterName as pulumi.Input<string>))).to.equal(false);
    });

    it("previews with unknown inputs: the children are registered with those values unknown", async () => {
        const recorder = await mockRuntime({ preview: true, invoke: answerInvoke });
        const inputs = { ...languageInputs(), subnetIds: notKnownOutput() };
        const result = await provider.construct("ng", "eks-nodegroup:index:ManagedNodeGroup", inputs as never, {});
        // The node group's ARN comes from its registration: once it settles, the node group is recorded.
        await (result.state!.nodeGroupArn as unknown as { promise(): Promise<unknown> }).promise();
        const ng = recorder.ofType(NG)[0].inputs;
        expect(isUnknownValue(ng.subnetIds), JSON.stringify(ng.subnetIds)).to.equal(true);
        expect(ng.clusterName).to.equal("prod");
    });

    it("rejects invalid inputs with InputPropertiesError naming each property, and leaves no rejection unhandled", async () => {
        await mockRuntime({ preview: true, invoke: answerInvoke });
        const unhandled: unknown[] = [];
        const count = (e: unknown): void => { unhandled.push(e); };
        process.on("unhandledRejection", count);
        try {
            const inputs = { ...languageInputs(), diskSize: 100.0, scalingConfig: { minSize: 3.0, maxSize: 1.0 } };
            const failure = await provider.construct("bad", "eks-nodegroup:index:ManagedNodeGroup", inputs as never, {}).then(() => undefined, (e) => e);
            expect(pulumi.InputPropertiesError.isInstance(failure)).to.equal(true);
            expect((failure as pulumi.InputPropertiesError).errors.map((e) => e.propertyPath)).to.have.members(["diskSize", "scalingConfig.minSize"]);
            // The engine prints the message, then each property error: the message is the headline alone.
            expect((failure as Error).message).to.equal('ManagedNodeGroup "bad" has 2 invalid settings');
            // The server fails every construct in flight on one unhandled rejection: there must be none.
            // Node reports a rejection left unhandled once the microtasks of its turn have run: two more
            // turns of the event loop are past every rejection the failed construct made.
            for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
            expect(unhandled.map(String)).to.deep.equal([]);
        } finally {
            process.off("unhandledRejection", count);
        }
    });

    it("fails invalid constructs only once every valid sibling has its answer, and the invalid ones together", async () => {
        await mockRuntime({ preview: true, invoke: answerInvoke });
        const events: string[] = [];
        const invalid = { ...languageInputs(), diskSize: 100.0 };
        const run = (name: string, inputs: Record<string, unknown>) => provider.construct(name, "eks-nodegroup:index:ManagedNodeGroup", inputs as never, {})
            .then(() => events.push(`${name} answered`), () => events.push(`${name} failed`));
        // The invalid ones arrive first and know their findings at once; the valid ones register children.
        await Promise.all([run("bad1", invalid), run("good1", languageInputs()), run("bad2", invalid), run("good2", languageInputs())]);
        expect(events.slice(0, 2).sort()).to.deep.equal(["good1 answered", "good2 answered"]);
        expect(events.slice(2).sort()).to.deep.equal(["bad1 failed", "bad2 failed"]);
        expect(provider.constructs.inProgress).to.equal(0);
    });

    it("keeps an error about a secret value out of the property errors (the engine prints their values) and in the message, redacted", async () => {
        await mockRuntime({ preview: true, invoke: answerInvoke });
        const inputs = { ...languageInputs(), nodeGroupName: pulumi.secret("bad name with spaces"), diskSize: 100.0 };
        const failure = await provider.construct("bad", "eks-nodegroup:index:ManagedNodeGroup", inputs as never, {}).then(() => undefined, (e) => e) as pulumi.InputPropertiesError;
        expect(failure.errors.map((e) => e.propertyPath)).to.deep.equal(["diskSize"]);
        expect(failure.message).to.match(/^ManagedNodeGroup "bad" has 2 invalid settings:\n  - \[ng-name\] nodeGroupName: /);
        expect(failure.message).to.not.contain("bad name with spaces");
    });

    it("refuses a type it does not serve, naming what it serves", async () => {
        const failure = await provider.construct("x", "eks-nodegroup:index:Other", {}, {}).then(() => undefined, (e: Error) => e.message);
        expect(failure).to.equal("unknown resource type eks-nodegroup:index:Other; this provider serves eks-nodegroup:index:ManagedNodeGroup");
    });
});
