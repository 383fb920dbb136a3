// How the component reports rule violations: all errors at once as InputPropertiesError with the
// argument paths, warnings on the log, and values unknown at preview checked at deploy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { readMime } from "../../src/userdata/mime";
import { OsFamily } from "../../src";
import { baseArgs, CA, errorPaths, LT, NG, run } from "../support/harness";

describe("ManagedNodeGroup validation", () => {
    it("reports every error of one definition together, with argument paths, and creates nothing", async () => {
        const r = await run(() => baseArgs({
            // @ts-expect-error diskSize is `never` in TypeScript; this test proves the rules refuse it where the type cannot
            diskSize: 100,
            // @ts-expect-error remoteAccess is `never` in TypeScript
            remoteAccess: { ec2SshKey: "ops" },
            scalingConfig: { minSize: 3, maxSize: 2 },
            // @ts-expect-error iamInstanceProfile and a network interface's subnetId are `never` in TypeScript
            launchTemplate: { iamInstanceProfile: { name: "p" }, networkInterfaces: [{ subnetId: "subnet-x" }] },
        }), { preview: true });
        expect(pulumi.InputPropertiesError.isInstance(r.error)).to.equal(true);
        expect(errorPaths(r)).to.have.members([
            "diskSize", "remoteAccess.ec2SshKey", "scalingConfig.minSize",
            "launchTemplate.iamInstanceProfile", "launchTemplate.networkInterfaces[0].subnetId",
        ]);
        expect(r.error!.message).to.match(/^ManagedNodeGroup "ng" has 5 invalid settings:/);
        expect(r.error!.errors.find((e) => e.propertyPath === "diskSize")!.reason)
            .to.match(/^\[ng-no-disk-size\] .*launchTemplate\.rootVolume\.sizeGib/);
        expect(r.recorder.ofType(LT)).to.have.length(0);
        expect(r.recorder.ofType(NG)).to.have.length(0);
    });

    it("keeps its message free of the SDK's serialization prefixes", async () => {
        // @ts-expect-error diskSize is `never` in TypeScript (the rule below is what other languages get)
        const r = await run(() => baseArgs({ diskSize: 5 }), { preview: true });
        r.error!.message = `error serializing property "x": ${r.error!.message}`;
        expect(r.error!.message).to.match(/^ManagedNodeGroup "ng"/);
    });

    it("logs warnings on the component and still creates the resources", async () => {
        const r = await run(() => baseArgs({ launchTemplate: { metadataOptions: { httpPutResponseHopLimit: 1 } } }), { preview: true });
        expect(r.error).to.equal(undefined);
        expect(r.warnings).to.have.length(1);
        expect(r.warnings[0]).to.match(/^\[lt-imds-hop-limit\] launchTemplate\.metadataOptions\.httpPutResponseHopLimit: /);
        expect(r.recorder.ofType(LT)).to.have.length(1);
    });

    it("passes a value unknown at preview, and fails the update once it is known", async () => {
        // Values computed from another resource's outputs: unknown at preview, invalid at deploy.
        const declare = () => {
            const source = new aws.ec2.Vpc("source", { cidrBlock: "10.0.0.0/16" });
            return baseArgs({
                nodeGroupName: source.id.apply(() => "n".repeat(70)),
                scalingConfig: { minSize: source.id.apply(() => 5), maxSize: 2 },
                labels: { team: source.arn.apply(() => "not a valid value") },
            });
        };
        const preview = await run(declare, { preview: true });
        expect(preview.error).to.equal(undefined);
        expect(preview.recorder.ofType(NG)).to.have.length(1);
        const update = await run(declare, { preview: false });
        expect(errorPaths(update)).to.have.members(["nodeGroupName", "scalingConfig.minSize", 'labels["team"]']);
        expect(update.recorder.ofType(NG)).to.have.length(0);
    });

    it("refuses a misplaced setting at preview even when its value is unknown", async () => {
        const r = await run(() => {
            const source = new aws.ec2.Vpc("source", { cidrBlock: "10.0.0.0/16" });
            // @ts-expect-error diskSize and iamInstanceProfile are `never` in TypeScript; the rules refuse them for every other language
            return baseArgs({ diskSize: source.id.apply(() => 20), launchTemplate: { iamInstanceProfile: source.arn.apply((arn) => ({ arn })) } });
        }, { preview: true });
        expect(errorPaths(r)).to.have.members(["diskSize", "launchTemplate.iamInstanceProfile"]);
    });

    it("checks an Output that is known at preview already at preview", async () => {
        const r = await run(() => baseArgs({ scalingConfig: pulumi.output({ minSize: 5, maxSize: 1 }) }), { preview: true });
        expect(errorPaths(r)).to.include("scalingConfig.minSize");
    });
});

describe("ManagedNodeGroup with a custom AMI", () => {
    it("sends no amiType, releaseVersion or version, and writes the full bootstrap", async () => {
        const r = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-123" } }), { preview: true });
        expect(r.error).to.equal(undefined);
        expect(r.nodeGroup!.inputs).to.not.have.any.keys("amiType", "releaseVersion", "version");
        expect(r.launchTemplate!.inputs.imageId).to.equal("ami-123");
        const userData = Buffer.from(r.launchTemplate!.inputs.userData as string, "base64").toString();
        const nodeConfig = readMime(userData).parts.find((p) => p.contentType === "application/node.eks.aws")!;
        expect(JSON.parse(nodeConfig.content).spec.cluster).to.deep.include({ apiServerEndpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com", cidr: "10.100.0.0/16" });
    });

    it("refuses amiType, releaseVersion and version next to it", async () => {
        const r = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2, amiType: "AL2_x86_64", releaseVersion: "1.31-x", version: "1.31", launchTemplate: { imageId: "ami-123" } }), { preview: true });
        expect(errorPaths(r)).to.have.members(["amiType", "releaseVersion", "version"]);
    });

    it("requires the OS family and the cluster facts", async () => {
        const r = await run(() => baseArgs({ cluster: { name: "prod" }, launchTemplate: { imageId: "ami-123" } }), { preview: true });
        expect(errorPaths(r)).to.have.members(["osFamily", "cluster.endpoint", "cluster.certificateAuthority", "cluster.serviceIpv4Cidr"]);
    });

    it("leaves the user data unknown at preview when the cluster facts are, and renders it at update", async () => {
        const declare = () => {
            const cluster = new aws.eks.Cluster("c", { roleArn: "arn:aws:iam::1:role/c", vpcConfig: { subnetIds: ["subnet-a"] } });
            return baseArgs({
                osFamily: OsFamily.Bottlerocket,
                cluster: { name: "prod", endpoint: cluster.id.apply(() => "https://late.example.com"), certificateAuthority: CA, serviceIpv4Cidr: "10.100.0.0/16" } as never,
                launchTemplate: { imageId: "ami-123" },
            });
        };
        const preview = await run(declare, { preview: true });
        expect(preview.error).to.equal(undefined);
        expect(preview.review.userData.known).to.equal(false);
        const update = await run(declare, { preview: false });
        expect(update.review.userData.known).to.equal(true);
        const text = Buffer.from(update.launchTemplate!.inputs.userData as string, "base64").toString();
        expect(text).to.contain('api-server = "https://late.example.com"').and.contain('cluster-dns-ip = "10.100.0.10"');
    });
});
