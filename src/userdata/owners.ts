// One owner for every setting the node boots with that the component derives: the cluster's
// identity (name, endpoint, CA, service CIDR, and the kubeconfig kubelet joins with), the cluster
// DNS address, max-pods, labels and taints. Each has one typed input; any other path that would
// write it — Bottlerocket settings (typed or TOML content), nodeadm NodeConfig (typed kubeletConfig
// or NodeConfig content), a kubelet flag — is refused, since one of the two would silently win on
// the node (and labels or taints given that way skip the label and taint rules). The same holds
// with an EKS-optimized AMI, where EKS writes the cluster's identity: a user value merged over it
// would win. This file is the one place a reader learns what the component owns.
//
// Beside owned settings, a setting given twice — typed and again in the content — is refused too:
// the renderers merge them, and the content would win without a word.
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { OsFamily } from "../args";
import { isUnknown } from "../base/unknown";
import { contentTypeOf, NODECONFIG_CONTENT_TYPE } from "./al2023";
import { MimePart, userParts } from "./mime";

/** What a setting is, and the component input that owns it. */
export interface Owner {
    what: string;
    use: string;
}

const CLUSTER_NAME: Owner = { what: "the cluster name", use: "cluster.name" };
const ENDPOINT: Owner = { what: "the API server endpoint", use: "cluster.endpoint" };
const CA: Owner = { what: "the cluster's certificate authority", use: "cluster.certificateAuthority" };
const SERVICE_CIDR: Owner = { what: "the service CIDR", use: "cluster.serviceIpv4Cidr (or serviceIpv6Cidr)" };
const CLUSTER: Owner = { what: "the cluster the node joins", use: "cluster (name, endpoint, certificateAuthority, serviceIpv4Cidr)" };
const DNS: Owner = { what: "the cluster DNS address", use: "cluster.serviceIpv4Cidr (or serviceIpv6Cidr), from which it is derived" };
const MAX_PODS: Owner = { what: "max-pods", use: "userData.maxPods" };
const MAX_PODS_EXPRESSION: Owner = { what: "max-pods", use: "userData.maxPodsExpression (or userData.maxPods)" };
const LABELS: Owner = { what: "the node's labels", use: "labels" };
const TAINTS: Owner = { what: "the node's taints", use: "taints" };

/** Bottlerocket: the keys of [settings.kubernetes] the component (or, with an EKS AMI, EKS) writes. */
export const BOTTLEROCKET_OWNED: Readonly<Record<string, Owner>> = {
    "cluster-name": CLUSTER_NAME,
    "api-server": ENDPOINT,
    "cluster-certificate": CA,
    "cluster-dns-ip": DNS,
    "max-pods": MAX_PODS,
    "node-labels": LABELS,
    "node-taints": TAINTS,
};

/** KubeletConfiguration fields (nodeConfig.kubeletConfig, a NodeConfig's spec.kubelet.config). */
export const KUBELET_CONFIG_OWNED: Readonly<Record<string, Owner>> = {
    maxPods: MAX_PODS,
    clusterDNS: DNS,
    registerWithTaints: TAINTS,
};

/** nodeadm NodeConfig: fields under spec other than kubelet.config and kubelet.flags. */
export const NODECONFIG_SPEC_OWNED: Readonly<Record<string, Owner>> = {
    "cluster.name": CLUSTER_NAME,
    "cluster.apiServerEndpoint": ENDPOINT,
    "cluster.certificateAuthority": CA,
    "cluster.cidr": SERVICE_CIDR,
    "kubelet.maxPodsExpression": MAX_PODS_EXPRESSION,
};

/** kubelet flags (by name, without the dashes), in kubeletExtraArgs or a NodeConfig's spec.kubelet.flags. */
export const KUBELET_FLAGS_OWNED: Readonly<Record<string, Owner>> = {
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
const USER_DATA = "launchTemplate.userData";

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v) && !(v instanceof Date);

const owned = (where: string, owner: Owner): string =>
    `${where} sets ${owner.what}, which the component owns: it comes from ${owner.use} alone (with an EKS-optimized AMI, ` +
    "EKS writes the cluster's identity itself). Remove it here; a second path to the same setting would silently win on the node.";

const twice = (where: string, typed: string): string =>
    `${where} is given twice: in ${typed} and in the user data's content. Keep one: the content would silently win.`;

/** The leaf key paths of a table (arrays and unknown values are leaves). */
function leaves(table: Table, prefix: string[] = [], out: string[][] = []): string[][] {
    for (const [k, v] of Object.entries(table)) {
        if (isTable(v) && Object.keys(v).length > 0) leaves(v, [...prefix, k], out);
        else out.push([...prefix, k]);
    }
    return out;
}

/** A kubelet flag's name, without dashes and value. */
function flagName(flag: unknown): string | undefined {
    const m = typeof flag === "string" ? /^--?([a-z0-9-]+)(=|$)/.exec(flag) : null;
    return m?.[1];
}

function flagProblems(flags: unknown, path: (i: number) => string, where: string, out: OwnershipProblem[]): void {
    if (!Array.isArray(flags)) return;
    flags.forEach((flag, i) => {
        const name = flagName(flag);
        const owner = name === undefined ? undefined : KUBELET_FLAGS_OWNED[name];
        if (owner) out.push({ path: path(i), message: owned(`${where} --${name}`, owner) });
    });
}

function kubeletConfigProblems(config: unknown, path: (key: string) => string, where: (key: string) => string, out: OwnershipProblem[]): void {
    if (!isTable(config)) return;
    for (const key of Object.keys(config)) {
        const owner = KUBELET_CONFIG_OWNED[key];
        if (owner) out.push({ path: path(key), message: owned(where(key), owner) });
    }
}

function bottlerocketProblems(given: BootSettingsGiven, out: OwnershipProblem[]): void {
    const typed = given.bottlerocketSettings;
    const typedKubernetes = isTable(typed) ? typed.kubernetes : undefined;
    if (isTable(typedKubernetes)) {
        for (const key of Object.keys(typedKubernetes)) {
            const owner = BOTTLEROCKET_OWNED[key];
            if (owner) out.push({ path: `${USER_DATA}.bottlerocketSettings.kubernetes.${key}`, message: owned(`bottlerocketSettings.kubernetes.${key}`, owner) });
        }
    }
    if (typeof given.content !== "string" || given.content.trim() === "") return;
    let content: Table;
    try {
        content = parseToml(given.content) as Table;
    } catch {
        return; // userdata-format reports it
    }
    const settings = isTable(content.settings) ? content.settings : {};
    const kubernetes = isTable(settings.kubernetes) ? settings.kubernetes : {};
    for (const key of Object.keys(kubernetes)) {
        const owner = BOTTLEROCKET_OWNED[key];
        if (owner) out.push({ path: USER_DATA, message: owned(`settings.kubernetes.${key} in the TOML content`, owner) });
    }
    if (!isTable(typed)) return;
    const inContent = new Set(leaves(settings).map((p) => p.join(".")));
    for (const leaf of leaves(typed)) {
        // An owned key is reported above already.
        if (leaf[0] === "kubernetes" && BOTTLEROCKET_OWNED[leaf[1]] !== undefined) continue;
        const key = leaf.join(".");
        const clash = [...inContent].find((c) => c === key || c.startsWith(`${key}.`) || key.startsWith(`${c}.`));
        if (clash !== undefined) out.push({ path: `${USER_DATA}.bottlerocketSettings.${key}`, message: twice(`settings.${key}`, `bottlerocketSettings.${key}`) });
    }
}

/** The NodeConfig documents of the user's Amazon Linux 2023 content (unreadable ones are userdata-format's). */
function userNodeConfigs(content: unknown): Table[] {
    if (typeof content !== "string") return [];
    let parts: MimePart[];
    try {
        parts = userParts(content, contentTypeOf);
    } catch {
        return [];
    }
    const docs: Table[] = [];
    for (const part of parts.filter((p) => p.contentType === NODECONFIG_CONTENT_TYPE)) {
        for (const doc of parseAllDocuments(part.content)) {
            if (doc.errors.length > 0) continue;
            const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
            if (isTable(value) && isTable(value.spec)) docs.push(value.spec);
        }
    }
    return docs;
}

function at(table: Table, path: string[]): unknown {
    let v: unknown = table;
    for (const k of path) v = isTable(v) ? v[k] : undefined;
    return v;
}

function al2023Problems(given: BootSettingsGiven, out: OwnershipProblem[]): void {
    const typed = isTable(given.nodeConfig) ? given.nodeConfig : {};
    kubeletConfigProblems(typed.kubeletConfig, (k) => `${USER_DATA}.nodeConfig.kubeletConfig.${k}`, (k) => `nodeConfig.kubeletConfig.${k}`, out);
    const specs = userNodeConfigs(given.content);
    for (const spec of specs) {
        for (const [path, owner] of Object.entries(NODECONFIG_SPEC_OWNED)) {
            if (at(spec, path.split(".")) !== undefined) out.push({ path: USER_DATA, message: owned(`spec.${path} in a NodeConfig of the content`, owner) });
        }
        kubeletConfigProblems(at(spec, ["kubelet", "config"]), () => USER_DATA, (k) => `spec.kubelet.config.${k} in a NodeConfig of the content`, out);
        flagProblems(at(spec, ["kubelet", "flags"]), () => USER_DATA, "spec.kubelet.flags in a NodeConfig of the content:", out);
    }
    if (specs.length === 0) return;
    // Typed NodeConfig settings and the content's NodeConfigs setting the same field.
    const typedFields: [string, string[]][] = [];
    const kubeletConfig = isTable(typed.kubeletConfig) ? typed.kubeletConfig : {};
    for (const key of Object.keys(kubeletConfig).filter((k) => KUBELET_CONFIG_OWNED[k] === undefined)) typedFields.push([`kubeletConfig.${key}`, ["kubelet", "config", key]]);
    if (typed.containerdConfig !== undefined) typedFields.push(["containerdConfig", ["containerd", "config"]]);
    if (typed.localStorage !== undefined) typedFields.push(["localStorage", ["instance", "localStorage", "strategy"]]);
    for (const gate of Object.keys(isTable(typed.featureGates) ? typed.featureGates : {})) typedFields.push([`featureGates.${gate}`, ["featureGates", gate]]);
    for (const [field, specPath] of typedFields) {
        if (specs.some((spec) => at(spec, specPath) !== undefined)) {
            out.push({ path: `${USER_DATA}.nodeConfig.${field}`, message: twice(`spec.${specPath.join(".")}`, `nodeConfig.${field}`) });
        }
    }
    const typedFlags = new Set((Array.isArray(given.kubeletExtraArgs) ? given.kubeletExtraArgs : []).map(flagName).filter((n) => n !== undefined));
    for (const spec of specs) {
        const flags = at(spec, ["kubelet", "flags"]);
        for (const name of (Array.isArray(flags) ? flags : []).map(flagName)) {
            if (name !== undefined && typedFlags.has(name) && KUBELET_FLAGS_OWNED[name] === undefined) {
                out.push({ path: `${USER_DATA}.kubeletExtraArgs`, message: twice(`The kubelet flag --${name}`, "userData.kubeletExtraArgs") });
            }
        }
    }
}

/** Every path in `given` that would write a setting the component owns, or give one setting twice. */
export function ownershipProblems(family: OsFamily, given: BootSettingsGiven): OwnershipProblem[] {
    const out: OwnershipProblem[] = [];
    flagProblems(given.kubeletExtraArgs, (i) => `${USER_DATA}.kubeletExtraArgs[${i}]`, "userData.kubeletExtraArgs:", out);
    if (family === OsFamily.Bottlerocket) bottlerocketProblems(given, out);
    if (family === OsFamily.AmazonLinux2023) al2023Problems(given, out);
    return out;
}
