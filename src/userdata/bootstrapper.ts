// What every OS family's user-data renderer offers (one file per family beside this one).
import { OsFamily } from "../args";
import {
    certificateAuthorityProblem, clusterNameProblem, endpointProblem, ensure, isCidr, kubeletFlagProblem, maxPodsExpressionProblem, maxPodsProblem, parseCidr,
} from "../facts/grammar";
import { BootSettingsGiven, OwnerMap, OwnershipProblem } from "./owners";

export interface NodeTaint {
    key: string;
    value?: string;
    /** As the EKS API spells it: NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE. */
    effect: string;
}

/** Kubelet-level settings of the nodes. */
export interface NodeSettings {
    labels: Record<string, string>;
    taints: NodeTaint[];
    maxPods?: number;
    /** Amazon Linux 2023: nodeadm's CEL expression instead of a number. */
    maxPodsExpression?: string;
    kubeletExtraArgs: string[];
}

/** What a node needs to join without calling DescribeCluster. Complete only when customAmi. */
export interface ClusterFacts {
    name: string;
    endpoint?: string;
    certificateAuthority?: string;
    ipFamily: "ipv4" | "ipv6";
    /** The service CIDR of the cluster's IP family. */
    serviceCidr?: string;
    dnsClusterIp?: string;
}

/** Typed NodeConfig parts (Amazon Linux 2023). */
export interface NodeConfigSettings {
    kubeletConfig?: Record<string, unknown>;
    containerdConfig?: string;
    localStorage?: string;
    featureGates?: Record<string, boolean>;
}

export interface RenderRequest {
    /** The template names a custom AMI: EKS merges nothing, the renderer writes the whole bootstrap. */
    customAmi: boolean;
    /** The user's own user data, in the family's format. */
    userContent?: string;
    /** Amazon Linux 2023 only. */
    nodeConfig?: NodeConfigSettings;
    /** Bottlerocket only: settings under [settings]. */
    bottlerocketSettings?: Record<string, unknown>;
    node: NodeSettings;
    cluster: ClusterFacts;
    /** Custom AMI, Amazon Linux 2 or Windows: the user's content calls the bootstrap; the renderer writes none. */
    userWritesBootstrap?: boolean;
    /** Custom AMI, Amazon Linux 2 or Windows: what runs after the bootstrap. */
    afterBootstrap?: string;
}

/** What a family's reader can find wrong with the user's own content; src/rules/userdata.ts maps each kind to its rule. */
export type ContentProblemKind =
    /** Not what the family reads (MIME, YAML, TOML, a shell or PowerShell script). */
    | "unreadable"
    /** Custom AMI: the bootstrap called twice, never, or with a value it would have to guess. */
    | "bootstrapOwner"
    /** Custom AMI: a bootstrap call without the endpoint or CA, so each node calls DescribeCluster. */
    | "describesCluster"
    /** EKS AMI: the content calls the bootstrap EKS appends, or restarts kubelet. */
    | "eksBootstrapCalled"
    /** The content starts kubelet or edits its configuration, overriding what the bootstrap set. */
    | "kubeletEdited"
    /** TOML in a form EKS refuses. */
    | "tomlForm"
    /** EKS AMI: settings in the content that belong on the node group (Bottlerocket node-labels, node-taints). */
    | "ownedInToml";

/** A problem found in the user's own content. */
export interface ContentProblem {
    kind: ContentProblemKind;
    message: string;
}

/**
 * What is true of a family's nodes beside how its user data is written: the rules and the builders
 * read these instead of comparing families (as Karpenter's amifamily does). One per family file.
 */
export interface FamilyProfile {
    /** The volume users size as the root volume (launchTemplate.rootVolume): the boot volume, or Bottlerocket's data volume. */
    rootDevice: string;
    /** A separate volume the node boots from (Bottlerocket's OS volume, launchTemplate.osVolume); undefined where the root volume boots. */
    osDevice?: string;
    /** The root volume's size when none is given, GiB. */
    defaultRootGiB: number;
    /**
     * How EKS joins its bootstrap to the user's user data on an EKS AMI: `merge` — the user's settings
     * (NodeConfig, TOML) are merged with EKS's; `script` — the user's script runs, then EKS's bootstrap
     * call. With a custom AMI, a `script` family's content may call the bootstrap itself (userData.bootstrap User).
     */
    bootstrap: "merge" | "script";
    /** The shell a `script` family's own scripts (content, afterBootstrap) run in. */
    shell?: "bash" | "powershell";
    /** Takes kubelet flags (userData.kubeletExtraArgs); `percent`: a value may hold `%` (Amazon Linux 2's bootstrap.sh writes them into a systemd drop-in, where `%` starts a specifier). */
    kubeletFlags?: { percent: boolean };
    /** The family's typed settings input: nodeConfig (nodeadm's NodeConfig) or bottlerocketSettings (TOML). */
    typedSettings?: "nodeConfig" | "bottlerocketSettings";
    /**
     * What the component owns among the settings this family reads, each map from a key the user could
     * write to the input that owns it (src/userdata/owners.ts): a user path that writes one is refused
     * by the family's `ownership`.
     */
    owns: {
        /** kubelet flags by name (userData.kubeletExtraArgs; a NodeConfig's spec.kubelet.flags). */
        kubeletFlags?: OwnerMap;
        /** KubeletConfiguration fields (nodeConfig.kubeletConfig; a NodeConfig's spec.kubelet.config). */
        kubeletConfig?: OwnerMap;
        /** A NodeConfig's spec fields other than kubelet's, by dotted path. */
        nodeConfigSpec?: OwnerMap;
        /** Bottlerocket's [settings.kubernetes] keys (bottlerocketSettings.kubernetes; the TOML content). */
        settingsKubernetes?: OwnerMap;
    };
    /** Takes userData.maxPodsExpression (nodeadm's CEL expression). */
    maxPodsExpression: boolean;
    /** A custom AMI's bootstrap computes max-pods itself, so the component need not. */
    bootstrapComputesMaxPods: boolean;
    /** What of a warm pool the family's nodes support (EKS: Bottlerocket neither hibernates nor is reused on scale-in). */
    warmPool: { hibernated: boolean; reuseOnScaleIn: boolean };
    /** Instance classes the family's EKS AMIs do not run on (EKS's Windows documentation lists Windows'). */
    refusedInstanceClasses: readonly string[];
    /** Its nodes become Ready in an IPv6 cluster (EKS: Windows nodes do not). */
    ipv6: boolean;
    /** The EKS access entry type the node role needs. */
    accessEntryType: "EC2_LINUX" | "EC2_WINDOWS";
    /** What a custom AMI's user data must contain to join without EKS's help. */
    joins: { markers: RegExp[]; needs: string };
}

export interface Bootstrapper {
    readonly family: OsFamily;
    readonly profile: FamilyProfile;
    /** Every path of the given settings that writes a setting the component owns (profile.owns), or gives one setting twice. */
    ownership(given: BootSettingsGiven): OwnershipProblem[];
    /** Checks the user's own user data for this family. */
    /** `userWritesBootstrap`: a custom AMI's content calls the bootstrap itself (default: the renderer writes it). */
    inspect(content: string, customAmi: boolean, userWritesBootstrap?: boolean): ContentProblem[];
    /** The user data to send (plain text, before base64), or undefined for none. */
    render(request: RenderRequest): string | undefined;
}

/** Kubernetes' taint effect names, from the EKS API's. */
export function kubernetesEffect(effect: string): string {
    switch (effect) {
        case "NO_EXECUTE": return "NoExecute";
        case "PREFER_NO_SCHEDULE": return "PreferNoSchedule";
        default: return "NoSchedule";
    }
}

/** `key=value:Effect` as kubelet's --register-with-taints takes it. */
export function taintFlagValue(taints: NodeTaint[]): string {
    return taints.map((t) => `${t.key}=${t.value ?? ""}:${kubernetesEffect(t.effect)}`).join(",");
}

/** `k=v,k2=v2` as kubelet's --node-labels takes it. */
export function labelFlagValue(labels: Record<string, string>): string {
    return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
}

/** Kubelet flags for labels and taints (custom AMIs: EKS applies node group taints only after join). */
export function kubeletFlags(node: NodeSettings): string[] {
    const flags: string[] = [];
    if (Object.keys(node.labels).length > 0) flags.push(`--node-labels=${labelFlagValue(node.labels)}`);
    if (node.taints.length > 0) flags.push(`--register-with-taints=${taintFlagValue(node.taints)}`);
    return flags;
}

/**
 * The second wall: every value a renderer writes into boot code, checked against the grammar its
 * rule enforces (src/rules/bootvalues.ts). A value that reaches here unchecked is a bug, and the
 * renderer refuses it rather than writing it.
 */
export function checkedForBootCode(request: RenderRequest, percentAllowed: boolean): void {
    const { cluster, node } = request;
    if (request.customAmi) {
        ensure(clusterNameProblem(cluster.name), "the cluster name");
        ensure(endpointProblem(cluster.endpoint ?? ""), "the cluster endpoint");
        ensure(certificateAuthorityProblem(cluster.certificateAuthority ?? ""), "the cluster CA");
        const cidr = parseCidr(cluster.serviceCidr ?? "");
        ensure(isCidr(cidr) ? undefined : cidr.problem, "the service CIDR");
        ensure(cluster.dnsClusterIp === undefined ? "cannot be derived" : undefined, "the cluster DNS IP");
    }
    for (const flag of [...(request.customAmi ? kubeletFlags(node) : []), ...node.kubeletExtraArgs]) {
        ensure(kubeletFlagProblem(flag, percentAllowed), "a kubelet flag");
    }
    if (node.maxPods !== undefined) ensure(maxPodsProblem(node.maxPods), "max-pods");
    if (node.maxPodsExpression !== undefined) ensure(maxPodsExpressionProblem(node.maxPodsExpression), "the max-pods expression");
}
