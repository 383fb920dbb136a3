// Amazon Linux 2: MIME multipart user data. With an EKS AMI, EKS appends its own part that runs
// /etc/eks/bootstrap.sh; with a custom AMI our last part runs it, with every cluster fact given.
import { OsFamily } from "../args";
import { Bootstrapper, checkedForBootCode, ContentProblem, kubeletFlags, RenderRequest } from "./bootstrapper";
import { effectiveType, isMimeDocument, MimeError, MimePart, shellPartProblem, sniffContentType, userParts, withParts, writeMime } from "./mime";
import { scriptEffects } from "./shellcalls";
import { extraArgsOwnership, KUBELET_FLAGS_OWNED } from "./owners";

/** What the component owns among what the family reads (the profile's owns; its ownership checks these). */
const OWNS = { kubeletFlags: KUBELET_FLAGS_OWNED };

/** Single-quoted for bash: the values are grammar-checked before (checkedForBootCode); this is the second wall. */
export function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** The call of bootstrap.sh with every cluster fact and kubelet setting. */
export function bootstrapCall(request: RenderRequest): string {
    // systemd reads the kubelet flags in the drop-in bootstrap.sh writes: no % there.
    checkedForBootCode(request, false);
    const { cluster, node } = request;
    const options: string[] = [
        `--b64-cluster-ca ${shellQuote(cluster.certificateAuthority ?? "")}`,
        `--apiserver-endpoint ${shellQuote(cluster.endpoint ?? "")}`,
        `--dns-cluster-ip ${shellQuote(cluster.dnsClusterIp ?? "")}`,
    ];
    if (cluster.ipFamily === "ipv6") options.push("--ip-family ipv6", `--service-ipv6-cidr ${shellQuote(cluster.serviceCidr ?? "")}`);
    const kubeletArgs = [...kubeletFlags(node), ...node.kubeletExtraArgs];
    if (node.maxPods !== undefined) {
        kubeletArgs.push(`--max-pods=${node.maxPods}`);
        options.push("--use-max-pods false");
    }
    if (kubeletArgs.length > 0) options.push(`--kubelet-extra-args ${shellQuote(kubeletArgs.join(" "))}`);
    return [`/etc/eks/bootstrap.sh ${shellQuote(cluster.name)}`, ...options].join(" \\\n  ");
}

/** The bootstrap as a script of its own. */
export function bootstrapScript(request: RenderRequest): string {
    return ["#!/bin/bash", "set -o errexit -o pipefail -o nounset", bootstrapCall(request), ""].join("\n");
}

export const amazonLinux2: Bootstrapper = {
    family: OsFamily.AmazonLinux2,
    profile: {
        rootDevice: "/dev/xvda", defaultRootGiB: 20, bootstrap: "script", shell: "bash",
        kubeletFlags: { percent: false }, owns: OWNS, maxPodsExpression: false, bootstrapComputesMaxPods: false, warmPool: { hibernated: true, reuseOnScaleIn: true }, refusedInstanceClasses: [], ipv6: true, accessEntryType: "EC2_LINUX",
        // Without --apiserver-endpoint and --b64-cluster-ca bootstrap.sh asks DescribeCluster: it joins (custom-ami-bootstrap-describe-cluster warns).
        joins: { markers: [/\/etc\/eks\/bootstrap\.sh/], needs: "a call to /etc/eks/bootstrap.sh" },
    },

    ownership: (given) => extraArgsOwnership(given, OWNS.kubeletFlags),

    inspect(content, customAmi, userWritesBootstrap) {
        let parts: MimePart[];
        try {
            parts = userParts(content);
        } catch (e) {
            if (!(e instanceof MimeError)) throw e;
            return [{ kind: "unreadable", message: `The Amazon Linux 2 user data is not a MIME document cloud-init and EKS can read: ${e.message}.` }];
        }
        return [...problemsOf(parts, customAmi), ...(customAmi ? bootstrapOwnerProblems(parts, userWritesBootstrap === true) : [])];
    },

    render(request) {
        const after = request.afterBootstrap !== undefined ? [{ contentType: "text/x-shellscript", content: request.afterBootstrap }] : [];
        if (!request.customAmi || request.userWritesBootstrap) return withParts(request.userContent, sniffContentType, [], after);
        const content = request.userContent;
        // A plain shell script and the bootstrap run as one script, as terraform-aws-eks renders them: what the
        // script exports reaches bootstrap.sh (cloud-init runs each part in a process of its own).
        if (content !== undefined && !isMimeDocument(content) && sniffContentType(content) === "text/x-shellscript") {
            const joined = `${content.replace(/\n*$/, "\n")}\n# The node's bootstrap (eks-nodegroup)\n${bootstrapCall(request)}\n`;
            return writeMime([{ contentType: "text/x-shellscript", content: joined }, ...after]);
        }
        return withParts(content, sniffContentType, [], [{ contentType: "text/x-shellscript", content: bootstrapScript(request) }, ...after]);
    },
};

/**
 * Custom AMI: the bootstrap runs once — the component's call, or the user's. bootstrap.sh (amazon-eks-ami's
 * templates/al2/runtime/bootstrap.sh) calls DescribeCluster when --apiserver-endpoint or --b64-cluster-ca is
 * missing and then takes the service CIDR from it too; given both, it takes the DNS IP from --dns-cluster-ip,
 * --service-ipv4-cidr or SERVICE_IPV4_CIDR, and otherwise guesses 10.100.0.10 or 172.20.0.10 from the VPC's range.
 */
function bootstrapOwnerProblems(parts: MimePart[], userWritesBootstrap: boolean): ContentProblem[] {
    const calls = parts.filter((p) => effectiveType(p) === "text/x-shellscript").map((p) => scriptEffects(p.content));
    if (!userWritesBootstrap) {
        return calls.some((c) => c.callsBootstrap) ? [{ kind: "bootstrapOwner", message:
            "The user data runs /etc/eks/bootstrap.sh, and the component writes its own call for the custom AMI: the node would " +
            "bootstrap twice and fail to join. Remove your call, or set userData.bootstrap User to keep it (the component then writes none)." }] : [];
    }
    const found = calls.flatMap((c) => c.bootstrapCalls);
    if (!calls.some((c) => c.callsBootstrap)) {
        return [{ kind: "bootstrapOwner", message: "The custom AMI's user data runs no /etc/eks/bootstrap.sh, and " +
            "userData.bootstrap User says it would: nodes never join. Call it, or leave bootstrap unset for the component to write it." }];
    }
    if (found.length === 0) return []; // the script did not parse: custom-ami-bootstrap reads the text
    const passes = (flag: string) => found.some((args) => args.some((a) => a === flag || a?.startsWith(`${flag}=`)));
    const describes = ["--apiserver-endpoint", "--b64-cluster-ca"].filter((flag) => !passes(flag));
    if (describes.length > 0) {
        return [{ kind: "describesCluster", message: `The bootstrap.sh call passes no ${describes.join(" or ")}, ` +
            "so every node calls DescribeCluster at boot: the node role needs eks:DescribeCluster, each boot waits on the EKS API, " +
            "and a large scale-up can be throttled. Pass the cluster's endpoint, CA and DNS IP to skip it." }];
    }
    // terraform-aws-eks exports SERVICE_IPV4_CIDR for bootstrap.sh to derive the DNS IP from.
    const dnsFromCidr = parts.some((p) => effectiveType(p) === "text/x-shellscript" && /(^|[\s;])(export\s+)?SERVICE_IPV4_CIDR=/m.test(p.content))
        || passes("--service-ipv4-cidr") || passes("--service-ipv6-cidr");
    return passes("--dns-cluster-ip") || dnsFromCidr ? [] : [{ kind: "bootstrapOwner", message: "The bootstrap.sh call " +
        "passes the endpoint and CA but no --dns-cluster-ip, --service-ipv4-cidr or SERVICE_IPV4_CIDR: bootstrap.sh then guesses " +
        "10.100.0.10 or 172.20.0.10 from the VPC's range, and pods resolve nothing when the cluster's service CIDR is another. " +
        "Pass --dns-cluster-ip (the service CIDR's .10)." }];
}

function problemsOf(parts: MimePart[], customAmi: boolean): ContentProblem[] {
    const problems: ContentProblem[] = [];
    for (const part of parts) {
        const shell = shellPartProblem(part);
        if (shell) problems.push({ kind: "unreadable", message: `cloud-init would not run this user data: ${shell}.` });
        if (part.headers === undefined && effectiveType(part) === "text/plain") {
            problems.push({ kind: "unreadable", message: "cloud-init runs nothing of this user data: it is not MIME and starts with " +
                "neither #! (a script) nor #cloud-config. Start a script with #!/bin/bash." });
        }
    }
    if (!customAmi) {
        // Only shell parts run commands; a cloud-config's runcmd runs after the bootstrap part EKS appends.
        for (const part of parts.filter((p) => effectiveType(p) === "text/x-shellscript")) {
            const effects = scriptEffects(part.content);
            if (effects.callsBootstrap) {
                problems.push({ kind: "eksBootstrapCalled", message:
                    "The user data runs /etc/eks/bootstrap.sh; with an EKS-optimized AMI, EKS appends its own call, and a " +
                    "second one breaks the node. Remove the call; give labels and taints on the node group." });
            } else if (effects.startsKubelet) {
                problems.push({ kind: "eksBootstrapCalled", message:
                    "The user data starts kubelet; with an EKS-optimized AMI, EKS's bootstrap starts it once configured, and " +
                    "a kubelet started before that cannot join. Remove it, or use a custom AMI (launchTemplate.imageId)." });
            }
            if (effects.editsKubeletConfig) {
                problems.push({ kind: "kubeletEdited", message:
                    "The user data edits kubelet's configuration before EKS's bootstrap runs; bootstrap.sh writes parts of it " +
                    "again (max-pods, cluster DNS, reserved resources), so such edits can be lost. Prefer bootstrap.sh's own " +
                    "switches (with a custom AMI: userData.kubeletExtraArgs), or edit only what bootstrap.sh leaves alone." });
            }
        }
    }
    return problems;
}
