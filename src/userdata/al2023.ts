// Amazon Linux 2023: nodeadm reads NodeConfig documents from `application/node.eks.aws` MIME parts
// and merges them (EKS adds its own with an EKS AMI). Our NodeConfig carries the kubelet settings
// and, with a custom AMI, the cluster facts nodeadm requires.
// js-yaml writes (a quarter of yaml's time per document: it is paid once per node group at every
// preview; @pulumi/pulumi installs it anyway); yaml reads, with an error per document.
import { dump } from "js-yaml";
import { parseAllDocuments } from "yaml";
import { OsFamily } from "../args";
import { attempt, then } from "../model/maybe";
import { Bootstrapper, ContentProblem, kubeletFlags, RenderRequest } from "./bootstrapper";
import { MimePart, sniffContentType, userParts, writeMime } from "./mime";

export const NODECONFIG_CONTENT_TYPE = "application/node.eks.aws";
const API_VERSION = "node.eks.aws/v1alpha1";

/** A bare NodeConfig becomes a node.eks.aws part; other content is sniffed as cloud-init does. */
function contentTypeOf(content: string): string {
    return /^\s*kind:\s*NodeConfig\s*$/m.test(content) || /^\s*apiVersion:\s*node\.eks\.aws\//m.test(content)
        ? NODECONFIG_CONTENT_TYPE
        : sniffContentType(content);
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

export const amazonLinux2023: Bootstrapper = {
    family: OsFamily.AmazonLinux2023,

    inspect(content) {
        return attempt(() => then(userParts(content, contentTypeOf), problemsOf), (e) =>
            [{ ruleId: "userdata-format", message: `The Amazon Linux 2023 user data is not a readable MIME document: ${(e as Error).message}.` }]);
    },

    render(request) {
        return then(userParts(request.userContent, contentTypeOf), (parts) => {
            const config = nodeConfig(request);
            if (config !== undefined) parts.unshift({ contentType: NODECONFIG_CONTENT_TYPE, content: dump(config, { noRefs: true, lineWidth: -1 }) });
            return parts.length === 0 ? undefined : writeMime(parts);
        });
    },
};

function problemsOf(parts: MimePart[]): ContentProblem[] {
    const problems: ContentProblem[] = [];
    for (const part of parts.filter((p) => p.contentType === NODECONFIG_CONTENT_TYPE)) {
        for (const doc of parseAllDocuments(part.content)) {
            if (doc.errors.length > 0) {
                problems.push({ ruleId: "userdata-format", message: `A NodeConfig part is not valid YAML: ${doc.errors[0].message}` });
                continue;
            }
            const value = doc.toJS() as Record<string, unknown> | null;
            if (value === null) continue;
            if (value.kind !== "NodeConfig" || typeof value.apiVersion !== "string" || !value.apiVersion.startsWith("node.eks.aws/")) {
                problems.push({ ruleId: "userdata-format", message:
                    `An ${NODECONFIG_CONTENT_TYPE} part must hold NodeConfig documents (apiVersion: ${API_VERSION}, kind: NodeConfig); ` +
                    `found apiVersion ${JSON.stringify(value.apiVersion)}, kind ${JSON.stringify(value.kind)}.` });
            }
        }
    }
    return problems;
}
