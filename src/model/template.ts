// The decisions that make the launch template and the node group, made once, for two readers: the
// rules' Subject (plain values, unknown ones as markers, secrets plain) and the builders (resource
// inputs: Outputs where unknown or secret). Which interfaces, which placement group, which market
// options, whose instance type, which metadata defaults, which given node group fields, which
// overrides: each is one function here, and subjectOf and build/ both call it.
//
// How: each decision reads its values through a `Reading` — `VALUES` for the rules (plain values,
// markers for unknown ones), `INPUTS` for the builders (the result is made inside an apply of the
// Output, so it stays unknown while the value is, and secret when it is).
// The other way, deriving the shape once from the plain values and mapping its leaves back to their
// inputs by source path, was not taken: where a container (metadataOptions, placement, efa) is
// unknown or secret, the builders must send one unknown or secret input in its place — mapping leaves
// would turn an unknown container into its defaults ("not known" read as "not given") and split a
// secret container into plain defaults beside secret leaves.
import * as pulumi from "@pulumi/pulumi";
import { InstanceMarketOptions, LaunchTemplate, ManagedNodeGroupArgs, MetadataOptions } from "../args";
import { deferred } from "../base/deferred";
import { arr, isSet, obj } from "../base/values";
import { DEFAULTS } from "../facts/defaults";
import { templateInterfaces } from "./network";

type In<T> = pulumi.Input<T>;

/** How a decision looks into a value that may not be plain. */
export type Reading = <R>(value: unknown, build: (known: unknown) => R) => R | pulumi.Output<R>;

/**
 * The rules' reading: every value as it is. A value not known yet reaches the decision as its marker,
 * which the decision's guards (obj, arr) read as no object or list: an unknown efa leaves the user's
 * interfaces, unknown metadataOptions get the defaults. That is what the rules have always read
 * (rules that read lists as `arr(x) ?? []` would take an unknown list for an empty one).
 */
export const VALUES: Reading = (value, build) => build(value);

/** The builders' reading: the result is made inside an apply when the value is an Output (unknown, or secret). */
export const INPUTS: Reading = deferred;

/** The template's network interfaces: the user's with their indexes, or one per card for efa (see network.ts). */
export function interfacesOf(read: Reading, launchTemplate: unknown, instanceTypes: unknown, efaGroups: unknown): unknown {
    return read(launchTemplate, (lt) => read(obj(lt)?.efa, (efa) => templateInterfaces({ ...obj(lt), efa }, instanceTypes, efaGroups)));
}

/**
 * The placement as the template gets it: the user's, with the group the component creates (`created`,
 * when it creates one) as its groupName. The placement rule refuses a groupName beside createClusterGroup.
 */
export function placementOf(read: Reading, given: unknown, created: unknown): unknown {
    if (created === undefined) return given;
    return read(given, (p) => ({ ...obj(p), groupName: obj(p)?.groupName ?? created }));
}

/** The user's market options; a Capacity Block's when capacityType says so (rules refuse the others). */
export function marketOptionsOf(given: In<InstanceMarketOptions> | undefined, capacityBlock: boolean): In<InstanceMarketOptions> | undefined {
    if (isSet(given)) return given;
    return capacityBlock ? { marketType: "capacity-block" } : undefined;
}

/** With a Capacity Block, the group's one instance type moves into the template (EKS refuses it in both). */
export function instanceTypeOf(read: Reading, moved: boolean, instanceTypes: unknown, given: In<string> | undefined): In<string> | undefined {
    return moved ? read(instanceTypes, (l) => arr(l)?.[0] as In<string> | undefined) as In<string> | undefined : given;
}

/** IMDS settings with the component's defaults (tokens required, hop limit for containers) where the user gave none. */
export function metadataOf(read: Reading, given: unknown): In<MetadataOptions> {
    return read(given, (g): MetadataOptions => ({
        httpTokens: DEFAULTS.httpTokens,
        httpPutResponseHopLimit: DEFAULTS.httpPutResponseHopLimit,
        ...obj(g),
    })) as In<MetadataOptions>;
}

/** What the component decides for the template, over the user's `launchTemplate` (only the keys it decides). */
export interface TemplateDecisions {
    networkInterfaces: unknown;
    placement: unknown;
    instanceMarketOptions: In<InstanceMarketOptions> | undefined;
    instanceType: In<string> | undefined;
    metadataOptions: In<MetadataOptions>;
}

/** What the decisions read besides the template itself. */
export interface TemplateFacts {
    /** The group's instance types (network cards for efa). */
    instanceTypes: unknown;
    capacityBlock: boolean;
    /** The Capacity Block's one type moves into the template. */
    moved: boolean;
    /** The `instanceTypes` argument the moved type comes from. */
    listedTypes: unknown;
    /** The security groups of efa interfaces when the component creates their group. */
    efaGroups: unknown;
    /** The name of the placement group the component creates, when it creates one. */
    createdPlacementGroup: unknown;
}

export function templateDecisions(read: Reading, launchTemplate: In<LaunchTemplate> | undefined, facts: TemplateFacts): TemplateDecisions {
    const at = <K extends keyof LaunchTemplate>(key: K): LaunchTemplate[K] =>
        read(launchTemplate, (lt) => obj(lt)?.[key]) as LaunchTemplate[K];
    return {
        networkInterfaces: interfacesOf(read, launchTemplate, facts.instanceTypes, facts.efaGroups),
        placement: placementOf(read, at("placement"), facts.createdPlacementGroup),
        instanceMarketOptions: marketOptionsOf(at("instanceMarketOptions"), facts.capacityBlock),
        instanceType: instanceTypeOf(read, facts.moved, facts.listedTypes, at("instanceType")),
        metadataOptions: metadataOf(read, at("metadataOptions")),
    };
}

/** The node group fields taken as given (the rules read each set one; the builders send them). */
export const GIVEN_NODE_GROUP_KEYS = ["nodeGroupName", "nodeGroupNamePrefix", "amiType", "releaseVersion", "version", "diskSize", "remoteAccess",
    "instanceTypes", "capacityType", "scalingConfig", "updateConfig", "labels", "taints", "tags", "subnetIds", "nodeRoleArn",
    "nodeRepairConfig", "warmPoolConfig", "forceUpdateVersion"] as const satisfies readonly (keyof ManagedNodeGroupArgs)[];

export type GivenNodeGroup = Pick<Partial<ManagedNodeGroupArgs>, (typeof GIVEN_NODE_GROUP_KEYS)[number]>;

/** The set node group fields of `args` (values or inputs), without instanceTypes when the Capacity Block's type moved to the template. */
export function givenNodeGroup(args: Partial<ManagedNodeGroupArgs>, moved: boolean): GivenNodeGroup {
    const given: Record<string, unknown> = {};
    for (const key of GIVEN_NODE_GROUP_KEYS) {
        if (isSet(args[key]) && !(moved && key === "instanceTypes")) given[key] = args[key];
    }
    return given as GivenNodeGroup;
}
