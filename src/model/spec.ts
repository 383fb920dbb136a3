// The node group as the component will build it: resolved args with defaults applied, and the
// decisions every later step shares (family, AMI type, custom AMI). Values may still be unknown
// (Outputs) at preview; see resolve.ts.
import * as pulumi from "@pulumi/pulumi";
import { amiTypeFor, chooseSelection, familyOfAmiType } from "../facts/amitype";
import { CapacityType, Cluster, IpFamily, LaunchTemplate, ManagedNodeGroupArgs, OsFamily, UserData } from "../args";
import { enumValue } from "../facts/grammar";
import { groupInstanceTypes } from "../facts/instancetypes";
import { NotKnownYet, Subject } from "../rules/rule";
import { arr, isSet, isUnknown, obj, str } from "../base/values";
import { ClusterFacts, NodeSettings, NodeTaint } from "../userdata";
import { dnsClusterIp } from "../userdata/clusterdns";
import { DEFAULTS } from "../facts/defaults";
import { notKnownYet } from "../base/deferred";
import { givenNodeGroup, templateDecisions, VALUES } from "./template";
import { overridesOf } from "../facts/overrides";
import { NOT_KNOWN } from "../base/unknown";
import { Resolved } from "./resolve";

type Loose = Record<string, unknown>;

/**
 * The args as their types say, each member possibly an Output. The rules have checked every value
 * against these types before a builder reads one (review refuses the definition otherwise); before
 * that, readers go through the guards of base/values, since a member may hold anything.
 */
export type Args = Partial<ManagedNodeGroupArgs>;

export interface Spec {
    /** The resolved args (plain where known, unknown parts as their Outputs, secrets plain). */
    args: Args;
    /** The args as resource inputs: plain where known, Outputs where unknown or secret. */
    input: Args;
    /** args.launchTemplate when it is a known object, else empty. */
    launchTemplate: Partial<LaunchTemplate>;
    /** args.cluster when it is a known object, else empty. */
    cluster: Partial<Cluster>;
    /** args.launchTemplate.userData when it is a known object, else empty. */
    userData: Partial<UserData>;
    /** Stated, inferred from amiType, or the default; only a placeholder while familyWaitsOn is set. */
    family: OsFamily;
    /** At preview, the unknown output the family comes from: nothing of the family's may be built before it is known. */
    familyWaitsOn?: pulumi.Output<unknown>;
    familyStated: boolean;
    customAmi: boolean;
    /** The node group's amiType (EKS AMI only); undefined when it cannot be chosen, unknown while what it is chosen from is. */
    amiType?: pulumi.Input<string>;
    spot: boolean;
    /** capacityType CAPACITY_BLOCK: the template gets the market type, and the group's one instance type. */
    capacityBlock: boolean;
    /** With a Capacity Block, the one instance type that moves from the node group into the template. */
    movedInstanceType?: unknown;
    /** The instance types the nodes can have (see groupInstanceTypes); elements or the whole may be unknown. */
    instanceTypes: unknown;
    /** The component creates the EFA security group (efa without securityGroups). */
    createsEfaSecurityGroup: boolean;
    /** The component creates a cluster placement group. */
    createsPlacementGroup: boolean;
    resolved: Resolved<Partial<ManagedNodeGroupArgs>>;
}


export function specOf(resolved: Resolved<Partial<ManagedNodeGroupArgs>>): Spec {
    // The guards below read the args as they are; what the rules check makes the types true for the builders.
    const args: Args = obj(resolved.value) ?? {};
    const launchTemplate: Partial<LaunchTemplate> = obj(args.launchTemplate) ?? {};
    const explicitAmiType = str(args.amiType);
    const familyStated = isSet(args.osFamily);
    const family = enumValue(OsFamily, args.osFamily) ?? ((explicitAmiType && familyOfAmiType(explicitAmiType)) || DEFAULTS.osFamily);
    const familyFrom = familyStated ? args.osFamily : args.amiType;
    const familyWaitsOn = isUnknown(familyFrom) ? familyFrom : undefined;
    const customAmi = isSet(launchTemplate.imageId);
    const instanceTypes = groupInstanceTypes(launchTemplate, args);
    let amiType: pulumi.Input<string> | undefined;
    if (isUnknown(args.launchTemplate)) {
        // Whether the template names a custom AMI is not known yet: neither is the amiType.
        amiType = notKnownYet([args.launchTemplate as pulumi.Output<unknown>], "amiType");
    } else if (!customAmi) {
        // Without a stated architecture and accelerator, the instance types decide them (chooseSelection).
        const inferFrom = isSet(args.architecture) && isSet(args.accelerator) ? [] : [instanceTypes, ...(arr(instanceTypes) ?? [])];
        const chosenFrom = isSet(args.amiType) ? [args.amiType] : [args.osFamily, args.architecture, args.accelerator, args.windowsVariant, ...inferFrom];
        const waitsOn = chosenFrom.filter(isUnknown);
        if (waitsOn.length > 0) {
            amiType = notKnownYet(waitsOn, "amiType");
        } else if (explicitAmiType !== undefined) {
            amiType = explicitAmiType;
        } else {
            const choice = amiTypeFor(chooseSelection({ ...args, family }, instanceTypes));
            amiType = "amiType" in choice ? choice.amiType : undefined;
        }
    }
    const capacityBlock = args.capacityType === CapacityType.CapacityBlock;
    const listed = arr(args.instanceTypes);
    const movedInstanceType = capacityBlock && !isSet(launchTemplate.instanceType) && listed?.length === 1 ? listed[0] : undefined;
    const efa = obj(launchTemplate.efa);
    return {
        args, launchTemplate, family, familyWaitsOn, familyStated, customAmi, amiType, resolved,
        capacityBlock, movedInstanceType,
        instanceTypes,
        createsEfaSecurityGroup: efa !== undefined && !isSet(efa.securityGroups),
        createsPlacementGroup: obj(launchTemplate.placement)?.createClusterGroup === true,
        input: resolved.input !== null && typeof resolved.input === "object" && !Array.isArray(resolved.input) ? resolved.input : {},
        cluster: obj(args.cluster) ?? {},
        userData: obj(launchTemplate.userData) ?? {},
        spot: args.capacityType === "SPOT",
    };
}

/**
 * Inputs not known even in which keys they have: a rule that reads any of them waits (runRules skips
 * it), since neither "set" nor "absent" can be told. Lists no keys, so spreading it reads nothing.
 */
function everyInputUnknown(what: string): Loose {
    return new Proxy({}, {
        get: (_, key) => {
            if (typeof key === "symbol" || key === "toJSON" || key === "then") return undefined;
            throw new NotKnownYet(what);
        },
    });
}

/** What the user data rendering found: its text when known, and the instance types max-pods could not be looked up for. */
export interface Rendering {
    userData?: string;
    maxPodsLookupProblems: string[];
}

/** What the rules read, in the AWS resources' vocabulary. */
export function subjectOf(spec: Spec, rendering: Rendering): Subject {
    const a = spec.args;
    const nodeGroup: Loose = { ...givenNodeGroup(a, spec.movedInstanceType !== undefined), ...overridesOf(a, a, "nodeGroup") };
    // The template as EC2 will get it (model/template.ts decides, as for the builders): interfaces with
    // their indexes (efa expanded), the placement group and market options the component writes, a
    // Capacity Block's instance type moved in, the IMDS defaults; the user's other settings as given.
    const placement = obj(spec.launchTemplate.placement);
    const decided = templateDecisions(VALUES, spec.launchTemplate, {
        instanceTypes: spec.instanceTypes, capacityBlock: spec.capacityBlock,
        moved: spec.movedInstanceType !== undefined, listedTypes: a.instanceTypes,
        efaGroups: spec.createsEfaSecurityGroup ? [NOT_KNOWN] : undefined,
        // A createClusterGroup not known yet may create the group: its name is not known, not missing.
        createdPlacementGroup: spec.createsPlacementGroup || isUnknown(placement?.createClusterGroup) ? NOT_KNOWN : undefined,
    });
    const launchTemplate: Loose = { ...spec.launchTemplate, userData: spec.userData.content };
    for (const key of ["networkInterfaces", "placement", "instanceMarketOptions", "instanceType"] as const) {
        if (decided[key] !== undefined) launchTemplate[key] = decided[key];
    }
    Object.assign(launchTemplate, overridesOf(a, a, "launchTemplate"));
    launchTemplate.metadataOptions = decided.metadataOptions;
    return {
        // A template not known yet as a whole: each of its inputs is not known (rules wait), never absent.
        launchTemplate: isUnknown(a.launchTemplate) ? everyInputUnknown("launchTemplate") : launchTemplate,
        nodeGroup,
        osFamily: spec.familyWaitsOn ? undefined : spec.family,
        osFamilyStated: spec.familyStated,
        clusterSecurityGroupAdded: launchTemplate.addClusterSecurityGroup !== false
            && (isSet(spec.cluster.clusterSecurityGroupId) || isUnknown(a.cluster)),
        amiType: spec.amiType,
        clusterVersion: isUnknown(a.cluster) ? NOT_KNOWN : spec.cluster.version,
        bootstrapByUser: isUnknown(spec.userData.bootstrap) ? null : spec.userData.bootstrap === "User",
        component: {
            args: spec.resolved.value,
            secretArgs: spec.resolved.secrets.map((secret) => secret.path),
            // An unknown cluster stays unknown: its facts are not known yet, not missing.
            cluster: isUnknown(a.cluster) ? (a.cluster as unknown as Loose) : spec.cluster,
            renderedUserData: rendering.userData,
            maxPodsLookupProblems: rendering.maxPodsLookupProblems,
            kubernetesVersion: spec.customAmi ? undefined : spec.cluster.version,
            amiSelection: { osFamily: a.osFamily, architecture: a.architecture, accelerator: a.accelerator, windowsVariant: a.windowsVariant },
            kubelet: {
                extraArgs: spec.userData.kubeletExtraArgs, maxPods: spec.userData.maxPods, maxPodsExpression: spec.userData.maxPodsExpression,
                podNetwork: spec.userData.podNetwork,
                nodeConfig: spec.userData.nodeConfig, bottlerocketSettings: spec.userData.bottlerocketSettings,
            },
            windowsAccessEntry: a.createWindowsAccessEntry === true,
        },
    };
}

/** The node's kubelet settings, when every value is known. */
export function nodeSettingsOf(spec: Spec): NodeSettings | undefined {
    const labels = obj(spec.args.labels) ?? {};
    const taints = arr(spec.args.taints) ?? [];
    const extra = arr(spec.userData.kubeletExtraArgs) ?? [];
    const { maxPods, maxPodsExpression } = spec.userData;
    const containers = [spec.args.labels, spec.args.taints, spec.userData.kubeletExtraArgs];
    if ([...containers, ...Object.values(labels), ...taints, ...extra, maxPods, maxPodsExpression].some(isUnknown)
        || taints.some((t) => Object.values(obj(t) ?? {}).some(isUnknown))) return undefined;
    return {
        labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])),
        taints: taints.map((t) => obj(t) as unknown as NodeTaint),
        maxPods: typeof maxPods === "number" ? maxPods : undefined,
        maxPodsExpression: typeof maxPodsExpression === "string" ? maxPodsExpression : undefined,
        kubeletExtraArgs: extra.map(String),
    };
}

/** The cluster facts for the bootstrap, when every value it needs is known. */
export function clusterFactsOf(spec: Spec): ClusterFacts | undefined {
    const c = spec.cluster;
    const name = c.name;
    const ipFamily = c.ipFamily === IpFamily.Ipv6 ? "ipv6" : "ipv4";
    const serviceCidr = ipFamily === "ipv6" ? c.serviceIpv6Cidr : c.serviceIpv4Cidr;
    if ([name, c.endpoint, c.certificateAuthority, serviceCidr, c.ipFamily].some(isUnknown)) return undefined;
    const cidr = str(serviceCidr);
    return {
        name: str(name) ?? "",
        endpoint: str(c.endpoint),
        certificateAuthority: str(c.certificateAuthority),
        ipFamily,
        serviceCidr: cidr,
        dnsClusterIp: cidr !== undefined ? dnsClusterIp(cidr) : undefined,
    };
}
