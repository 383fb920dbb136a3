// Review → the inputs of the aws.ec2.LaunchTemplate (SPEC §5–§8): IMDS, root volume, security
// groups, tag specifications and user data — and never an imageId unless the user gave one.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OsFamily } from "./args";
import { DEFAULTS, INSTANCE_TAG_RESOURCE_TYPES, ROOT_DEVICE, SPOT_TAG_RESOURCE_TYPE } from "./model/defaults";
import { deferred, Lazy } from "./model/lazy";
import { touchesSecret } from "./model/resolve";
import { Review } from "./model/review";
import { Spec } from "./model/spec";
import { arr, bool, isSet, isUnknown, obj } from "./rules/values";

function optionalString(v: unknown): string | undefined {
    return v === undefined ? undefined : String(v);
}

/** Custom groups plus the cluster security group (EKS stops adding it once custom groups are given). */
function withClusterGroup(spec: Spec, groups: unknown): pulumi.Input<pulumi.Input<string>[]> | undefined {
    if (isUnknown(groups)) return groups as pulumi.Output<string[]>;
    const list = arr(groups) as pulumi.Input<string>[] | undefined;
    if (list === undefined || list.length === 0) return undefined;
    return deferred(spec.args.cluster, (cluster) => {
        const clusterGroup = obj(cluster)?.clusterSecurityGroupId as pulumi.Input<string> | undefined;
        if (spec.launchTemplate.addClusterSecurityGroup === false || !isSet(clusterGroup) || list.includes(clusterGroup!)) return list;
        return [...list, clusterGroup!];
    });
}

export function blockDeviceMappings(spec: Spec): pulumi.Input<aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[]> {
    return deferred(spec.launchTemplate.rootVolume, (rootVolume) => rootDevice(spec, obj(rootVolume) ?? {}));
}

function rootDevice(spec: Spec, root: Record<string, unknown>): aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[] {
    const defaultSize = spec.family === OsFamily.Windows ? DEFAULTS.rootVolumeGiB.windows : DEFAULTS.rootVolumeGiB.linux;
    return [{
        deviceName: ROOT_DEVICE[spec.family],
        ebs: {
            volumeSize: (root.sizeGiB ?? defaultSize) as pulumi.Input<number>,
            volumeType: (root.volumeType ?? DEFAULTS.volumeType) as pulumi.Input<string>,
            iops: root.iops as pulumi.Input<number> | undefined,
            throughput: root.throughput as pulumi.Input<number> | undefined,
            encrypted: pulumi.output(root.encrypted ?? DEFAULTS.encrypted).apply(String),
            kmsKeyId: root.kmsKeyId as pulumi.Input<string> | undefined,
            deleteOnTermination: pulumi.output(root.deleteOnTermination ?? DEFAULTS.deleteOnTermination).apply(String),
        },
    }];
}

export function metadataOptions(spec: Spec): pulumi.Input<aws.types.input.ec2.LaunchTemplateMetadataOptions> {
    return deferred(spec.launchTemplate.metadataOptions, (given) => metadata(obj(given) ?? {}));
}

function metadata(mo: Record<string, unknown>): aws.types.input.ec2.LaunchTemplateMetadataOptions {
    const tags = mo.instanceMetadataTags;
    return {
        httpEndpoint: "enabled",
        httpTokens: (mo.httpTokens ?? DEFAULTS.httpTokens) as pulumi.Input<string>,
        httpPutResponseHopLimit: (mo.httpPutResponseHopLimit ?? DEFAULTS.httpPutResponseHopLimit) as pulumi.Input<number>,
        instanceMetadataTags: tags === undefined ? undefined : pulumi.output(tags).apply((t) => (t ? "enabled" : "disabled")),
    };
}

export function tagSpecifications(spec: Spec): aws.types.input.ec2.LaunchTemplateTagSpecification[] | undefined {
    const tags = spec.launchTemplate.instanceTags;
    if (!isSet(tags) || (!isUnknown(tags) && Object.keys(obj(tags) ?? {}).length === 0)) return undefined;
    const types = spec.spot ? [...INSTANCE_TAG_RESOURCE_TYPES, SPOT_TAG_RESOURCE_TYPE] : INSTANCE_TAG_RESOURCE_TYPES;
    return types.map((resourceType) => ({ resourceType, tags: tags as pulumi.Input<Record<string, pulumi.Input<string>>> }));
}

export function networkInterfaces(spec: Spec): pulumi.Input<aws.types.input.ec2.LaunchTemplateNetworkInterface[]> | undefined {
    return deferred(spec.launchTemplate.networkInterfaces, (given) => {
        const list = arr(given);
        if (list === undefined || list.length === 0) return undefined;
        return list.map((ni, i) => deferred(ni, (known) => {
            const n = obj(known) ?? {};
            return {
                deviceIndex: i,
                securityGroups: withClusterGroup(spec, n.securityGroups),
                associatePublicIpAddress: optionalString(n.associatePublicIpAddress),
                deleteOnTermination: "true",
            };
        })) as pulumi.Input<aws.types.input.ec2.LaunchTemplateNetworkInterface>[];
    }) as pulumi.Input<aws.types.input.ec2.LaunchTemplateNetworkInterface[]> | undefined;
}

/** The user data as the template takes it: base64, secret when any input to it was secret. */
export function userDataInput(review: Review): pulumi.Input<string> | undefined {
    const { spec, userData } = review;
    if (!userData.known) {
        return pulumi.all(userData.waitsOn).apply((): string => {
            throw new Error("eks-nodegroup: user data inputs were still unknown during an update");
        });
    }
    if (userData.text === undefined) return undefined;
    const encoded = Buffer.from(userData.text, "utf8").toString("base64");
    return touchesSecret(spec.resolved, "cluster") || touchesSecret(spec.resolved, "launchTemplate") ? pulumi.secret(encoded) : encoded;
}

export function launchTemplateArgs(lazy: Lazy): aws.ec2.LaunchTemplateArgs {
    // Every field waits for the review; a launchTemplate arg not known yet leaves every field unknown.
    const lt = (pick: (spec: Spec) => unknown) =>
        lazy((r) => deferred(r.spec.args.launchTemplate, () => pick(r.spec)) as pulumi.Input<never>);
    return {
        description: "Launch template of an EKS managed node group (eks-nodegroup)",
        updateDefaultVersion: true,
        imageId: lt((s) => s.launchTemplate.imageId),
        instanceType: lt((s) => s.launchTemplate.instanceType),
        keyName: lt((s) => s.launchTemplate.keyName),
        vpcSecurityGroupIds: lt((s) => withClusterGroup(s, s.launchTemplate.vpcSecurityGroupIds)),
        networkInterfaces: lt(networkInterfaces),
        blockDeviceMappings: lt(blockDeviceMappings),
        metadataOptions: lt(metadataOptions),
        monitoring: lt((s) => (isSet(s.launchTemplate.monitoring) ? { enabled: bool(s.launchTemplate.monitoring) ?? s.launchTemplate.monitoring } : undefined)),
        tagSpecifications: lt(tagSpecifications),
        tags: lt((s) => s.launchTemplate.tags),
        userData: lazy(userDataInput),
    };
}
