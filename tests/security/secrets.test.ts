// Secret inputs stay secret: each input that feeds the user data makes the launch template's
// userData and the component's userData output secret, at preview and at update; and no rule
// message prints a secret value.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { OsFamily } from "../../src";
import { baseArgs, bothModes, CA, run } from "../support/harness";

const SECRET_CA = CA;
const ENVELOPE = pulumi.runtime.specialSigKey;

/** Each input that reaches the user data, made secret, with the family and AMI it reaches the user data under. */
const inputs: [string, () => object][] = [
    ["cluster.certificateAuthority", () => ({ osFamily: OsFamily.AmazonLinux2, cluster: { ...baseArgs().cluster as object, certificateAuthority: pulumi.secret(SECRET_CA) }, launchTemplate: { imageId: "ami-1" } })],
    ["cluster.endpoint", () => ({ osFamily: OsFamily.AmazonLinux2023, cluster: { ...baseArgs().cluster as object, endpoint: pulumi.secret("https://SECRET.gr7.eu-west-1.eks.amazonaws.com") }, launchTemplate: { imageId: "ami-1" } })],
    ["launchTemplate.userData.content", () => ({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { userData: { content: pulumi.secret("#!/bin/bash\necho s3cr3t-token\n") } } })],
    ["launchTemplate.userData.kubeletExtraArgs", () => ({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { userData: { kubeletExtraArgs: [pulumi.secret("--node-ip=10.0.0.7")] } } })],
    ["labels", () => ({ osFamily: OsFamily.Bottlerocket, labels: pulumi.secret({ team: "s3cr3t" }), launchTemplate: { imageId: "ami-1" } })],
    ["taints", () => ({ osFamily: OsFamily.AmazonLinux2, taints: [{ key: "dedicated", value: pulumi.secret("s3cr3t"), effect: "NO_SCHEDULE" }], launchTemplate: { imageId: "ami-1" } })],
];

function isSecretEnvelope(v: unknown): boolean {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[ENVELOPE] === pulumi.runtime.specialSecretSig;
}

async function outputIsSecret(o: pulumi.Output<unknown>): Promise<boolean> {
    return (o as unknown as { isSecret: Promise<boolean> }).isSecret;
}

describe("secrets in the user data", () => {
    bothModes((preview) => {
        for (const [path, args] of inputs) {
            it(`a secret ${path} makes the template's userData and the component's userData secret`, async () => {
                const r = await run(() => baseArgs(args() as never), { preview });
                expect(r.error, JSON.stringify(r.review.findings)).to.equal(undefined);
                expect(isSecretEnvelope(r.launchTemplate!.inputs.userData), JSON.stringify(r.launchTemplate!.inputs.userData)).to.equal(true);
                expect(await outputIsSecret(r.component.userData)).to.equal(true);
            });
        }
        it("user data without a secret input stays plain", async () => {
            const r = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2023, nodeRoleArn: pulumi.secret("arn:aws:iam::123456789012:role/nodes"), launchTemplate: { imageId: "ami-1" } }), { preview });
            expect(r.launchTemplate!.inputs.userData).to.be.a("string");
            expect(await outputIsSecret(r.component.userData)).to.equal(false);
        });
    });
});

describe("secrets in messages", () => {
    // What, the args, the secret text, and the property the error must still name.
    const cases: [string, object, string, string][] = [
        ["an endpoint", { cluster: { ...baseArgs().cluster as object, endpoint: pulumi.secret("https://ABC.eks.amazonaws.com/s3cr3t-path") } }, "s3cr3t-path", "cluster.endpoint"],
        ["a CA", { cluster: { ...baseArgs().cluster as object, certificateAuthority: pulumi.secret("bm90LWEtY2VydA==") } }, "bm90LWEtY2VydA==", "cluster.certificateAuthority"],
        ["a kubelet flag", { launchTemplate: { userData: { kubeletExtraArgs: [pulumi.secret("--token=s3cr3t value")] } } }, "s3cr3t", "launchTemplate.userData.kubeletExtraArgs[0]"],
        ["a label value", { labels: { team: pulumi.secret("s3cr3t value!") } }, "s3cr3t", 'labels["team"]'],
        ["a whole labels map", { labels: pulumi.secret({ "s3cr3t key!": "x" }) }, "s3cr3t", "labels["],
        ["user content", { osFamily: OsFamily.AmazonLinux2023, launchTemplate: { userData: { content: pulumi.secret("s3cr3t: [unclosed\n") } } }, "s3cr3t", "launchTemplate.userData.content"],
        ["a scaling count", { scalingConfig: pulumi.secret({ minSize: 7777, maxSize: 1 }) }, "7777", "scalingConfig.minSize"],
    ];
    bothModes((preview) => {
        for (const [what, args, secret, where] of cases) {
            it(`never prints ${what} that breaks a rule, and still names where`, async () => {
                const r = await run(() => baseArgs(args as never), { preview });
                expect(r.error, "the value breaks a rule").to.not.equal(undefined);
                const texts = [r.error!.message, ...r.error!.errors.flatMap((e) => [e.propertyPath, e.reason]), ...r.warnings,
                    ...r.review.findings.flatMap((f) => [f.path, f.message])];
                for (const t of texts) expect(t).to.not.contain(secret);
                expect(r.error!.errors.some((e) => e.propertyPath.startsWith(where)), JSON.stringify(r.error!.errors)).to.equal(true);
            });
        }
    });
});
