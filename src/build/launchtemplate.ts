// Review → the inputs of the aws.ec2.LaunchTemplate: IMDS, root volume, security
// groups, tag specifications and user data — and never an imageId unless the user gave one.
// Values come from the input tree (plain where known, Outputs where unknown or secret); what the
// component decides for the template (interfaces, placement, market options, instance type, IMDS
// defaults, overrides) comes from model/template.ts, which decides it for the rules too.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataVolume, LaunchTemplate, NetworkInterface, Placement, RootVolume } from "../args";
import { DEFAULTS, INSTANCE_TAG_RESOURCE_TYPES, SPOT_TAG_RESOURCE_TYPE } from "../facts/defaults";
import { profileOf } from "../userdata";
import { member, notKnownYet, whenKnown } from "../base/deferred";
import { overridesOf } from "../facts/overrides";
import { Review } from "../model/review";
import { INPUTS, metadataOf, TemplateDecisions, templateDecisions } from "../model/template";
import { Spec } from "../model/spec";
import { isSet, obj } from "../base/values";

type In<T> = pulumi.Input<T>;
type Mapping = aws.types.input.ec2.LaunchTemplateBlockDeviceMapping;

/** A boolean (or any value) as the string the template's input takes; absent stays absent. */
function asString(v: In<boolean> | undefined): In<string> | undefined {
    return whenKnown(v, (x) => (x === undefined || x === null ? undefined : String(x)));
}

/** Custom groups plus the cluster security group (EKS stops adding it once custom groups are given). */
function withClusterGroup(spec: Spec, groups: In<In<string>[]> | undefined): In<In<string>[]> | undefined {
    return whenKnown(groups, (list) => {
        if (!Array.isArray(list) || list.length === 0) return undefined;
        const clusterGroup = member(spec.input.cluster, "clusterSecurityGroupId");
        if (spec.launchTemplate.addClusterSecurityGroup === false || clusterGroup === undefined || clusterGroup === null || list.includes(clusterGroup)) return list;
        return [...list, clusterGroup];
    });
}

/** One EBS mapping from a volume's settings (RootVolume or DataVolume), encrypted and deleted with the instance by default. */
function ebsMapping(deviceName: In<string>, v: RootVolume & Partial<DataVolume>, defaultSize?: number): Mapping {
    return {
        deviceName,
        ebs: {
            volumeSize: v.sizeGib ?? defaultSize,
            volumeType: v.volumeType ?? DEFAULTS.volumeType,
            iops: v.iops,
            throughput: v.throughput,
            encrypted: asString(v.encrypted ?? DEFAULTS.encrypted),
            kmsKeyId: v.kmsKeyId,
            snapshotId: v.snapshotId,
            deleteOnTermination: asString(v.deleteOnTermination ?? DEFAULTS.deleteOnTermination),
        },
    };
}

/** A data volume: EBS, instance store (virtualName) or a suppressed device (noDevice). */
function dataVolumeMapping(given: In<DataVolume>): In<Mapping> {
    return whenKnown(given, (g) => {
        const v: Partial<DataVolume> = g ?? {};
        const deviceName = v.deviceName as In<string>;
        if (isSet(v.virtualName)) return { deviceName, virtualName: v.virtualName };
        if (v.noDevice === true) return { deviceName, noDevice: "" };
        return ebsMapping(deviceName, v);
    });
}

/** A known value of an object type, or empty (the rules have refused any other). */
const known = <T extends object>(v: T | undefined): Partial<T> => (typeof v === "object" && v !== null && !Array.isArray(v) ? v : {});

export function blockDeviceMappings(spec: Spec): In<In<Mapping>[]> {
    // The root device and its default size are the family's.
    if (spec.familyWaitsOn) return notKnownYet([spec.familyWaitsOn], "the root volume");
    const profile = profileOf(spec.family);
    const lt = spec.input.launchTemplate;
    return whenKnown(member(lt, "rootVolume"), (root) => whenKnown(member(lt, "osVolume"), (os) => whenKnown(member(lt, "dataVolumes"), (data) => {
        const mappings: In<Mapping>[] = [ebsMapping(profile.rootDevice, known(root), profile.defaultRootGiB)];
        // Bottlerocket boots from its OS volume and keeps containers on the data volume (the root one here): both encrypted.
        if (profile.osDevice !== undefined) mappings.unshift(ebsMapping(profile.osDevice, known(os)));
        for (const v of Array.isArray(data) ? data : []) mappings.push(dataVolumeMapping(v));
        return mappings;
    })));
}

/** IMDS as EC2 takes it: the endpoint on, the component's defaults (model/template.ts metadataOf), booleans as enabled/disabled. */
export function metadataOptions(spec: Spec, decided = metadataOf(INPUTS, member(spec.input.launchTemplate, "metadataOptions"))): In<aws.types.input.ec2.LaunchTemplateMetadataOptions> {
    const onOff = (v: In<boolean> | undefined) => (v === undefined ? undefined : whenKnown(v, (t) => (t ? "enabled" : "disabled")));
    return whenKnown(decided, (given) => {
        const mo = known(given);
        return {
            httpEndpoint: "enabled",
            httpTokens: mo.httpTokens,
            httpPutResponseHopLimit: mo.httpPutResponseHopLimit,
            instanceMetadataTags: onOff(mo.instanceMetadataTags),
            httpProtocolIpv6: onOff(mo.httpProtocolIpv6),
        };
    });
}

export function tagSpecifications(spec: Spec): In<aws.types.input.ec2.LaunchTemplateTagSpecification[]> | undefined {
    const tags = member(spec.input.launchTemplate, "instanceTags");
    if (tags === undefined || tags === null || (!pulumi.Output.isInstance(tags) && Object.keys(obj(tags) ?? {}).length === 0)) return undefined;
    const types = spec.spot ? [...INSTANCE_TAG_RESOURCE_TYPES, SPOT_TAG_RESOURCE_TYPE] : INSTANCE_TAG_RESOURCE_TYPES;
    return types.map((resourceType) => ({ resourceType, tags }));
}

/** What the component creates for the template before it: the EFA security group, the placement group. */
export interface CreatedForTemplate {
    efaSecurityGroupId?: In<string>;
    placementGroupName?: In<string>;
}

/** The decided interfaces (model/template.ts interfacesOf) in EC2's vocabulary, the cluster security group added. */
export function networkInterfaces(spec: Spec, decided: unknown): In<In<aws.types.input.ec2.LaunchTemplateNetworkInterface>[]> | undefined {
    return whenKnown(decided as In<In<NetworkInterface>[]> | undefined, (list) => list?.map((ni) => whenKnown(ni, (n = {}) => ({
        interfaceType: n.interfaceType,
        networkCardIndex: n.networkCardIndex,
        deviceIndex: n.deviceIndex,
        securityGroups: withClusterGroup(spec, n.securityGroups),
        associatePublicIpAddress: asString(n.associatePublicIpAddress),
        ipv4PrefixCount: n.ipv4PrefixCount,
        ipv6PrefixCount: n.ipv6PrefixCount,
        ipv4AddressCount: n.ipv4AddressCount,
        ipv6AddressCount: n.ipv6AddressCount,
        description: n.description,
        deleteOnTermination: asString(n.deleteOnTermination ?? true),
    }))));
}

/** The decided placement (model/template.ts placementOf) as EC2 takes it: the group's name only. */
export function placement(decided: unknown): In<aws.types.input.ec2.LaunchTemplatePlacement> | undefined {
    return whenKnown(decided as In<Placement> | undefined, (p) => {
        const groupName = known(p).groupName;
        return groupName === undefined || groupName === null ? undefined : { groupName };
    });
}

/** The user data as the template takes it: base64, secret when any input to it was secret. */
export function userDataInput(review: Review): In<string> | undefined {
    const { userData, userDataSecret } = review;
    const encoded = userData.known
        ? userData.text === undefined ? undefined : Buffer.from(userData.text, "utf8").toString("base64")
        : notKnownYet<string>(userData.waitsOn, "the user data");
    return encoded !== undefined && userDataSecret ? pulumi.secret(encoded) : encoded;
}

/** The decisions for the resource: read from the input tree, with what the component created. */
export function decisionsFor(spec: Spec, created: CreatedForTemplate): TemplateDecisions {
    return templateDecisions(INPUTS, spec.input.launchTemplate, {
        instanceTypes: spec.instanceTypes, capacityBlock: spec.capacityBlock,
        moved: spec.movedInstanceType !== undefined, listedTypes: spec.input.instanceTypes,
        efaGroups: created.efaSecurityGroupId !== undefined ? [created.efaSecurityGroupId] : undefined,
        createdPlacementGroup: created.placementGroupName,
    });
}

export function launchTemplateArgs(review: Review, created: CreatedForTemplate = {}): aws.ec2.LaunchTemplateArgs {
    const spec = review.spec;
    const lt = spec.input.launchTemplate;
    const at = <K extends keyof LaunchTemplate>(key: K) => member(lt, key);
    const decided = decisionsFor(spec, created);
    const monitoring = at("monitoring");
    return {
        description: "Launch template of an EKS managed node group (eks-nodegroup)",
        updateDefaultVersion: true,
        imageId: at("imageId"),
        // A Capacity Block's one instance type is the template's (the node group then names none).
        instanceType: decided.instanceType,
        keyName: at("keyName"),
        vpcSecurityGroupIds: withClusterGroup(spec, at("vpcSecurityGroupIds")),
        networkInterfaces: networkInterfaces(spec, decided.networkInterfaces),
        placement: placement(decided.placement),
        capacityReservationSpecification: at("capacityReservationSpecification"),
        instanceMarketOptions: decided.instanceMarketOptions,
        blockDeviceMappings: blockDeviceMappings(spec),
        metadataOptions: metadataOptions(spec, decided.metadataOptions),
        monitoring: monitoring === undefined || monitoring === null ? undefined : { enabled: monitoring },
        tagSpecifications: tagSpecifications(spec),
        tags: at("tags"),
        userData: userDataInput(review),
        // Last: inputs the package does not type (the rules have read them with the rest).
        ...overridesOf(spec.input, spec.args, "launchTemplate"),
    };
}
