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

describe("enum values: a near miss gets the value it was meant to be, not the whole list", () => {
    const errorsAt = async (args: unknown, path: string) => (await errorsOf(args)).filter((e) => e.startsWith(`${path}: `));
    const violationsOf = async (id: string, launchTemplate: unknown, nodeGroup: unknown) =>
        (await validate(policyFor(ruleById(id)!), stack(merge(BASE_LAUNCH_TEMPLATE, launchTemplate), merge(BASE_NODE_GROUP, nodeGroup)))).map((v) => v.message);

    it("amiType in another letter case: the real value, and that the values are case-sensitive", async () => {
        expect(await errorsAt({ ...baseArgs(), amiType: "AL2023_X86_64_STANDARD" }, "nodeGroup.amiType")).to.deep.equal([
            "nodeGroup.amiType: amiType \"AL2023_X86_64_STANDARD\" is not an EKS AMI type; did you mean AL2023_x86_64_STANDARD? The values are case-sensitive."]);
        expect((await errorsAt({ ...baseArgs(), amiType: "BOTTLEROCKET_X86_64_NVDIA" }, "nodeGroup.amiType"))[0]).to.match(/did you mean BOTTLEROCKET_x86_64_NVIDIA\?$/);
        // A value like none still lists every value.
        const far = (await errorsAt({ ...baseArgs(), amiType: "UBUNTU" }, "nodeGroup.amiType"))[0];
        expect(far).not.to.contain("did you mean");
        expect(far).to.contain("use one of AL2_x86_64,").and.to.contain("AL2023_ARM_64_NVIDIA.");
    });

    it("every enum of the component's schema: osFamily, architecture, capacityType, taint effect, poolState, updateStrategy, volumeType", async () => {
        const cases: [Record<string, unknown>, string, string][] = [
            [{ osFamily: "amazonlinux2023" }, "osFamily", "\"AmazonLinux2023\""],
            [{ architecture: "ARM64" }, "architecture", "\"arm64\""],
            [{ capacityType: "spot" }, "capacityType", "\"SPOT\""],
            [{ taints: [{ key: "a", effect: "NoSchedule" }] }, "taints[0].effect", "\"NO_SCHEDULE\""],
            [{ warmPoolConfig: { poolState: "stopped" } }, "warmPoolConfig.poolState", "\"STOPPED\""],
            [{ updateConfig: { maxUnavailable: 1, updateStrategy: "mininal" } }, "updateConfig.updateStrategy", "\"MINIMAL\""],
            [{ launchTemplate: { rootVolume: { volumeType: "GP3" } } }, "launchTemplate.rootVolume.volumeType", "\"gp3\""],
        ];
        for (const [extra, path, meant] of cases) {
            const errors = await errorsAt({ ...baseArgs(), ...extra }, path);
            expect(errors, path).to.have.length(1);
            expect(errors[0], path).to.match(new RegExp(`; did you mean ${meant.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\?`));
            expect(errors[0], path).not.to.contain("use one of");
        }
        expect((await errorsAt({ ...baseArgs(), osFamily: "Debian" }, "osFamily"))[0]).to.equal(
            "osFamily: osFamily is \"Debian\"; use one of \"AmazonLinux2\", \"AmazonLinux2023\", \"Bottlerocket\", \"Windows\".");
    });

    it("kubelet's typed enums, through the component's kubeletConfig", async () => {
        const findings = (await review({ ...baseArgs(), launchTemplate: { userData: { nodeConfig: { kubeletConfig: { memoryReservationPolicy: "none" } } } } }))
            .findings.filter((f) => f.ruleId === "userdata-kubelet-config-values").map((f) => f.message);
        expect(findings).to.have.length(1);
        expect(findings[0], findings[0]).to.match(/does not start\. did you mean None\? The values are case-sensitive\.$/);
    });

    it("the policy pack's enums: amiType, taint effect, poolState, updateStrategy, repairAction, EBS volume type, the AWS model's", async () => {
        const cases: [string, unknown, unknown, string][] = [
            ["ami-selection", {}, { amiType: "al2023_arm_64_standard" }, "did you mean AL2023_ARM_64_STANDARD? The values are case-sensitive."],
            ["ng-taints", {}, { taints: [{ key: "a", effect: "NoExecute" }] }, "did you mean NO_EXECUTE?"],
            ["ng-warm-pool", {}, { warmPoolConfig: { poolState: "Running" } }, "; did you mean RUNNING? The values are case-sensitive."],
            ["ng-update-config", {}, { updateConfig: { maxUnavailable: 1, updateStrategy: "Default" } }, "; did you mean DEFAULT?"],
            ["ng-node-repair", {}, { nodeRepairConfig: { enabled: true, nodeRepairConfigOverrides: [{ minRepairWaitTimeMins: 10, nodeMonitoringCondition: "c", nodeUnhealthyReason: "r", repairAction: "reboot" }] } }, "; did you mean Reboot?"],
            ["ebs-volumes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeType: "io3" } }] }, {}, "; did you mean io1 or io2?"],
            ["lt-api-limits", { placement: { tenancy: "Dedicated" } }, {}, "did you mean dedicated? The values are case-sensitive."],
        ];
        for (const [id, lt, ng, meant] of cases) {
            const messages = await violationsOf(id, lt, ng);
            expect(messages.some((m) => m.includes(meant)), `${id}: ${messages.join(" | ")}`).to.equal(true);
        }
    });
});
