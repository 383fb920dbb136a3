// The policy pack's door onto the rules: each aws.eks.NodeGroup of the stack, paired with the
// aws.ec2.LaunchTemplate it uses, becomes a rule Subject. Values the engine does not know yet
// (preview) become NOT_KNOWN, which the rules skip, instead of failing the whole policy.
import { PolicyResource } from "@pulumi/policy";
import { familyOfAmiType } from "../facts/amitype";
import { isUnknown, NOT_KNOWN } from "../base/unknown";
import { isSet } from "../base/values";
import { Subject } from "../rules/rule";
import { MANAGED_NODE_GROUP_TYPE } from "../base/token";
import { familyOfUserData } from "../userdata";

export const NODE_GROUP_TYPE = "aws:eks/nodeGroup:NodeGroup";
export const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";
export const CLUSTER_TYPE = "aws:eks/cluster:Cluster";


/**
 * The policy SDK's markers of unknown values, its proxy unwrapping key, and the proxy the engine's
 * inputs come behind: exported at run time, not in its .d.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const proxy = require("@pulumi/policy/proxy") as Record<
    "unknownBooleanValue" | "unknownNumberValue" | "unknownStringValue" | "unknownArrayValue" | "unknownAssetValue"
    | "unknownArchiveValue" | "unknownObjectValue" | "getSpecialProxyTarget", unknown> & { unknownCheckingProxy<T>(v: T): T };

const SENTINELS = new Set<unknown>([
    proxy.unknownBooleanValue, proxy.unknownNumberValue, proxy.unknownStringValue, proxy.unknownArrayValue,
    proxy.unknownAssetValue, proxy.unknownArchiveValue, proxy.unknownObjectValue,
]);

/** The object a resource's props proxy wraps (the props themselves when they are no proxy). */
export function decodedProps(resource: PolicyResource): object {
    const props = resource.props as unknown;
    if (props === null || typeof props !== "object") return resource;
    const target = (props as Record<string, unknown>)[proxy.getSpecialProxyTarget as string];
    return target !== null && typeof target === "object" ? target : props;
}

/** The props without the policy SDK's throwing proxy, unknowns as NOT_KNOWN. */
export function plainProps(props: unknown): Record<string, unknown> {
    const walk = (v: unknown): unknown => {
        if (v !== null && typeof v === "object") {
            const target = (v as Record<string, unknown>)[proxy.getSpecialProxyTarget as string] ?? v;
            if (Array.isArray(target)) return target.map(walk);
            return Object.fromEntries(Object.entries(target as object).map(([k, e]) => [k, walk(e)]));
        }
        return SENTINELS.has(v) ? NOT_KNOWN : v;
    };
    const unwrapped = props !== null && typeof props === "object"
        ? ((props as Record<string, unknown>)[proxy.getSpecialProxyTarget as string] ?? props)
        : props;
    return (SENTINELS.has(unwrapped) ? {} : walk(unwrapped)) as Record<string, unknown>;
}

export interface Pair {
    nodeGroup: PolicyResource;
    launchTemplate?: PolicyResource;
    subject: Subject;
}

function referencedTemplate(ng: PolicyResource, props: Record<string, unknown>, templates: PolicyResource[]): PolicyResource | undefined {
    const viaDependency = (ng.propertyDependencies?.launchTemplate ?? []).find((r) => r.type === LAUNCH_TEMPLATE_TYPE);
    if (viaDependency !== undefined) return viaDependency;
    const ref = props.launchTemplate as Record<string, unknown> | undefined;
    if (ref === undefined || ref === null || typeof ref !== "object") return undefined;
    return templates.find((lt) => {
        const ltProps = plainProps(lt.props);
        return (typeof ref.id === "string" && ref.id === ltProps.id) || (typeof ref.name === "string" && ref.name === ltProps.name);
    });
}

/** Whether a node group's launch-template reference is not known yet: the reference, or the id or name in it. */
function unknownReference(ref: unknown): boolean {
    if (isUnknown(ref)) return true;
    if (ref === null || typeof ref !== "object") return false;
    const { id, name } = ref as Record<string, unknown>;
    return (isUnknown(id) || isUnknown(name)) && typeof id !== "string" && typeof name !== "string";
}

/** The props of a template the pack cannot see: every property reads as not known. */
function unseenTemplate(): Record<string, unknown> {
    return new Proxy({}, { get: (_target, key) => (typeof key === "string" ? NOT_KNOWN : undefined) });
}

function decodeUserData(v: unknown): unknown {
    if (typeof v !== "string") return v;
    return Buffer.from(v, "base64").toString("utf8");
}

/** Every security group list of the template: instance-level and per interface. */
function templateGroupLists(lt: Record<string, unknown>): unknown[][] {
    const lists: unknown[][] = [];
    if (Array.isArray(lt.vpcSecurityGroupIds) && lt.vpcSecurityGroupIds.length > 0) lists.push(lt.vpcSecurityGroupIds);
    for (const ni of Array.isArray(lt.networkInterfaces) ? lt.networkInterfaces : []) {
        const groups = (ni as Record<string, unknown> | null)?.securityGroups;
        if (Array.isArray(groups) && groups.length > 0) lists.push(groups);
    }
    return lists;
}

/**
 * Whether the template's custom groups include the cluster security group of the stack's cluster
 * the node group joins: null when that is not known yet (preview of a new cluster, unknown
 * groups), undefined when the cluster is not in the stack — unless the template is a
 * ManagedNodeGroup's: the component was given the cluster's group (cluster.clusterSecurityGroupId)
 * and decided with it, which the pack cannot see, so null then too.
 */
/** The stack's cluster the node group joins: null when which cluster is not known yet, undefined when it is not in the stack. */
function joinedCluster(clusters: Record<string, unknown>[], ngProps: Record<string, unknown>): Record<string, unknown> | null | undefined {
    if (isUnknown(ngProps.clusterName)) return null;
    return clusters.find((c) => typeof c.name === "string" && c.name === ngProps.clusterName);
}

function clusterGroupAdded(cluster: Record<string, unknown> | null | undefined, ltProps: Record<string, unknown>, lt: PolicyResource | undefined): boolean | null | undefined {
    const lists = templateGroupLists(ltProps);
    // A group not known yet may be the cluster's own, and a cluster name not known yet may be a cluster
    // of the stack: not known yet, never "missing" (a new aws.eks.Cluster beside the pair, at preview).
    if (lists.some((l) => l.some(isUnknown)) || cluster === null) return null;
    if (cluster === undefined) return lt?.parent?.type === MANAGED_NODE_GROUP_TYPE ? null : undefined;
    const id = (cluster.vpcConfig as Record<string, unknown> | undefined)?.clusterSecurityGroupId;
    // EKS computes every cluster's group: absent means not computed yet.
    if (typeof id !== "string") return null;
    return lists.every((l) => l.includes(id));
}

export function pairsOf(resources: PolicyResource[]): Pair[] {
    const templates = resources.filter((r) => r.type === LAUNCH_TEMPLATE_TYPE);
    // Each cluster's props read once, not once per node group.
    const clusters = resources.filter((r) => r.type === CLUSTER_TYPE).map((c) => plainProps(c.props));
    return resources.filter((r) => r.type === NODE_GROUP_TYPE).map((nodeGroup) => {
        const ngProps = plainProps(nodeGroup.props);
        const cluster = joinedCluster(clusters, ngProps);
        const launchTemplate = referencedTemplate(nodeGroup, ngProps, templates);
        // A reference not known yet (a template id from outside the stack, at preview) names a template the pack
        // cannot see: each of its values is not known, never absent.
        // So is one that may be a template of the stack whose id or name is not known yet.
        const unresolved = isSet(ngProps.launchTemplate) && (unknownReference(ngProps.launchTemplate)
            || templates.some((lt) => { const p = plainProps(lt.props); return isUnknown(p.id) || isUnknown(p.name); }));
        const ltProps = launchTemplate ? plainProps(launchTemplate.props) : unresolved ? unseenTemplate() : {};
        if (launchTemplate) ltProps.userData = decodeUserData(ltProps.userData);
        const amiType = typeof ngProps.amiType === "string" ? ngProps.amiType : undefined;
        // An amiType not known yet says the family is not known yet: the user data's look is no guess to make then.
        // With a custom AMI in the template the amiType names no family (EKS takes none but CUSTOM): the user
        // data is the only witness, whether the amiType is known or not.
        const customAmi = ltProps.imageId !== undefined && ltProps.imageId !== null;
        const osFamily = isUnknown(ngProps.amiType) && !customAmi ? undefined : (amiType && familyOfAmiType(amiType))
            || (typeof ltProps.userData === "string" ? familyOfUserData(ltProps.userData) : undefined);
        return {
            nodeGroup,
            launchTemplate,
            subject: { launchTemplate: ltProps, nodeGroup: ngProps, osFamily, clusterSecurityGroupAdded: clusterGroupAdded(cluster, ltProps, launchTemplate),
                // The version EKS holds the group to: not known while which cluster is not known.
                clusterVersion: cluster === null ? NOT_KNOWN : cluster?.version },
        };
    });
}

/** The resource a finding's Subject path is about, and the property path on it. */
export function locate(pair: Pair, subjectPath: string): { resource: PolicyResource; property: string } {
    if (subjectPath.startsWith("launchTemplate.") && pair.launchTemplate !== undefined) {
        return { resource: pair.launchTemplate, property: subjectPath.slice("launchTemplate.".length) };
    }
    return { resource: pair.nodeGroup, property: subjectPath.replace(/^nodeGroup\./, "") };
}
