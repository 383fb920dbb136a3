// The policy pack under the real engine, on a stack of raw aws.ec2.LaunchTemplate + aws.eks.NodeGroup:
// the executable form (policy/pulumi-analyzer-eks-nodegroup) and the directory form (policy/, with
// the launcher of policy/launcher on PATH, as for a CLI without the Node.js host), a mandatory violation
// failing the preview with the rule's message, a valid pair passing with none, and enforcement
// levels set through --policy-pack-config taking effect.
import { expect } from "chai";
import { writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { AwsMock, Engine, engine, POLICY_ANALYZER, POLICY_LAUNCHER_DIR, POLICY_PACK, startAwsMock } from "./support/engine";


/** A raw template and node group as a team writes them without the component; `nodeGroup` adds to the node group's inputs. */
function rawPair(nodeGroup: Record<string, unknown> = {}): PulumiFn {
    return async () => {
        const aws = await import("@pulumi/aws");
        const lt = new aws.ec2.LaunchTemplate("nodes", {
            metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2, httpEndpoint: "enabled" },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true" } }],
            tagSpecifications: [{ resourceType: "instance", tags: { team: "platform" } }],
        });
        new aws.eks.NodeGroup("nodes", {
            clusterName: "prod",
            nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
            subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
            amiType: "AL2023_x86_64_STANDARD",
            instanceTypes: ["m6i.large"],
            scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
            launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) },
            ...nodeGroup,
        });
    };
}

function packConfig(levels: Record<string, string>): string {
    const file = path.join(os.tmpdir(), `eks-nodegroup-policy-${process.pid}-${Object.values(levels).join("-")}.json`);
    writeFileSync(file, JSON.stringify(levels));
    return file;
}

describe("the policy pack under the real engine", function () {
    this.timeout(300000);
    let mock: AwsMock;
    let e: Engine;
    before(async () => {
        mock = await startAwsMock();
        e = await engine(mock, "eks-nodegroup-policy-e2e", { PATH: `${POLICY_LAUNCHER_DIR}${path.delimiter}${process.env.PATH}` });
    });
    after(() => { mock?.stop(); e?.dispose(); });

    for (const [form, pack] of [["executable", POLICY_ANALYZER], ["directory", POLICY_PACK]]) {
        it(`(${form} form) a raw node group breaking a mandatory rule fails the preview with the rule's message`, async () => {
            const stack = await e.stack(`mandatory-${form}`, rawPair({ diskSize: 100 }));
            const failure = await stack.preview({ policyPacks: [pack] }).then(() => undefined, (err: Error) => err.message);
            expect(failure, "the preview passed").to.be.a("string");
            expect(failure).to.contain("eks-nodegroup@v0.1.0");
            expect(failure).to.match(/\[mandatory\] +ng-no-disk-size/);
            expect(failure).to.contain("[ng-no-disk-size] diskSize: EKS rejects diskSize on a node group that uses a launch template");
        });
    }

    it("a valid raw pair passes with no violation, advisory ones included", async () => {
        const stack = await e.stack("valid", rawPair());
        const preview = await stack.preview({ policyPacks: [POLICY_ANALYZER] });
        expect(preview.stdout).to.contain("eks-nodegroup@v0.1.0");
        expect(preview.stdout).to.not.match(/\[(advisory|mandatory)\]/);
        const up = await stack.up({ policyPacks: [POLICY_ANALYZER] });
        expect(up.stdout).to.not.match(/\[(advisory|mandatory)\]/);
        await stack.destroy();
    });

    it("an enforcement level from --policy-pack-config takes effect: advisory reports and passes, disabled is silent", async () => {
        const stack = await e.stack("configured", rawPair({ diskSize: 100 }));
        const advisory = await stack.preview({ policyPacks: [POLICY_ANALYZER], policyPackConfigs: [packConfig({ "ng-no-disk-size": "advisory" })] });
        expect(advisory.stdout).to.match(/\[advisory\] +ng-no-disk-size/);
        const disabled = await stack.preview({ policyPacks: [POLICY_ANALYZER], policyPackConfigs: [packConfig({ "ng-no-disk-size": "disabled" })] });
        expect(disabled.stdout).to.not.contain("ng-no-disk-size");
        expect(disabled.stdout).to.not.match(/\[(advisory|mandatory)\]/);
    });
});
