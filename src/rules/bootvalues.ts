// Every value the component writes into boot code must match a strict grammar
// (src/facts/grammar.ts), or it could change what a node runs as root. One rule per kind of value.
import {
    certificateAuthorityProblem, clusterNameProblem, endpointProblem, instanceTypeProblem, isCidr, kubeletFlagProblem,
    MAX_NODE_GROUP_INSTANCE_TYPES, maxPodsExpressionProblem, maxPodsProblem, parseCidr, settingKeyProblem, settingTextProblem,
} from "../facts/grammar";
import { familyProfile, Rule, Subject } from "./rule";
import { arr, isSet, isUnknown, obj, show } from "../base/values";

type Report = (path: string, message: string) => void;

/** The cluster's value at `key`, when the value is known. */
function clusterValue(s: Subject, key: string): unknown {
    const cluster = s.component?.cluster;
    if (cluster === undefined || isUnknown(cluster)) return undefined;
    const v = cluster[key];
    return isSet(v) && !isUnknown(v) ? v : undefined;
}

function clusterStringRule(id: string, key: string, summary: string, problemOf: (text: string) => string | undefined, example: string): Rule {
    return {
        id, severity: "error", summary,
        doors: ["component"],
        paths: [`cluster.${key}`],
        check(s, report) {
            const v = clusterValue(s, key);
            if (v === undefined) return;
            const problem = typeof v === "string" ? problemOf(v) : "is not a string";
            if (problem) report(`cluster.${key}`, `cluster.${key} ${show(v)} ${problem}. ${example}`);
        },
    };
}

/** Checks typed settings recursively: keys by the setting-name grammar, strings without control characters. */
function checkSettings(value: unknown, path: string, toml: boolean, report: Report, depth = 0): void {
    if (isUnknown(value) || value === undefined || value === null) return;
    if (depth > 16) {
        report(path, `${path} is nested more than 16 levels deep.`);
        return;
    }
    if (typeof value === "string") {
        const p = settingTextProblem(value, toml);
        if (p) report(path, `${path} ${p}.`);
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((e, i) => checkSettings(e, `${path}[${i}]`, toml, report, depth + 1));
        return;
    }
    if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            const p = settingKeyProblem(key);
            if (p) report(path, `The key ${show(key)} in ${path} ${p}.`);
            else checkSettings((value as Record<string, unknown>)[key], `${path}.${key}`, toml, report, depth + 1);
        }
    }
}

export const bootValueRules: Rule[] = [
    clusterStringRule("cluster-endpoint", "endpoint",
        "The cluster endpoint is not https://HOST[:PORT]: it is written into the bootstrap, and anything more could change what nodes run.",
        endpointProblem, "Use the cluster's endpoint as aws.eks.Cluster gives it, e.g. https://ABCD.gr7.us-east-1.eks.amazonaws.com."),
    clusterStringRule("cluster-certificate-authority", "certificateAuthority",
        "The cluster CA is not one line of base64 of PEM certificates (aws.eks.Cluster certificateAuthority.data).",
        certificateAuthorityProblem, "Give aws.eks.Cluster's certificateAuthority.data: the PEM certificate, base64-encoded, on one line."),
    clusterStringRule("cluster-name", "name",
        "The cluster name breaks EKS's rule (1–100 characters, a letter or digit first, then letters, digits, - and _).",
        clusterNameProblem, "Use the cluster's name as EKS has it."),
    {
        id: "cluster-service-cidr",
        doors: ["component"],
        severity: "error",
        paths: ["cluster.serviceIpv4Cidr", "cluster.serviceIpv6Cidr"],
        summary: "A service CIDR not in canonical form (no leading zeros or short forms, no zone, host bits zero), of the wrong family, or too small for the DNS address.",
        check(s, report) {
            for (const key of ["serviceIpv4Cidr", "serviceIpv6Cidr"]) {
                const v = clusterValue(s, key);
                if (v === undefined) continue;
                const wantV6 = key === "serviceIpv6Cidr";
                const example = wantV6 ? "fd30:1c53:5f8a::/108" : "10.100.0.0/16";
                const parsed = typeof v === "string" ? parseCidr(v) : { problem: "is not a string" };
                if (!isCidr(parsed)) {
                    report(`cluster.${key}`, `cluster.${key} ${show(v)} ${parsed.problem}; write it as EKS gives it, e.g. ${example}.`);
                } else if ((parsed.address.kind() === "ipv6") !== wantV6) {
                    report(`cluster.${key}`, `cluster.${key} ${show(v)} is not an ${wantV6 ? "IPv6" : "IPv4"} CIDR (e.g. ${example}).`);
                } else if (parsed.prefix > parsed.address.toByteArray().length * 8 - 4) {
                    report(`cluster.${key}`, `cluster.${key} ${show(v)} is too small to hold the cluster DNS address (its .10).`);
                }
            }
        },
    },
    {
        id: "userdata-kubelet-flags",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData.kubeletExtraArgs[]"],
        summary: "A kubelet flag that is not --name[=value] in a safe character set (no whitespace, quotes, backslashes, shell or control characters).",
        check(s, report) {
            const list = arr(s.component?.kubelet?.extraArgs);
            if (list === undefined) return;
            // Unknown family, or one that takes no flags (kubelet-settings refuses them there): only the flag grammar.
            const percentAllowed = familyProfile(s)?.kubeletFlags?.percent ?? true;
            list.forEach((flag, i) => {
                if (isUnknown(flag)) return;
                const problem = typeof flag === "string" ? kubeletFlagProblem(flag, percentAllowed) : "is not a string";
                if (problem) {
                    report(`launchTemplate.userData.kubeletExtraArgs[${i}]`, `The kubelet flag ${show(flag)} ${problem}. ` +
                        "Give one flag per element, e.g. \"--image-gc-high-threshold=80\".");
                }
            });
        },
    },
    {
        id: "userdata-max-pods",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData.maxPods", "launchTemplate.userData.maxPodsExpression"],
        summary: "maxPods that is not a whole number kubelet can read (1 to 2^31−1), a maxPodsExpression nodeadm would drop for its ENI formula (CEL that does not compile, a result that is not an int, or fails on every instance type), or both at once.",
        check(s, report) {
            const v = s.component?.kubelet?.maxPods;
            const expression = s.component?.kubelet?.maxPodsExpression;
            if (isSet(v) && !isUnknown(v)) {
                const problem = maxPodsProblem(v);
                if (problem) report("launchTemplate.userData.maxPods", `maxPods ${problem}, got ${show(v)}.`);
            }
            if (isSet(expression) && !isUnknown(expression)) {
                const problem = typeof expression === "string" ? maxPodsExpressionProblem(expression) : "is not a string";
                if (problem) report("launchTemplate.userData.maxPodsExpression", `maxPodsExpression ${show(expression)} ${problem}.`);
            }
            if (isSet(v) && isSet(expression)) {
                report("launchTemplate.userData.maxPodsExpression", "maxPods and maxPodsExpression are both set; nodeadm would take " +
                    "one and drop the other. Keep one: a number in maxPods, or the expression nodeadm evaluates on the node.");
            }
        },
    },
    {
        id: "instance-type-name",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.instanceTypes[]", "launchTemplate.instanceType"],
        summary: "An instance type that is not an EC2 instance type name (FAMILY.SIZE, e.g. m6i.large).",
        check(s, report) {
            const check = (path: string, v: unknown) => {
                if (!isSet(v) || isUnknown(v)) return;
                const problem = typeof v === "string" ? instanceTypeProblem(v) : "is not a string";
                if (problem) report(path, `Instance type ${show(v)} ${problem}.`);
            };
            // ng-instance-types-count reports lists over EKS's limit; their names are not read one by one.
            const list = arr(s.nodeGroup.instanceTypes);
            if (list !== undefined && list.length <= MAX_NODE_GROUP_INSTANCE_TYPES) list.forEach((t, i) => check(`nodeGroup.instanceTypes[${i}]`, t));
            check("launchTemplate.instanceType", s.launchTemplate.instanceType);
        },
    },
    {
        id: "userdata-typed-settings",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData.nodeConfig", "launchTemplate.userData.bottlerocketSettings"],
        summary: "Typed NodeConfig or Bottlerocket settings with keys that are not setting names, or strings holding control characters (or, for TOML, quotes).",
        check(s, report) {
            const nodeConfig = obj(s.component?.kubelet?.nodeConfig);
            if (nodeConfig !== undefined) {
                for (const key of ["kubeletConfig", "featureGates"]) {
                    checkSettings(nodeConfig[key], `launchTemplate.userData.nodeConfig.${key}`, false, report);
                }
                const containerd = nodeConfig.containerdConfig;
                if (typeof containerd === "string") {
                    const p = settingTextProblem(containerd.replace(/\r?\n|\t/g, " "), false);
                    if (p) report("launchTemplate.userData.nodeConfig.containerdConfig", `launchTemplate.userData.nodeConfig.containerdConfig ${p}.`);
                }
            }
            checkSettings(s.component?.kubelet?.bottlerocketSettings, "launchTemplate.userData.bottlerocketSettings", true, report);
        },
    },
];

