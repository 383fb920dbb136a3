// Amazon Linux 2023: nodeadm reads NodeConfig documents from `application/node.eks.aws` MIME parts
// and merges them (EKS adds its own with an EKS AMI). Our NodeConfig carries the kubelet settings
// and, with a custom AMI, the cluster facts nodeadm requires.
//
// It is written as JSON, which is YAML too: nodeadm reads it with Go's YAML 1.1 rules, under which
// a plain `1_000`, `0x_1`, `yes` or `on` is a number or a boolean; a double-quoted scalar is a
// string under every rule, keys included. The line separators JSON leaves raw are escaped, as
// YAML 1.1 folds them.
import { parseAllDocuments } from "yaml";
import { OsFamily } from "../args";
import { Bootstrapper, checkedForBootCode, ContentProblem, kubeletFlags, RenderRequest } from "./bootstrapper";
import { effectiveType, MimeError, MimePart, shellPartProblem, sniffContentType, userParts, withParts } from "./mime";
import {
    at, BootSettingsGiven, CA, CLUSTER_NAME, ENDPOINT, extraArgsOwnership, flagName, flagProblems, isTable, KUBELET_CONFIG_OWNED, KUBELET_FLAGS_OWNED,
    kubeletConfigProblems, MAX_PODS_EXPRESSION, owned, OwnerMap, OwnershipProblem, SERVICE_CIDR, twice, USER_DATA,
} from "./owners";
import { scriptEffects } from "./shellcalls";

export const NODECONFIG_CONTENT_TYPE = "application/node.eks.aws";
const API_VERSION = "node.eks.aws/v1alpha1";

/** nodeadm NodeConfig: fields under spec other than kubelet.config and kubelet.flags. */
export const NODECONFIG_SPEC_OWNED: OwnerMap = {
    "cluster.name": CLUSTER_NAME,
    "cluster.apiServerEndpoint": ENDPOINT,
    "cluster.certificateAuthority": CA,
    "cluster.cidr": SERVICE_CIDR,
    "kubelet.maxPodsExpression": MAX_PODS_EXPRESSION,
};

/** What the component owns among what the family reads (the profile's owns; its ownership checks these). */
const OWNS = { kubeletFlags: KUBELET_FLAGS_OWNED, kubeletConfig: KUBELET_CONFIG_OWNED, nodeConfigSpec: NODECONFIG_SPEC_OWNED };

/** The documents of a YAML (or JSON) text as values, or undefined when it is not YAML. */
function yamlDocuments(text: string): unknown[] | undefined {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    return docs.map((d) => d.toJS({ maxAliasCount: 50 }) as unknown);
}

function isNodeConfig(value: unknown): boolean {
    const v = value as Record<string, unknown> | null;
    return typeof v === "object" && v !== null && v.kind === "NodeConfig" && typeof v.apiVersion === "string" && v.apiVersion.startsWith("node.eks.aws/");
}

/**
 * A bare user data's type, by parsing: a script (#!) or cloud-config as cloud-init sniffs it, a
 * NodeConfig when it parses as YAML or JSON whose documents are NodeConfigs; text/plain otherwise.
 */
export function contentTypeOf(content: string): string {
    const sniffed = sniffContentType(content);
    if (sniffed !== "text/plain") return sniffed;
    let docs: unknown[] | undefined;
    try {
        docs = yamlDocuments(content);
    } catch {
        docs = undefined;
    }
    const present = (docs ?? []).filter((d) => d !== null && d !== undefined);
    return present.length > 0 && present.every(isNodeConfig) ? NODECONFIG_CONTENT_TYPE : "text/plain";
}

/** The NodeConfig the component generates, or undefined when it has nothing to say. */
export function nodeConfig(request: RenderRequest): Record<string, unknown> | undefined {
    const { cluster, node } = request;
    const spec: Record<string, unknown> = {};
    if (request.customAmi) {
        spec.cluster = {
            name: cluster.name,
            apiServerEndpoint: cluster.endpoint,
            certificateAuthority: cluster.certificateAuthority,
            cidr: cluster.serviceCidr,
        };
    }
    const typed = request.nodeConfig ?? {};
    const kubelet: Record<string, unknown> = {};
    const kubeletConfig = { ...typed.kubeletConfig, ...(node.maxPods !== undefined ? { maxPods: node.maxPods } : {}) };
    if (Object.keys(kubeletConfig).length > 0) kubelet.config = kubeletConfig;
    if (node.maxPodsExpression !== undefined) kubelet.maxPodsExpression = node.maxPodsExpression;
    // With an EKS AMI, EKS's own NodeConfig applies the node group's labels and taints.
    const flags = [...(request.customAmi ? kubeletFlags(node) : []), ...node.kubeletExtraArgs];
    if (flags.length > 0) kubelet.flags = flags;
    if (Object.keys(kubelet).length > 0) spec.kubelet = kubelet;
    if (typed.containerdConfig !== undefined) spec.containerd = { config: typed.containerdConfig };
    if (typed.localStorage !== undefined) spec.instance = { localStorage: { strategy: typed.localStorage } };
    if (typed.featureGates !== undefined && Object.keys(typed.featureGates).length > 0) spec.featureGates = typed.featureGates;
    if (Object.keys(spec).length === 0) return undefined;
    return { apiVersion: API_VERSION, kind: "NodeConfig", spec };
}

/** JSON with U+0085, U+2028 and U+2029 escaped: a document every YAML 1.1 and 1.2 reader reads as written. */
export function nodeConfigText(config: Record<string, unknown>): string {
    return JSON.stringify(config, null, 2).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n";
}

export const amazonLinux2023: Bootstrapper = {
    family: OsFamily.AmazonLinux2023,
    profile: {
        rootDevice: "/dev/xvda", defaultRootGiB: 20, bootstrap: "merge",
        kubeletFlags: { percent: true }, typedSettings: "nodeConfig",
        owns: OWNS,
        maxPodsExpression: true, bootstrapComputesMaxPods: false, warmPool: { hibernated: true, reuseOnScaleIn: true }, refusedInstanceClasses: [], ipv6: true, accessEntryType: "EC2_LINUX",
        // YAML or JSON (the component writes JSON).
        joins: { markers: [/kind"?:\s*"?NodeConfig/, /apiServerEndpoint"?:/, /certificateAuthority"?:/, /cidr"?:/],
            needs: "a NodeConfig with spec.cluster (name, apiServerEndpoint, certificateAuthority, cidr)" },
    },

    ownership,

    inspect(content) {
        let parts: MimePart[];
        try {
            parts = userParts(content, contentTypeOf);
        } catch (e) {
            if (!(e instanceof MimeError)) throw e;
            return [{ kind: "unreadable", message: `The Amazon Linux 2023 user data is not a MIME document cloud-init and nodeadm can read: ${e.message}.` }];
        }
        return problemsOf(parts);
    },

    render(request) {
        // nodeadm writes the flags into an EnvironmentFile, where % is plain text.
        checkedForBootCode(request, true);
        const config = nodeConfig(request);
        const ours = config === undefined ? [] : [{ contentType: NODECONFIG_CONTENT_TYPE, content: nodeConfigText(config) }];
        return withParts(request.userContent, contentTypeOf, ours, []);
    },
};

/**
 * Each NodeConfig document of the content's NodeConfig parts, read with Go's YAML 1.1 rules as nodeadm
 * reads them (sigs.k8s.io/yaml): `yes` and `on` are booleans, `0x1F` a number; yaml.v2 keeps timestamps
 * and sexagesimal numbers as strings in an untyped document. Unreadable content gives none
 * (userdata-format reports it).
 */
export function contentNodeConfigs(content: string): Record<string, unknown>[] {
    let parts: MimePart[];
    try {
        parts = userParts(content, contentTypeOf);
    } catch {
        return [];
    }
    const configs: Record<string, unknown>[] = [];
    for (const part of parts.filter((p) => p.contentType === NODECONFIG_CONTENT_TYPE)) {
        const docs = parseAllDocuments(part.content, { version: "1.1", customTags: (tags) => tags.filter((t) => typeof t === "string" || (t.tag !== "tag:yaml.org,2002:timestamp" && t.format !== "TIME")) });
        if (!Array.isArray(docs)) continue;
        for (const doc of docs) {
            if (doc.errors.length > 0) continue;
            const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
            if (typeof value === "object" && value !== null && !Array.isArray(value) && (value as Record<string, unknown>).kind === "NodeConfig") {
                configs.push(value as Record<string, unknown>);
            }
        }
    }
    return configs;
}

function problemsOf(parts: MimePart[]): ContentProblem[] {
    const problems: ContentProblem[] = [];
    for (const part of parts) {
        const shell = shellPartProblem(part);
        if (shell) problems.push({ kind: "unreadable", message: `cloud-init would not run this user data: ${shell}.` });
        if (part.headers === undefined && part.contentType === "text/plain") {
            problems.push({ kind: "unreadable", message: "This user data is none of what Amazon Linux 2023 reads: not MIME, not a " +
                `NodeConfig (YAML or JSON with apiVersion: ${API_VERSION} and kind: NodeConfig), not a script starting with #!, ` +
                "not #cloud-config. Write one of those." });
        }
    }
    // nodeadm writes kubelet's configuration from the NodeConfig before cloud-init runs the scripts, and starts
    // kubelet after them (nodeadm-config.service, nodeadm-run.service in amazon-eks-ami's AL2023 template): a
    // script's edit is kept, and so overrides what the NodeConfig set — max-pods, cluster DNS, labels, taints.
    for (const part of parts.filter((p) => effectiveType(p) === "text/x-shellscript")) {
        const effects = scriptEffects(part.content);
        if (effects.editsKubeletConfig || effects.startsKubelet) {
            problems.push({ kind: "kubeletEdited", message: `The user data ${effects.editsKubeletConfig ? "edits kubelet's configuration" : "starts kubelet"}, ` +
                "which EKS's launch-template guide says user data must not do: nodeadm writes the configuration from the NodeConfig and starts kubelet " +
                "after the scripts, and an edit here overrides what it set (max-pods, cluster DNS, labels, taints) without a word. " +
                "Set kubelet settings in userData.nodeConfig.kubeletConfig (or a NodeConfig part), labels and taints on the node group." });
        }
    }
    for (const part of parts.filter((p) => p.contentType === NODECONFIG_CONTENT_TYPE)) {
        for (const doc of parseAllDocuments(part.content)) {
            if (doc.errors.length > 0) {
                // The first line only: later lines quote the source, which may be secret.
                // The yaml library recurses once per nesting level: past several hundred (no NodeConfig field nests
                // that deep) it runs out of stack, and says so in the message.
                const reason = /Maximum call stack size exceeded/.test(doc.errors[0].message)
                    ? "it nests collections several hundred levels deep, past what can be read"
                    : doc.errors[0].message.split("\n")[0];
                problems.push({ kind: "unreadable", message: `A NodeConfig part is not valid YAML: ${reason}` });
                continue;
            }
            const value = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown> | null;
            if (value === null) continue;
            if (!isNodeConfig(value)) {
                problems.push({ kind: "unreadable", message:
                    `An ${NODECONFIG_CONTENT_TYPE} part must hold NodeConfig documents (apiVersion: ${API_VERSION}, kind: NodeConfig); ` +
                    `found apiVersion ${JSON.stringify(value.apiVersion)}, kind ${JSON.stringify(value.kind)}.` });
            }
        }
    }
    return problems;
}

/**
 * Owned settings in the typed nodeConfig, kubelet flags or the content's NodeConfigs, and a setting
 * given both typed and in the content (nodeadm merges the documents: the content's would win).
 */
function ownership(given: BootSettingsGiven): OwnershipProblem[] {
    const out = extraArgsOwnership(given, OWNS.kubeletFlags);
    const typed = isTable(given.nodeConfig) ? given.nodeConfig : {};
    kubeletConfigProblems(typed.kubeletConfig, OWNS.kubeletConfig, (k) => `${USER_DATA}.nodeConfig.kubeletConfig.${k}`, (k) => `nodeConfig.kubeletConfig.${k}`, out);
    const specs = typeof given.content === "string" ? contentNodeConfigs(given.content).map((c) => c.spec).filter(isTable) : [];
    for (const spec of specs) {
        for (const [path, owner] of Object.entries(OWNS.nodeConfigSpec)) {
            if (at(spec, path.split(".")) !== undefined) out.push({ path: USER_DATA, message: owned(`spec.${path} in a NodeConfig of the content`, owner) });
        }
        kubeletConfigProblems(at(spec, ["kubelet", "config"]), OWNS.kubeletConfig, () => USER_DATA, (k) => `spec.kubelet.config.${k} in a NodeConfig of the content`, out);
        flagProblems(at(spec, ["kubelet", "flags"]), OWNS.kubeletFlags, () => USER_DATA, "spec.kubelet.flags in a NodeConfig of the content:", out);
    }
    if (specs.length === 0) return out;
    // Typed NodeConfig settings and the content's NodeConfigs setting the same field.
    const typedFields: [string, string[]][] = [];
    const kubeletConfig = isTable(typed.kubeletConfig) ? typed.kubeletConfig : {};
    for (const key of Object.keys(kubeletConfig).filter((k) => OWNS.kubeletConfig[k] === undefined)) typedFields.push([`kubeletConfig.${key}`, ["kubelet", "config", key]]);
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
            if (name !== undefined && typedFlags.has(name) && OWNS.kubeletFlags[name] === undefined) {
                out.push({ path: `${USER_DATA}.kubeletExtraArgs`, message: twice(`The kubelet flag --${name}`, "userData.kubeletExtraArgs") });
            }
        }
    }
    return out;
}
