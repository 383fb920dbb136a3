// Whether the AMI type and the instance types fit — one architecture per group and the
// AMI's, GPU and Neuron drivers, the instance classes and IP family Windows runs on, the Kubernetes
// versions Amazon Linux 2 AMIs exist for, and CUSTOM only with an AMI in the template.
import { architectureOfAmiType, familyOfAmiType } from "../facts/amitype";
import { OsFamily } from "../args";
import { groupInstanceTypes, InstanceTypeFacts, tableFacts } from "../facts/instancetypes";
import { kubernetesMinor } from "../facts/grammar";
import { profileOf } from "../userdata";
import { Rule, Subject } from "./rule";
import { isSet, isUnknown, show, str } from "../base/values";

/** The last Kubernetes minor version with Amazon Linux 2 EKS AMIs. */
const LAST_AL2_MINOR = 32;

/** The group's instance types that are in the table, with the path they were given at. */
function knownTypes(s: Subject): { path: string; types: { type: string; facts: InstanceTypeFacts }[] } | undefined {
    const types = groupInstanceTypes(s.launchTemplate, s.nodeGroup);
    if (isUnknown(types)) return undefined;
    const path = isSet(s.launchTemplate.instanceType) ? "launchTemplate.instanceType" : "instanceTypes";
    return { path, types: tableFacts(types) };
}

/** The amiType EKS will use, when known and the group is on an EKS AMI. */
function eksAmiType(s: Subject): string | undefined {
    if (isSet(s.launchTemplate.imageId)) return undefined;
    return str(s.amiType ?? s.nodeGroup.amiType);
}

/** The families the nodes run: osFamily, and the EKS amiType's (a mismatch between the two is ami-selection's). */
function nodeFamilies(s: Subject): OsFamily[] {
    const amiType = eksAmiType(s);
    const families = [s.osFamily, amiType === undefined ? undefined : familyOfAmiType(amiType)].filter((f) => f !== undefined);
    return [...new Set(families)];
}

export const amiFitRules: Rule[] = [
    {
        id: "ami-instance-types",
        anyNodeGroup: true,
        severity: "error",
        paths: ["instanceTypes", "launchTemplate.instanceType", "nodeGroup.amiType", "architecture", "cluster.ipFamily"],
        summary: "Instance types of two architectures in one group, or of another architecture than the AMI type; Windows on instance classes or an IPv6 cluster it does not run on.",
        check(s, report) {
            const found = knownTypes(s);
            if (found === undefined) return;
            const { path, types } = found;
            const byArch = new Map<string, string[]>();
            for (const { type, facts } of types) if (facts.arch) byArch.set(facts.arch, [...(byArch.get(facts.arch) ?? []), type]);
            if (byArch.size > 1) {
                report(path, `One node group runs one CPU architecture, and these types mix ${[...byArch].map(([a, t]) => `${a} (${t.join(", ")})`).join(" and ")}. ` +
                    "Split them into one node group per architecture.");
            } else {
                const amiType = eksAmiType(s);
                const amiArch = amiType && architectureOfAmiType(amiType);
                const [typesArch, listed] = [...byArch][0] ?? [];
                if (amiArch && typesArch && amiArch !== typesArch) {
                    report(path, `${listed!.join(", ")} ${listed!.length === 1 ? "is" : "are"} ${typesArch}, but amiType ${show(amiType)} is an ` +
                        `${amiArch} AMI: the instances do not boot. Set architecture ${typesArch === "arm64" ? "arm64" : "x86_64"} (or leave it ` +
                        "unset: the component infers it from the instance types), or pick instance types of the AMI's architecture.");
                }
            }
            for (const family of nodeFamilies(s)) {
                const { refusedInstanceClasses: refused, ipv6 } = profileOf(family);
                const unsupported = types.map((t) => t.type).filter((t) => refused.includes(t.split(".")[0]));
                if (unsupported.length > 0) {
                    report(path, `EKS ${family} AMIs do not run on the ${refused.join(", ")} classes (${unsupported.join(", ")}). ` +
                        "Use a current generation, e.g. m5 or m6i.");
                }
                if (!ipv6 && s.component?.cluster?.ipFamily === "ipv6") {
                    report("cluster.ipFamily", `${family} nodes do not support IPv6 clusters; they never become Ready. Run ${family} ` +
                        "workloads on an IPv4 cluster.");
                }
            }
        },
    },
    {
        id: "ami-accelerator",
        anyNodeGroup: true,
        severity: "warning",
        paths: ["instanceTypes", "launchTemplate.instanceType", "accelerator", "nodeGroup.amiType"],
        summary: "GPU or Neuron instance types (GPUs of a maker the instance table does not name too) on an EKS AMI without their drivers, or an NVIDIA or Neuron AMI type on instance types without that accelerator (EKS's accelerated-AMI page lists the types each variant is for).",
        check(s, report) {
            const amiType = eksAmiType(s);
            const found = amiType && knownTypes(s);
            if (!found || amiType === "CUSTOM") return;
            const nvidiaAmi = /NVIDIA|GPU/.test(amiType);
            const gpu = found.types.filter((t) => t.facts.nvidiaGpu).map((t) => t.type);
            // Types newer than eksctl's list: the autoscaler's table counts their GPUs but names no maker.
            const unnamed = found.types.filter((t) => t.facts.nvidiaGpu === undefined && (t.facts.gpus ?? 0) > 0).map((t) => t.type);
            if (gpu.length > 0 && !nvidiaAmi) {
                report(found.path, `${gpu.join(", ")} carry NVIDIA GPUs, but amiType ${show(amiType)} has no NVIDIA driver: Pods cannot use ` +
                    "the GPUs. Set accelerator Nvidia (or leave it unset: the component infers it), or an NVIDIA amiType.");
            } else if (unnamed.length > 0 && !nvidiaAmi) {
                report(found.path, `${unnamed.join(", ")} carry GPUs, but amiType ${show(amiType)} has no GPU driver: Pods cannot use them. ` +
                    "The instance table counts these GPUs without naming their maker, so the component does not infer the accelerator: " +
                    "for NVIDIA GPUs set accelerator Nvidia, or an NVIDIA amiType.");
            }
            // EKS's accelerated-AMI page (ml-eks-optimized-ami): the Neuron drivers are in AL2023's NEURON variant and in
            // Bottlerocket's standard x86_64 variant (aws-k8s), which lists inf1, inf2, trn1 and trn2.
            const neuron = found.types.filter((t) => t.facts.neuron).map((t) => t.type);
            if (neuron.length > 0 && !amiType.includes("NEURON") && !/^BOTTLEROCKET_x86_64(_FIPS)?$/.test(amiType)) {
                report(found.path, `${neuron.join(", ")} carry AWS Neuron devices, but amiType ${show(amiType)} has no Neuron driver. ` +
                    "Use osFamily AmazonLinux2023 with accelerator Neuron (AL2023_x86_64_NEURON), or osFamily Bottlerocket (its standard x86_64 AMI carries the Neuron driver).");
            }
            // The other way: an accelerated AMI on types the table knows have no such accelerator. Its drivers find no
            // device, and the group pays for the larger accelerated AMI for nothing; a table that names no GPU maker is no
            // proof either way (g7e before eksctl knew it), so only types the table knows lack the accelerator count.
            const neuronAmi = amiType.includes("NEURON");
            const want = neuronAmi ? "AWS Neuron devices" : nvidiaAmi ? "NVIDIA GPUs" : undefined;
            if (want === undefined) return;
            const without = found.types.filter(({ facts }) => neuronAmi ? facts.neuron === false
                : facts.nvidiaGpu === false || (facts.nvidiaGpu === undefined && facts.gpus === 0 && facts.neuron !== true)).map((t) => t.type);
            if (without.length > 0) {
                report(found.path, `amiType ${show(amiType)} carries drivers for ${want}, but ${without.join(", ")} ${without.length === 1 ? "has" : "have"} none ` +
                    "(EKS's accelerated-AMI page lists the instance types each variant is for): the drivers find no device. " +
                    `${s.component ? "Remove accelerator (the component infers it from the instance types)" : "Use the standard amiType of the family"}, ` +
                    `or pick instance types with ${want}.`);
            }
        },
    },
    {
        id: "ami-kubernetes-version",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.version", "nodeGroup.amiType", "osFamily"],
        summary: "An Amazon Linux 2 EKS AMI for a Kubernetes version after 1.32, for which none is published.",
        check(s, report) {
            const amiType = eksAmiType(s);
            const version = s.nodeGroup.version ?? s.component?.kubernetesVersion;
            if (!amiType?.startsWith("AL2_") || typeof version !== "string") return;
            const v = kubernetesMinor(version);
            if (v !== undefined && v[0] === 1 && v[1] > LAST_AL2_MINOR) {
                report(isSet(s.nodeGroup.version) ? "nodeGroup.version" : "osFamily", `EKS publishes Amazon Linux 2 AMIs up to Kubernetes ` +
                    `1.${LAST_AL2_MINOR}, and this group runs ${show(version)}: EKS refuses it. Use osFamily AmazonLinux2023 (or Bottlerocket).`);
            }
        },
    },
    {
        id: "ami-custom-image",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.amiType", "launchTemplate.imageId"],
        summary: "amiType CUSTOM without an AMI (imageId) in the launch template.",
        check(s, report) {
            if (s.nodeGroup.amiType === "CUSTOM" && !isSet(s.launchTemplate.imageId) && !isUnknown(s.launchTemplate.imageId)) {
                report("nodeGroup.amiType", "amiType CUSTOM means the launch template names the AMI, and it names none: EKS refuses the " +
                    "group. Set launchTemplate.imageId (the component then sends no amiType), or use an EKS AMI type.");
            }
        },
    },
];
