// Limits of the EKS API on node group labels and taints (CreateNodegroup), and Kubernetes syntax.
import { Rule } from "./rule";
import { arr, isSet, isUnknown, obj, show, str } from "./values";

const MAX_LENGTH = 63;
const MAX_TAINTS = 50;
const TAINT_EFFECTS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"];
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

export const labelRules: Rule[] = [
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
                        `Taint effect ${show(taint.effect)} is not one EKS accepts: use ${TAINT_EFFECTS.join(", ")}` +
                        " (the EKS API spells them in upper case, unlike Kubernetes).");
                }
            });
        },
    },
];
