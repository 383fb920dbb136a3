// Review → the inputs of the aws.ec2.LaunchTemplate: IMDS, root volume, security
// groups, tag specifications and user data — and never an imageId unless the user gave one.
// Values come from the input tree (plain where known, Outputs where unknown or secret).
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS, INSTANCE_TAG_RESOURCE_TYPES, SPOT_TAG_RESOURCE_TYPE } from "../facts/defaults";
import { profileOf } from "../userdata";
import { deferred, field, notKnownYet } from "../base/deferred";
import { overrideInputs } from "../facts/overrides";
import { Review } from "../model/review";
import { templateInterfaces } from "../model/network";
import { Spec } from "../model/spec";
import { arr, isSet, obj } from "../base/values";

type In<T> = pulumi.Input<T>;

const asString = (v: unknown) => deferred(v, (x) => (x === undefined || x === null ? undefined : String(x)));

/** Custom groups plus the cluster security group (EKS stops adding it once custom groups are given). */
function withClusterGroup(spec: Spec, groups: unknown): In<In<string>[]> | undefined {
    return deferred(groups, (given) => {
        const list = arr(given) as In<string>[] | undefined;
        if (list === undefined || list.length === 0) return undefined;
        const clusterGroup = field(spec.input.cluster, "clusterSecurityGroupId") as In<string> | undefined;
        if (spec.launchTemplate.addClusterSecurityGroup === false || !isSet(clusterGroup) || list.includes(clusterGroup!)) return list;
        return [...list, clusterGroup!];
    }) as In<In<string>[]> | undefined;
}

/** One EBS mapping from a volume's settings (RootVolume or DataVolume), encrypted and deleted with the instance by default. */
function ebsMapping(deviceName: In<string>, v: Record<string, unknown>, defaultSize?: number): aws.types.input.ec2.LaunchTemplateBlockDeviceMapping {
    return {
        deviceName,
        ebs: {
            volumeSize: (v.sizeGib ?? defaultSize) as In<number> | undefined,
            volumeType: (v.volumeType ?? DEFAULTS.volumeType) as In<string>,
            iops: v.iops as In<number> | undefined,
            throughput: v.throughput as In<number> | undefined,
            encrypted: asString(v.encrypted ?? DEFAULTS.encrypted) as In<string>,
            kmsKeyId: v.kmsKeyId as In<string> | undefined,
            snapshotId: v.snapshotId as In<string> | undefined,
            deleteOnTermination: asString(v.deleteOnTermination ?? DEFAULTS.deleteOnTermination) as In<string>,
        },
    };
}

/** A data volume: EBS, instance store (virtualName) or a suppressed device (noDevice). */
function dataVolumeMapping(given: unknown): In<aws.types.input.ec2.LaunchTemplateBlockDeviceMapping> {
    return deferred(given, (g) => {
        const v = obj(g) ?? {};
        const deviceName = v.deviceName as In<string>;
        if (isSet(v.virtualName)) return { deviceName, virtualName: v.virtualName as In<string> };
        if (v.noDevice === true) return { deviceName, noDevice: "" };
        return ebsMapping(deviceName, v);
    }) as In<aws.types.input.ec2.LaunchTemplateBlockDeviceMapping>;
}

export function blockDeviceMappings(spec: Spec): In<aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[]> {
    // The root device and its default size are the family's.
    if (spec.familyWaitsOn) return notKnownYet([spec.familyWaitsOn], "the root volume");
    const profile = profileOf(spec.family);
    const lt = spec.input.launchTemplate;
    return deferred(field(lt, "rootVolume"), (root) => deferred(field(lt, "osVolume"), (os) => deferred(field(lt, "dataVolumes"), (data) => {
        const mappings: In<aws.types.input.ec2.LaunchTemplateBlockDeviceMapping>[] = [ebsMapping(profile.rootDevice, obj(root) ?? {}, profile.defaultRootGiB)];
        // Bottlerocket boots from its OS volume and keeps containers on the data volume (the root one here): both encrypted.
        if (profile.osDevice !== undefined) mappings.unshift(ebsMapping(profile.osDevice, obj(os) ?? {}));
        for (const v of arr(data) ?? []) mappings.push(dataVolumeMapping(v));
        return mappings;
    }))) as In<aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[]>;
}

export function metadataOptions(spec: Spec): In<aws.types.input.ec2.LaunchTemplateMetadataOptions> {
    return deferred(field(spec.input.launchTemplate, "metadataOptions"), (given) => {
        const mo = obj(given) ?? {};
        return {
            httpEndpoint: "enabled",
            httpTokens: (mo.httpTokens ?? DEFAULTS.httpTokens) as In<string>,
            httpPutResponseHopLimit: (mo.httpPutResponseHopLimit ?? DEFAULTS.httpPutResponseHopLimit) as In<number>,
            instanceMetadataTags: mo.instanceMetadataTags === undefined ? undefined
                : deferred(mo.instanceMetadataTags, (t) => (t ? "enabled" : "disabled")) as In<string>,
            httpProtocolIpv6: mo.httpProtocolIpv6 === undefined ? undefined
                : deferred(mo.httpProtocolIpv6, (t) => (t ? "enabled" : "disabled")) as In<string>,
        };
    }) as In<aws.types.input.ec2.LaunchTemplateMetadataOptions>;
}

export function tagSpecifications(spec: Spec): In<aws.types.input.ec2.LaunchTemplateTagSpecification[]> | undefined {
    const tags = field(spec.input.launchTemplate, "instanceTags");
    if (!isSet(tags) || (!pulumi.Output.isInstance(tags) && Object.keys(obj(tags) ?? {}).length === 0)) return undefined;
    const types = spec.spot ? [...INSTANCE_TAG_RESOURCE_TYPES, SPOT_TAG_RESOURCE_TYPE] : INSTANCE_TAG_RESOURCE_TYPES;
    return types.map((resourceType) => ({ resourceType, tags: tags as In<Record<string, In<string>>> }));
}

/** What the component creates for the template before it: the EFA security group, the placement group. */
export interface CreatedForTemplate {
    efaSecurityGroupId?: In<string>;
    placementGroupName?: In<string>;
}

export function networkInterfaces(spec: Spec, created: CreatedForTemplate = {}): In<aws.types.input.ec2.LaunchTemplateNetworkInterface[]> | undefined {
    const efaGroups = created.efaSecurityGroupId !== undefined ? [created.efaSecurityGroupId] : undefined;
    return deferred(spec.input.launchTemplate, (lt) => deferred(field(lt, "efa"), (efa) => {
        const list = templateInterfaces({ ...obj(lt), efa }, spec.instanceTypes, efaGroups);
        if (list === undefined) return undefined;
        return list.map((ni) => deferred(ni, (known) => {
            const n = obj(known) ?? {};
            return {
                interfaceType: n.interfaceType as In<string> | undefined,
                networkCardIndex: n.networkCardIndex as In<number> | undefined,
                deviceIndex: n.deviceIndex as In<number> | undefined,
                securityGroups: withClusterGroup(spec, n.securityGroups),
                associatePublicIpAddress: asString(n.associatePublicIpAddress) as In<string> | undefined,
                ipv4PrefixCount: n.ipv4PrefixCount as In<number> | undefined,
                ipv6PrefixCount: n.ipv6PrefixCount as In<number> | undefined,
                ipv4AddressCount: n.ipv4AddressCount as In<number> | undefined,
                ipv6AddressCount: n.ipv6AddressCount as In<number> | undefined,
                description: n.description as In<string> | undefined,
                deleteOnTermination: asString(n.deleteOnTermination ?? true) as In<string>,
            };
        }));
    })) as In<aws.types.input.ec2.LaunchTemplateNetworkInterface[]> | undefined;
}

export function placement(spec: Spec, created: CreatedForTemplate = {}): In<aws.types.input.ec2.LaunchTemplatePlacement> | undefined {
    return deferred(field(spec.input.launchTemplate, "placement"), (given) => {
        const p = obj(given);
        const groupName = created.placementGroupName ?? p?.groupName;
        return groupName === undefined || groupName === null ? undefined : { groupName: groupName as In<string> };
    }) as In<aws.types.input.ec2.LaunchTemplatePlacement> | undefined;
}

/** The user's market options; a Capacity Block's when capacityType says so (rules refuse the others). */
export function instanceMarketOptions(spec: Spec): In<aws.types.input.ec2.LaunchTemplateInstanceMarketOptions> | undefined {
    const given = field(spec.input.launchTemplate, "instanceMarketOptions") as In<aws.types.input.ec2.LaunchTemplateInstanceMarketOptions> | undefined;
    if (isSet(given)) return given;
    return spec.capacityBlock ? { marketType: "capacity-block" } : undefined;
}

/** The user data as the template takes it: base64, secret when any input to it was secret. */
export function userDataInput(review: Review): In<string> | undefined {
    const { userData, userDataSecret } = review;
    const encoded = userData.known
        ? userData.text === undefined ? undefined : Buffer.from(userData.text, "utf8").toString("base64")
        : notKnownYet<string>(userData.waitsOn, "the user data");
    return encoded !== undefined && userDataSecret ? pulumi.secret(encoded) : encoded;
}

export function launchTemplateArgs(review: Review, created: CreatedForTemplate = {}): aws.ec2.LaunchTemplateArgs {
    const spec = review.spec;
    const lt = spec.input.launchTemplate;
    const monitoring = field(lt, "monitoring");
    return {
        description: "Launch template of an EKS managed node group (eks-nodegroup)",
        updateDefaultVersion: true,
        imageId: field(lt, "imageId") as In<string> | undefined,
        // A Capacity Block's one instance type is the template's (the node group then names none).
        instanceType: (spec.movedInstanceType !== undefined ? deferred(spec.input.instanceTypes, (l) => arr(l)?.[0])
            : field(lt, "instanceType")) as In<string> | undefined,
        keyName: field(lt, "keyName") as In<string> | undefined,
        vpcSecurityGroupIds: withClusterGroup(spec, field(lt, "vpcSecurityGroupIds")),
        networkInterfaces: networkInterfaces(spec, created),
        placement: placement(spec, created),
        capacityReservationSpecification: field(lt, "capacityReservationSpecification") as In<aws.types.input.ec2.LaunchTemplateCapacityReservationSpecification> | undefined,
        instanceMarketOptions: instanceMarketOptions(spec),
        blockDeviceMappings: blockDeviceMappings(spec),
        metadataOptions: metadataOptions(spec),
        monitoring: isSet(monitoring) ? { enabled: monitoring as In<boolean> } : undefined,
        tagSpecifications: tagSpecifications(spec),
        tags: field(lt, "tags") as In<Record<string, In<string>>> | undefined,
        userData: userDataInput(review),
        // Last: inputs the package does not type (the rules have read them with the rest).
        ...overrideInputs(spec.input, spec.args, "launchTemplate"),
    };
}
