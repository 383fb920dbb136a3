// What a custom AMI gets beyond its bootstrap: max-pods computed from EC2's limits of the group's
// instance types, and the EC2_WINDOWS access entry Windows nodes need.
import { expect } from "chai";
import { parse as parseYaml } from "yaml";
import { OsFamily } from "../../src";
import { maxPodsFor } from "../../src/userdata/maxpods";
import { readMime } from "../../src/userdata/mime";
import { baseArgs, decodedUserData, run } from "../support/harness";
import { INSTANCE_LIMITS } from "../support/instancetypes";

async function nodeConfigMaxPods(text: string): Promise<unknown> {
    const part = readMime(text).parts.find((p) => p.contentType === "application/node.eks.aws")!;
    return parseYaml(part.content).spec.kubelet?.config?.maxPods;
}

describe("max-pods for custom AMIs", () => {
    it("is ENIs × (IPs per ENI − 1) + 2, capped at 110 below 30 vCPUs and 250 from there", () => {
        expect(maxPodsFor(INSTANCE_LIMITS["t3.medium"])).to.equal(17);
        expect(maxPodsFor(INSTANCE_LIMITS["m5.large"])).to.equal(29);
        expect(maxPodsFor(INSTANCE_LIMITS["c5.xlarge"])).to.equal(58);
        expect(maxPodsFor(INSTANCE_LIMITS["m5.24xlarge"])).to.equal(250);
        expect(maxPodsFor({ maximumNetworkInterfaces: 8, maximumIpv4AddressesPerInterface: 30, defaultVcpus: 16 })).to.equal(110);
    });

    const custom = (extra: object) => baseArgs({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-1" }, ...extra });

    it("takes the smallest over the node group's instance types, looked up from EC2", async () => {
        const r = await run(() => custom({ instanceTypes: ["c5.xlarge", "m5.large"] }), { preview: false });
        expect(await nodeConfigMaxPods(decodedUserData(r)!)).to.equal(29);
    });

    it("uses the template's instance type, or EKS's t3.medium when none is named", async () => {
        const single = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2, launchTemplate: { imageId: "ami-1", instanceType: "m5.24xlarge" } }), { preview: false });
        expect(decodedUserData(single)).to.contain("--max-pods=250").and.contain("--use-max-pods false");
        const none = await run(() => custom({}), { preview: true });
        expect(await nodeConfigMaxPods(decodedUserData(none)!)).to.equal(17);
    });

    it("keeps the user's value, and looks nothing up for EKS AMIs or Windows", async () => {
        const given = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-1", userData: { maxPods: 42 } }, instanceTypes: ["m5.large"] }), { preview: true });
        expect(await nodeConfigMaxPods(decodedUserData(given)!)).to.equal(42);
        const eksAmi = await run(() => baseArgs({ instanceTypes: ["m5.large"] }), { preview: true });
        expect(decodedUserData(eksAmi)).to.equal(undefined);
        const win = await run(() => baseArgs({ osFamily: OsFamily.Windows, launchTemplate: { imageId: "ami-1" } }), { preview: true });
        expect(decodedUserData(win)).to.not.contain("max-pods");
    });

    it("leaves the user data unknown at preview when EC2 has no answer, and fails the update naming the type", async () => {
        const preview = await run(() => custom({ instanceTypes: ["x9.unknown"] }), { preview: true });
        expect(preview.error).to.equal(undefined);
        expect(preview.review.userData.known).to.equal(false);
        const update = await run(() => custom({ instanceTypes: ["x9.unknown"] }), { preview: false });
        expect(update.error!.errors.map((e) => e.propertyPath)).to.deep.equal(["launchTemplate.userData.maxPods"]);
        expect(update.error!.errors[0].reason).to.contain('"x9.unknown"');
    });
});

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
