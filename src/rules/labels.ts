// Limits of the EKS API on node group labels and taints (CreateNodegroup), and Kubernetes syntax.
// The lengths and effects are the API model's (src/facts/awsconstraints.ts), which owns them here.
import { awsConstraint } from "../facts/awsconstraints";
import { meantValue } from "../base/suggestions";
import { Rule } from "./rule";
import { arr, isSet, isUnknown, obj, show, str } from "../base/values";

/** Label and taint keys and values: one limit, the EKS model's labelKey, labelValue, taintKey and taintValue (all 63). */
const MAX_LENGTH = Math.min(...["nodeGroup.labels{key}", "nodeGroup.labels{value}", "nodeGroup.taints[].key", "nodeGroup.taints[].value"]
    .map((p) => awsConstraint(p).maxLength!));
/** Not in the model: the EKS User Guide's quota ("Node taints on managed node groups": at most 50 taints per node group). */
const MAX_TAINTS = 50;
const TAINT_EFFECTS = awsConstraint("nodeGroup.taints[].effect").enum!;
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a Kubernetes qualified name of at most 63 characters, or undefined. */
function keyProblem(key: string): string | undefined {
    if (key.length === 0 || key.length > MAX_LENGTH) return `must be 1 to ${MAX_LENGTH} characters (EKS limit), got ${key.length}`;
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) return `has prefix ${show(prefix)}, which is not a lower-case DNS subdomain`;
    if (!NAME.test(name)) return "must start and end with a letter or digit and use only letters, digits, -, _ and .";
    return undefined;
}

function valueProblem(value: string, allowEmpty: boolean): string | undefined {
    if (value.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters, got ${value.length}`;
    if (value.length === 0) return allowEmpty ? undefined : "must not be empty (EKS requires 1 to 63 characters)";
    if (!NAME.test(value)) return "must start and end with a letter or digit and use only letters, digits, -, _ and .";
    return undefined;
}

/** kubelet's --node-labels: in the kubernetes.io and k8s.io namespaces only these prefixes and keys (NodeRestriction). */
const KUBELET_ALLOWED_PREFIXES = ["kubelet.kubernetes.io", "node.kubernetes.io"];
const KUBELET_ALLOWED_KEYS = new Set([
    "beta.kubernetes.io/arch", "beta.kubernetes.io/instance-type", "beta.kubernetes.io/os", "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/region", "topology.kubernetes.io/zone", "kubernetes.io/arch",
    "kubernetes.io/hostname", "kubernetes.io/os", "node.kubernetes.io/instance-type",
]);

const inNamespace = (prefix: string, ns: string) => prefix === ns || prefix.endsWith(`.${ns}`);

/**
 * Why EKS ("Label cannot contain reserved prefixes") or kubelet refuses a label key, or undefined:
 * eks.amazonaws.com is EKS's own; in kubernetes.io and k8s.io only the keys kubelet may set itself
 * (the test eksctl applies, kubeletapis.IsKubeletLabel).
 */
function reservedProblem(key: string): string | undefined {
    const slash = key.indexOf("/");
    if (slash < 0) return undefined;
    const prefix = key.slice(0, slash);
    if (inNamespace(prefix, "eks.amazonaws.com")) return "is in EKS's own eks.amazonaws.com namespace";
    if (!inNamespace(prefix, "kubernetes.io") && !inNamespace(prefix, "k8s.io")) return undefined;
    if (KUBELET_ALLOWED_KEYS.has(key) || KUBELET_ALLOWED_PREFIXES.some((p) => inNamespace(prefix, p))) return undefined;
    return `is in the ${inNamespace(prefix, "k8s.io") ? "k8s.io" : "kubernetes.io"} namespace, where only ${KUBELET_ALLOWED_PREFIXES.join(" and ")} keys and a few well-known ones are allowed`;
}

export const labelRules: Rule[] = [
    {
        id: "ng-labels-reserved",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.labels"],
        // --node-labels elsewhere is refused outright (userdata-owned-settings): labels have one path, this one.
        summary: "A label key in EKS's eks.amazonaws.com namespace, or in kubernetes.io/k8s.io beyond what kubelet may set (node.kubernetes.io, kubelet.kubernetes.io, well-known keys).",
        check(s, report) {
            const labels = obj(s.nodeGroup.labels) ?? {};
            for (const key of Object.keys(labels)) {
                const problem = reservedProblem(key);
                if (problem) {
                    report(`nodeGroup.labels["${key}"]`, `Label key ${show(key)} ${problem}: EKS refuses the group (a custom AMI passes ` +
                        "labels to kubelet, which refuses to start). Use a prefix of your own, e.g. example.com/role, or node.kubernetes.io/.");
                }
            }
        },
    },
    {
        id: "ng-labels",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.labels"],
        summary: "A label key or value EKS or Kubernetes rejects (1–63 characters, Kubernetes label syntax).",
        check(s, report) {
            const labels = s.nodeGroup.labels;
            if (!isSet(labels) || isUnknown(labels)) return;
            const map = obj(labels);
            if (map === undefined) {
                report("nodeGroup.labels", "labels must be a map of label keys to string values.");
                return;
            }
            for (const [key, value] of Object.entries(map)) {
                const kp = keyProblem(key);
                if (kp) report(`nodeGroup.labels["${key}"]`, `Label key ${show(key)} ${kp}.`);
                if (isUnknown(value)) continue;
                const v = str(value);
                const vp = v === undefined ? "must be a string" : valueProblem(v, false);
                if (vp) report(`nodeGroup.labels["${key}"]`, `Label value ${show(value)} of ${show(key)} ${vp}.`);
            }
        },
    },
    {
        id: "ng-taints",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.taints[].key", "nodeGroup.taints[].value", "nodeGroup.taints[].effect"],
        summary: "More than 50 taints, or a taint whose key, value or effect EKS rejects.",
        check(s, report) {
            const taints = s.nodeGroup.taints;
            if (!isSet(taints) || isUnknown(taints)) return;
            const list = arr(taints);
            if (list === undefined) {
                report("nodeGroup.taints", "taints must be a list of {key, value, effect}.");
                return;
            }
            if (list.length > MAX_TAINTS) {
                report("nodeGroup.taints", `${list.length} taints given; EKS allows at most ${MAX_TAINTS} per node group.`);
            }
            list.forEach((t, i) => {
                if (isUnknown(t)) return;
                const taint = obj(t);
                if (taint === undefined) {
                    report(`nodeGroup.taints[${i}]`, "A taint must be an object {key, value, effect}.");
                    return;
                }
                const key = taint.key;
                if (!isUnknown(key)) {
                    const k = str(key);
                    const kp = k === undefined ? "is required and must be a string" : keyProblem(k);
                    if (kp) report(`nodeGroup.taints[${i}].key`, `Taint key ${show(key)} ${kp}.`);
                }
                if (isSet(taint.value) && !isUnknown(taint.value)) {
                    const v = str(taint.value);
                    const vp = v === undefined ? "must be a string" : valueProblem(v, true);
                    if (vp) report(`nodeGroup.taints[${i}].value`, `Taint value ${show(taint.value)} ${vp}.`);
                }
                if (!isSet(taint.effect)) {
                    report(`nodeGroup.taints[${i}].effect`, `The taint needs an effect: ${TAINT_EFFECTS.join(", ")}.`);
                } else if (!isUnknown(taint.effect) && !TAINT_EFFECTS.includes(str(taint.effect) ?? "")) {
                    report(`nodeGroup.taints[${i}].effect`,
                        `Taint effect ${show(taint.effect)} is not one EKS accepts: ${meantValue(taint.effect, TAINT_EFFECTS) ??
                        `use ${TAINT_EFFECTS.join(", ")}.`} (The EKS API spells them in upper case, unlike Kubernetes.)`);
                }
            });
        },
    },
];
