// The OS family unknown at preview (osFamily, or the amiType it is inferred from, computed from
// another resource's output): nothing of a family's is built from a guess — the user data, the root
// volume and the amiType wait — and the update registers exactly what the plain definition does.
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { ManagedNodeGroupArgs, OsFamily } from "../../src";
import { isUnknownValue } from "../../src/validate/mockruntime";
import { baseArgs, run } from "../support/harness";

type Given = <T>(value: T) => T;
const plain: Given = (value) => value;
/** The value, as the output of a resource not created yet: unknown at preview, known at update. */
const fromAnotherResource: Given = (value) =>
    new aws.ec2.Vpc("source", { cidrBlock: "10.0.0.0/16" }).id.apply(() => value) as unknown as typeof value;

const definitions: [string, (given: Given) => ManagedNodeGroupArgs, { customAmi?: boolean }?][] = [
    ["osFamily", (given) => baseArgs({
        osFamily: given(OsFamily.Bottlerocket),
        launchTemplate: { userData: { content: "[settings.kubernetes]\nallowed-unsafe-sysctls = [\"net.core.somaxconn\"]\n" } },
    })],
    ["the amiType the family is inferred from", (given) => baseArgs({ amiType: given("WINDOWS_CORE_2022_x86_64") })],
    ["osFamily, with a custom AMI", (given) => baseArgs({
        osFamily: given(OsFamily.AmazonLinux2),
        launchTemplate: { imageId: "ami-0123456789abcdef0", userData: { maxPods: 29 } },
    }), { customAmi: true }],
];

describe("OS family unknown at preview", () => {
    for (const [what, definition, { customAmi } = {}] of definitions) {
        it(`${what}: waits at preview instead of assuming a family`, async () => {
            const r = await run(() => definition(fromAnotherResource), { preview: true });
            expect(r.error).to.equal(undefined);
            expect(r.review.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
            expect(r.review.userData.known).to.equal(false);
            expect(isUnknownValue(r.launchTemplate!.inputs.userData), "user data").to.equal(true);
            expect(isUnknownValue(r.launchTemplate!.inputs.blockDeviceMappings), "root volume").to.equal(true);
            const amiType = r.nodeGroup!.inputs.amiType;
            if (customAmi) expect(amiType).to.equal(undefined);
            else expect(isUnknownValue(amiType), "amiType").to.equal(true);
        });

        it(`${what}: registers at update, once known, what the plain definition registers`, async () => {
            const expected = await run(() => definition(plain), { preview: false });
            const r = await run(() => definition(fromAnotherResource), { preview: false });
            expect(r.error).to.equal(undefined);
            expect(r.launchTemplate!.inputs).to.deep.equal(expected.launchTemplate!.inputs);
            expect(r.nodeGroup!.inputs).to.deep.equal(expected.nodeGroup!.inputs);
        });
    }
});
