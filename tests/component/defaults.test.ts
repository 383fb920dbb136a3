// Every default of ManagedNodeGroup, asserted on what it sends to AWS, at preview and at update.
import { expect } from "chai";
import { AcceleratorVariant, CapacityType, CpuArchitecture, HttpTokens, OsFamily } from "../../src";
import { nodeGroupOptions } from "../../src/build/children";
import { baseArgs, bothModes, decodedUserData, run } from "../support/harness";

describe("ManagedNodeGroup defaults", () => {
    bothModes((preview) => {
        it("requires IMDSv2 with a hop limit of 2", async () => {
            const r = await run(() => baseArgs(), { preview });
            expect(r.error).to.equal(undefined);
            expect(r.launchTemplate!.inputs.metadataOptions).to.deep.equal({
                httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2,
            });
        });

        it("keeps the user's IMDS settings when given", async () => {
            const r = await run(() => baseArgs({ launchTemplate: { metadataOptions: { httpPutResponseHopLimit: 3, httpTokens: HttpTokens.Required, instanceMetadataTags: true } } }), { preview });
            expect(r.launchTemplate!.inputs.metadataOptions).to.include({ httpPutResponseHopLimit: 3, instanceMetadataTags: "enabled" });
        });

        it("encrypts a 20 GiB gp3 root volume on /dev/xvda for Linux", async () => {
            const r = await run(() => baseArgs(), { preview });
            expect(r.launchTemplate!.inputs.blockDeviceMappings).to.deep.equal([{
                deviceName: "/dev/xvda",
                ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            }]);
        });

        it("sizes the Bottlerocket data volume (/dev/xvdb) beside its encrypted OS volume (/dev/xvda), and the Windows root (/dev/sda1, 50 GiB)", async () => {
            const br = await run(() => baseArgs({ osFamily: OsFamily.Bottlerocket, launchTemplate: { rootVolume: { sizeGib: 80, kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" } } }), { preview });
            const [os, data] = br.launchTemplate!.inputs.blockDeviceMappings as any[];
            // The OS volume keeps the AMI's size, and is encrypted too.
            expect(os).to.deep.equal({ deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } });
            expect(data.deviceName).to.equal("/dev/xvdb");
            expect(data.ebs).to.include({ volumeSize: 80, encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k" });
            const win = await run(() => baseArgs({ osFamily: OsFamily.Windows }), { preview });
            const winDevice = (win.launchTemplate!.inputs.blockDeviceMappings as any[])[0];
            expect(winDevice).to.deep.include({ deviceName: "/dev/sda1" });
            expect(winDevice.ebs.volumeSize).to.equal(50);
        });

        it("uses Amazon Linux 2023 on x86_64, on-demand, and puts no imageId in the template", async () => {
            const r = await run(() => baseArgs(), { preview });
            expect(r.nodeGroup!.inputs.amiType).to.equal("AL2023_x86_64_STANDARD");
            expect(r.nodeGroup!.inputs.capacityType).to.equal("ON_DEMAND");
            expect(r.launchTemplate!.inputs).to.not.have.property("imageId");
        });

        it("derives the amiType from family, architecture and accelerator", async () => {
            const r = await run(() => baseArgs({ osFamily: OsFamily.Bottlerocket, architecture: CpuArchitecture.Arm64, instanceTypes: ["m7g.large"] }), { preview });
            expect(r.nodeGroup!.inputs.amiType).to.equal("BOTTLEROCKET_ARM_64");
            const w = await run(() => baseArgs({ osFamily: OsFamily.Windows }), { preview });
            expect(w.nodeGroup!.inputs.amiType).to.equal("WINDOWS_CORE_2022_x86_64");
        });

        it("infers the architecture and the accelerator from the instance types when not given, as @pulumi/eks and CDK do", async () => {
            const amiTypeOf = async (extra: object) => (await run(() => baseArgs(extra), { preview })).nodeGroup?.inputs.amiType;
            expect(await amiTypeOf({ instanceTypes: ["m7g.large", "c7g.large"] })).to.equal("AL2023_ARM_64_STANDARD");
            expect(await amiTypeOf({ instanceTypes: ["g5.xlarge"] })).to.equal("AL2023_x86_64_NVIDIA");
            expect(await amiTypeOf({ instanceTypes: ["inf2.xlarge"] })).to.equal("AL2023_x86_64_NEURON");
            expect(await amiTypeOf({ osFamily: OsFamily.Bottlerocket, instanceTypes: ["g5g.xlarge"] })).to.equal("BOTTLEROCKET_ARM_64_NVIDIA");
            // What the user states wins; where no EKS AMI has the inferred accelerator, it is not inferred.
            expect(await amiTypeOf({ accelerator: AcceleratorVariant.None, instanceTypes: ["g5.xlarge"] })).to.equal("AL2023_x86_64_STANDARD");
            expect(await amiTypeOf({ osFamily: OsFamily.Windows, instanceTypes: ["g5.xlarge"] })).to.equal("WINDOWS_CORE_2022_x86_64");
            expect(await amiTypeOf({ instanceTypes: ["m5.large", "g5.xlarge"] })).to.equal("AL2023_x86_64_STANDARD");
        });

        it("sets desiredSize to minSize when not given", async () => {
            const r = await run(() => baseArgs({ scalingConfig: { minSize: 2, maxSize: 5 } }), { preview });
            expect(r.nodeGroup!.inputs.scalingConfig).to.deep.equal({ minSize: 2, maxSize: 5, desiredSize: 2 });
        });

        it("references the template by id and by its latest version number", async () => {
            const r = await run(() => baseArgs(), { preview });
            const ref = r.nodeGroup!.inputs.launchTemplate as Record<string, unknown>;
            expect(ref).to.have.keys("id", "version");
            if (!preview) expect(ref).to.deep.equal({ id: "ng-id", version: "1" });
            expect(r.launchTemplate!.inputs.updateDefaultVersion).to.equal(true);
        });

        it("adds the cluster security group to custom groups, unless told not to", async () => {
            const withSg = await run(() => baseArgs({ launchTemplate: { vpcSecurityGroupIds: ["sg-custom"] } }), { preview });
            expect(withSg.launchTemplate!.inputs.vpcSecurityGroupIds).to.deep.equal(["sg-custom", "sg-cluster"]);
            const optOut = await run(() => baseArgs({ launchTemplate: { vpcSecurityGroupIds: ["sg-custom"], addClusterSecurityGroup: false } }), { preview });
            expect(optOut.launchTemplate!.inputs.vpcSecurityGroupIds).to.deep.equal(["sg-custom"]);
            expect(optOut.warnings.join("\n")).to.contain("lt-cluster-security-group");
            const none = await run(() => baseArgs(), { preview });
            expect(none.launchTemplate!.inputs).to.not.have.property("vpcSecurityGroupIds");
        });

        it("adds the cluster security group on the network interface too", async () => {
            const r = await run(() => baseArgs({ launchTemplate: { networkInterfaces: [{ securityGroups: ["sg-eni"], associatePublicIpAddress: false }] } }), { preview });
            expect(r.launchTemplate!.inputs.networkInterfaces).to.deep.equal([{
                deviceIndex: 0, securityGroups: ["sg-eni", "sg-cluster"], associatePublicIpAddress: "false", deleteOnTermination: "true",
            }]);
        });

        it("tags instances, volumes and network interfaces, and Spot requests with Spot capacity", async () => {
            const onDemand = await run(() => baseArgs({ launchTemplate: { instanceTags: { team: "a" } } }), { preview });
            const types = (r: any) => (r.launchTemplate.inputs.tagSpecifications as any[]).map((t) => t.resourceType);
            expect(types(onDemand)).to.deep.equal(["instance", "volume", "network-interface"]);
            expect((onDemand.launchTemplate!.inputs.tagSpecifications as any[])[0].tags).to.deep.equal({ team: "a" });
            const spot = await run(() => baseArgs({ capacityType: CapacityType.Spot, instanceTypes: ["m5.large", "m6i.large"], launchTemplate: { instanceTags: { team: "a" } } }), { preview });
            expect(types(spot)).to.deep.equal(["instance", "volume", "network-interface", "spot-instances-request"]);
            expect(onDemand.nodeGroup!.inputs).to.not.have.property("tags");
        });

        it("tags the node group resource only with `tags`", async () => {
            const r = await run(() => baseArgs({ tags: { owner: "platform" } }), { preview });
            expect(r.nodeGroup!.inputs.tags).to.deep.equal({ owner: "platform" });
            expect(r.launchTemplate!.inputs).to.not.have.property("tagSpecifications");
        });

        it("sends no user data when there is nothing to say, and the user's own otherwise", async () => {
            const none = await run(() => baseArgs(), { preview });
            expect(none.launchTemplate!.inputs).to.not.have.property("userData");
            const own = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2, launchTemplate: { userData: { content: "#!/bin/bash\necho hi\n" } } }), { preview });
            const text = decodedUserData(own)!;
            expect(text).to.contain("Content-Type: text/x-shellscript").and.to.contain("echo hi");
        });
    });

    it("ignores desiredSize changes on request, and deletes an explicitly named group before replacing it", () => {
        expect(nodeGroupOptions({ ...baseArgs(), ignoreDesiredSizeChanges: true }).ignoreChanges).to.deep.equal(["scalingConfig.desiredSize"]);
        expect(nodeGroupOptions(baseArgs()).ignoreChanges).to.equal(undefined);
        expect(nodeGroupOptions({ ...baseArgs(), nodeGroupName: "fixed" }).deleteBeforeReplace).to.equal(true);
        expect(nodeGroupOptions(baseArgs()).deleteBeforeReplace).to.equal(false);
    });
});
