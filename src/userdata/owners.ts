// Who owns what the node boots with. Every setting the component derives has one owner: a typed
// input (the cluster's identity — name, endpoint, CA, service CIDR, and the kubeconfig kubelet joins
// with — the cluster DNS address, max-pods, labels and taints). Any other path that would write it —
// Bottlerocket settings (typed or TOML content), nodeadm NodeConfig (typed kubeletConfig or
// NodeConfig content), a kubelet flag — is refused, since one of the two would silently win on the
// node (and labels or taints given that way skip the label and taint rules). The same holds with an
// EKS-optimized AMI, where EKS writes the cluster's identity: a user value merged over it would win.
//
// Beside owned settings, a setting given twice — typed and again in the content — is refused too:
// the renderers merge them, and the content would win without a word.
//
// Here: the owners, the kubelet's owned flags and configuration fields (kubelet's own vocabulary,
// whichever family runs it), and the checks every family uses. Each family's profile names, in
// `owns`, the maps that apply to what it reads; the family's own maps (Bottlerocket's
// settings.kubernetes keys, nodeadm's NodeConfig spec fields) live in its file, beside its
// `ownership` check of the content it reads.
import { isUnknown } from "../base/unknown";

/** What a setting is, and the component input that owns it. */
export interface Owner {
    what: string;
    use: string;
}

/** Keys a user could write, each with the input that owns it. */
export type OwnerMap = Readonly<Record<string, Owner>>;

export const CLUSTER_NAME: Owner = { what: "the cluster name", use: "cluster.name" };
export const ENDPOINT: Owner = { what: "the API server endpoint", use: "cluster.endpoint" };
export const CA: Owner = { what: "the cluster's certificate authority", use: "cluster.certificateAuthority" };
export const SERVICE_CIDR: Owner = { what: "the service CIDR", use: "cluster.serviceIpv4Cidr (or serviceIpv6Cidr)" };
export const CLUSTER: Owner = { what: "the cluster the node joins", use: "cluster (name, endpoint, certificateAuthority, serviceIpv4Cidr)" };
export const DNS: Owner = { what: "the cluster DNS address", use: "cluster.serviceIpv4Cidr (or serviceIpv6Cidr), from which it is derived" };
export const MAX_PODS: Owner = { what: "max-pods", use: "userData.maxPods" };
export const MAX_PODS_EXPRESSION: Owner = { what: "max-pods", use: "userData.maxPodsExpression (or userData.maxPods)" };
export const LABELS: Owner = { what: "the node's labels", use: "labels" };
export const TAINTS: Owner = { what: "the node's taints", use: "taints" };

/** KubeletConfiguration fields (nodeConfig.kubeletConfig, a NodeConfig's spec.kubelet.config). */
export const KUBELET_CONFIG_OWNED: OwnerMap = {
    maxPods: MAX_PODS,
    clusterDNS: DNS,
    registerWithTaints: TAINTS,
};

/** kubelet flags (by name, without the dashes), in kubeletExtraArgs or a NodeConfig's spec.kubelet.flags. */
export const KUBELET_FLAGS_OWNED: OwnerMap = {
    "node-labels": LABELS,
    "register-with-taints": TAINTS,
    "max-pods": MAX_PODS,
    "cluster-dns": DNS,
    "kubeconfig": CLUSTER,
    "bootstrap-kubeconfig": CLUSTER,
};

/** The settings a component's user data is given, each as the component's args hold it. */
export interface BootSettingsGiven {
    content?: unknown;
    bottlerocketSettings?: unknown;
    nodeConfig?: unknown;
    kubeletExtraArgs?: unknown;
}

export interface OwnershipProblem {
    /** The component argument path (the Subject's: the content is `launchTemplate.userData`). */
    path: string;
    message: string;
}

/** The Subject's path of the user data: the content itself, and the root of its typed settings. */
export const USER_DATA = "launchTemplate.userData";

export type Table = Record<string, unknown>;
export const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v) && !(v instanceof Date);

export const owned = (where: string, owner: Owner): string =>
    `${where} sets ${owner.what}, which the component owns: it comes from ${owner.use} alone (with an EKS-optimized AMI, ` +
    "EKS writes the cluster's identity itself). Remove it here; a second path to the same setting would silently win on the node.";

export const twice = (where: string, typed: string): string =>
    `${where} is given twice: in ${typed} and in the user data's content. Keep one: the content would silently win.`;

/** The leaf key paths of a table (arrays and unknown values are leaves). */
export function leaves(table: Table, prefix: string[] = [], out: string[][] = []): string[][] {
    for (const [k, v] of Object.entries(table)) {
        if (isTable(v) && Object.keys(v).length > 0) leaves(v, [...prefix, k], out);
        else out.push([...prefix, k]);
    }
    return out;
}

/** A kubelet flag's name, without dashes and value. */
export function flagName(flag: unknown): string | undefined {
    const m = typeof flag === "string" ? /^--?([a-z0-9-]+)(=|$)/.exec(flag) : null;
    return m?.[1];
}

export function flagProblems(flags: unknown, owns: OwnerMap, path: (i: number) => string, where: string, out: OwnershipProblem[]): void {
    if (!Array.isArray(flags)) return;
    flags.forEach((flag, i) => {
        const name = flagName(flag);
        const owner = name === undefined ? undefined : owns[name];
        if (owner) out.push({ path: path(i), message: owned(`${where} --${name}`, owner) });
    });
}

export function kubeletConfigProblems(config: unknown, owns: OwnerMap, path: (key: string) => string, where: (key: string) => string, out: OwnershipProblem[]): void {
    if (!isTable(config)) return;
    for (const key of Object.keys(config)) {
        const owner = owns[key];
        if (owner) out.push({ path: path(key), message: owned(where(key), owner) });
    }
}


/** A table's value at a key path, or undefined. */
export function at(table: Table, path: string[]): unknown {
    let v: unknown = table;
    for (const k of path) v = isTable(v) ? v[k] : undefined;
    return v;
}

/** kubeletExtraArgs writing a flag of `owns` (the family's profile.owns.kubeletFlags), for the families that take flags. */
export function extraArgsOwnership(given: BootSettingsGiven, owns: OwnerMap): OwnershipProblem[] {
    const out: OwnershipProblem[] = [];
    flagProblems(given.kubeletExtraArgs, owns, (i) => `${USER_DATA}.kubeletExtraArgs[${i}]`, "userData.kubeletExtraArgs:", out);
    return out;
}
