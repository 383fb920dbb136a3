// Choosing the AMI, and what a custom AMI needs so that its nodes join.
import { amiTypeFor, chooseSelection, DEFAULT_SELECTION, familyOfAmiType, KNOWN_AMI_TYPES } from "../facts/amitype";
import { enumValue } from "../facts/grammar";
import { groupInstanceTypes } from "../facts/instancetypes";
import { AcceleratorVariant, CpuArchitecture, IpFamily, OsFamily, PodNetwork, WindowsVariant } from "../args";
import { profileOf } from "../userdata";
import { meantOrStop, meantValue } from "../base/suggestions";
import { familyProfile, Rule, Subject } from "./rule";
import { isSet, isUnknown, show, str } from "../base/values";


/** The user data that reaches the node: what the component renders, or the template's own. */
function effectiveUserData(s: Subject): unknown {
    return s.component?.renderedUserData ?? s.launchTemplate.userData;
}

export const amiRules: Rule[] = [
    {
        id: "ami-selection",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.amiType", "osFamily", "architecture", "accelerator", "windowsVariant"],
        summary: "An amiType EKS does not know, or an OS family/architecture/accelerator combination with no EKS AMI.",
        check(s, report) {
            const amiType = s.nodeGroup.amiType;
            if (isSet(amiType) && !isUnknown(amiType) && !KNOWN_AMI_TYPES.includes(str(amiType) ?? "")) {
                report("nodeGroup.amiType", `amiType ${show(amiType)} is not an EKS AMI type; ${meantValue(amiType, KNOWN_AMI_TYPES) ?? `use one of ${KNOWN_AMI_TYPES.join(", ")}.`}`);
            }
            const sel = s.component?.amiSelection;
            if (sel === undefined) return;
            for (const [key, values] of [["osFamily", OsFamily], ["architecture", CpuArchitecture], ["accelerator", AcceleratorVariant], ["windowsVariant", WindowsVariant]] as const) {
                const v = sel[key];
                if (isSet(v) && !isUnknown(v) && enumValue(values as Record<string, string>, v) === undefined) {
                    report(key, `${key} ${show(v)} is not one of ${Object.values(values).join(", ")}${meantOrStop(v, Object.values(values))}`);
                }
            }
            const family = enumValue(OsFamily, sel.osFamily);
            const explicit = str(amiType);
            if (explicit !== undefined && family !== undefined && familyOfAmiType(explicit) !== undefined && familyOfAmiType(explicit) !== family) {
                report("nodeGroup.amiType", `amiType ${show(explicit)} is not an ${family} AMI; remove amiType or osFamily.`);
            }
            if (explicit !== undefined || isSet(s.launchTemplate.imageId)) return;
            // The combination is checked once every part of it is known (at deploy time).
            if ([sel.osFamily, sel.architecture, sel.accelerator, sel.windowsVariant].some(isUnknown)) return;
            const result = amiTypeFor(chooseSelection({ ...sel, family: family ?? DEFAULT_SELECTION.family }, groupInstanceTypes(s.launchTemplate, s.nodeGroup)));
            if ("problem" in result) report("architecture", `No EKS-optimized AMI matches: ${result.problem}.`);
        },
    },
    {
        id: "custom-ami-os-family",
        severity: "error",
        paths: ["osFamily", "launchTemplate.imageId", "launchTemplate.userData"],
        summary: "A custom AMI whose OS family is not stated: the wrong user-data format keeps nodes from joining.",
        check(s, report) {
            if (!isSet(s.launchTemplate.imageId)) return;
            if (s.osFamilyStated === false) {
                report("osFamily", "A custom AMI (launchTemplate.imageId) needs osFamily: the component writes that family's " +
                    "full bootstrap, and the wrong format means nodes never join. State osFamily (AmazonLinux2, " +
                    "AmazonLinux2023, Bottlerocket or Windows).");
            } else if (s.osFamilyStated === undefined && s.osFamily === undefined && !isUnknown(effectiveUserData(s))) {
                report("launchTemplate.userData", "The template names a custom AMI, but its user data is in no recognizable " +
                    "OS family format (MIME with bootstrap.sh or NodeConfig, Bottlerocket TOML, <powershell>), so nodes " +
                    "cannot bootstrap. Write the family's full bootstrap.");
            }
        },
    },
    {
        id: "custom-ami-cluster-facts",
        doors: ["component"],
        severity: "error",
        paths: ["cluster.endpoint", "cluster.certificateAuthority", "cluster.serviceIpv4Cidr", "cluster.serviceIpv6Cidr"],
        summary: "A custom AMI without the cluster endpoint, CA or service CIDR to write into the bootstrap (their form: cluster-endpoint, cluster-certificate-authority, cluster-service-cidr).",
        check(s, report) {
            const cluster = s.component?.cluster;
            if (cluster === undefined || isUnknown(cluster)) return;
            // The user's own bootstrap call carries them (custom-ami-bootstrap-owner checks it does).
            if (s.bootstrapByUser !== false && s.bootstrapByUser !== undefined && familyProfile(s)?.bootstrap === "script") return;
            const customAmi = isSet(s.launchTemplate.imageId);
            const ipv6 = cluster.ipFamily === IpFamily.Ipv6;
            const cidrKey = ipv6 ? "serviceIpv6Cidr" : "serviceIpv4Cidr";
            const required = ["endpoint", "certificateAuthority", cidrKey];
            for (const key of required) {
                const v = cluster[key];
                if (customAmi && !isSet(v)) {
                    report(`cluster.${key}`, `A custom AMI needs cluster.${key}: EKS merges no bootstrap into a custom AMI's user ` +
                        "data, so the component writes it, with endpoint, CA and service CIDR, and nodes never call DescribeCluster. " +
                        "Give it (fromEksCluster(cluster) fills it from an aws.eks.Cluster).");
                }
            }
        },
    },
    {
        id: "custom-ami-bootstrap",
        severity: "error",
        paths: ["launchTemplate.userData", "launchTemplate.imageId"],
        summary: "A custom AMI whose user data does not bootstrap the node (Amazon Linux 2: no bootstrap.sh call; the others: without endpoint and CA): EKS merges nothing, nodes never join.",
        check(s, report) {
            if (!isSet(s.launchTemplate.imageId) || s.osFamily === undefined) return;
            // Where the door writes the bootstrap itself (the component), only its finished rendering counts.
            const userData = s.component !== undefined ? s.component.renderedUserData : s.launchTemplate.userData;
            if (isUnknown(userData) || (s.component !== undefined && userData === undefined)) return;
            const { markers, needs } = profileOf(s.osFamily).joins;
            const text = str(userData) ?? "";
            if (!markers.every((m) => m.test(text))) {
                report("launchTemplate.userData", `The template names a custom AMI, so EKS adds no bootstrap; the ${s.osFamily} user ` +
                    `data must contain ${needs}, or nodes never join.`);
            }
        },
    },
    {
        id: "custom-ami-max-pods",
        doors: ["component"],
        severity: "error",
        paths: ["launchTemplate.userData.maxPods", "launchTemplate.userData.podNetwork", "instanceTypes"],
        summary: "A custom AMI without maxPods where it cannot be computed: a custom CNI (its own limit), or an instance type neither the table nor EC2 gives network limits for.",
        check(s, report) {
            const kubelet = s.component?.kubelet ?? {};
            if (isSet(s.launchTemplate.imageId) && kubelet.podNetwork === PodNetwork.CustomCni && !isSet(kubelet.maxPods)
                && !isSet(kubelet.maxPodsExpression) && familyProfile(s)?.bootstrapComputesMaxPods !== true) {
                report("launchTemplate.userData.maxPods", "With a custom CNI (podNetwork CustomCni) the CNI, not the VPC's ENIs, decides how " +
                    "many Pods a node can hold, and the custom AMI's bootstrap needs that number: set launchTemplate.userData.maxPods " +
                    "to your CNI's limit (Cilium and Calico commonly use 110).");
            }
            const missing = s.component?.maxPodsLookupProblems ?? [];
            if (missing.length === 0) return;
            report("launchTemplate.userData.maxPods", `EC2 knows no instance type ${missing.map((t) => show(t)).join(", ")}, so max-pods ` +
                "for the custom AMI's bootstrap cannot be computed. Fix the instance type, or set launchTemplate.userData.maxPods.");
        },
    },
    {
        id: "windows-access-entry",
        severity: "warning",
        paths: ["osFamily", "launchTemplate.imageId"],
        summary: "Windows nodes from a custom AMI need an EC2_WINDOWS access entry (or eks:kube-proxy-windows in aws-auth) for their role.",
        check(s, report) {
            if (familyProfile(s)?.accessEntryType === "EC2_WINDOWS" && isSet(s.launchTemplate.imageId) && s.component?.windowsAccessEntry !== true) {
                report("launchTemplate.imageId", "Windows nodes from a custom AMI join only if the node role has an EKS access " +
                    "entry of type EC2_WINDOWS (or the group eks:kube-proxy-windows in aws-auth). Set createWindowsAccessEntry " +
                    "to have the component create it, or create it yourself for nodeRoleArn.");
            }
        },
    },
];

