// Windows: PowerShell inside one <powershell> block. The user's script runs first; with an EKS
// AMI, EKS appends its bootstrap, with a custom AMI our call to Start-EKSBootstrap.ps1 ends the block.
import { OsFamily } from "../args";
import { ensure } from "../facts/grammar";
import { Bootstrapper, checkedForBootCode, kubeletFlags, RenderRequest } from "./bootstrapper";
import { DEFAULT_SERVICE_IPV4_CIDR } from "./clusterdns";
import { extraArgsOwnership, KUBELET_FLAGS_OWNED } from "./owners";

/** What the component owns among what the family reads (the profile's owns; its ownership checks these). */
const OWNS = { kubeletFlags: KUBELET_FLAGS_OWNED };

/** The characters PowerShell's lexer ends a single-quoted string at: ' and U+2018, U+2019, U+201A, U+201B. */
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * A PowerShell single-quoted string. Values are grammar-checked first (checkedForBootCode); here,
 * as the second wall, anything but printable ASCII is refused (a BOM-less script read as
 * Windows-1252 turns UTF-8 bytes into quote characters), and every quote character is doubled.
 */
export function psQuote(value: string): string {
    ensure(/^[\x20-\x7e]*$/.test(value) ? undefined : "holds a character that is not printable ASCII", "a PowerShell string");
    return `'${value.replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
}

/** The user's script without <powershell> tags, if they wrote them. */
function userScript(content: string | undefined): string {
    return (content ?? "").replace(/<\/?powershell>/gi, "").trim();
}

export function bootstrapCommand(request: RenderRequest): string {
    checkedForBootCode(request, true);
    const { cluster, node } = request;
    const args = [
        "-EKSClusterName", psQuote(cluster.name),
        "-Base64ClusterCA", psQuote(cluster.certificateAuthority ?? ""),
        "-APIServerEndpoint", psQuote(cluster.endpoint ?? ""),
        "-DNSClusterIP", psQuote(cluster.dnsClusterIp ?? ""),
    ];
    if (cluster.serviceCidr !== undefined && cluster.serviceCidr !== DEFAULT_SERVICE_IPV4_CIDR) {
        args.push("-ServiceCIDR", psQuote(cluster.serviceCidr));
    }
    const kubeletArgs = [...kubeletFlags(node), ...node.kubeletExtraArgs];
    if (node.maxPods !== undefined) kubeletArgs.push(`--max-pods=${node.maxPods}`);
    if (kubeletArgs.length > 0) args.push("-KubeletExtraArgs", psQuote(kubeletArgs.join(" ")));
    return [
        `[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1"`,
        `& $EKSBootstrapScriptFile ${args.join(" ")} 3>&1 4>&1 5>&1 6>&1`,
    ].join("\n");
}

export const windows: Bootstrapper = {
    family: OsFamily.Windows,
    profile: {
        rootDevice: "/dev/sda1", defaultRootGiB: 50, bootstrap: "script", shell: "powershell",
        kubeletFlags: { percent: true }, owns: OWNS, maxPodsExpression: false, bootstrapComputesMaxPods: true, warmPool: { hibernated: true, reuseOnScaleIn: true }, refusedInstanceClasses: ["c3", "c4", "d2", "i2", "m4", "r3"], ipv6: false, accessEntryType: "EC2_WINDOWS",
        joins: { markers: [/Start-EKSBootstrap\.ps1/i, /-APIServerEndpoint/i, /-Base64ClusterCA/i],
            needs: "a call to Start-EKSBootstrap.ps1 with -APIServerEndpoint and -Base64ClusterCA" },
    },

    ownership: (given) => extraArgsOwnership(given, OWNS.kubeletFlags),

    inspect(content, customAmi, userWritesBootstrap) {
        const calls = /Start-EKSBootstrap\.ps1/i.test(content);
        if (!customAmi) {
            return calls ? [{ kind: "eksBootstrapCalled", message:
                "The user data calls Start-EKSBootstrap.ps1; with an EKS-optimized AMI, EKS appends its own call. Remove it." }] : [];
        }
        if (!userWritesBootstrap) {
            return calls ? [{ kind: "bootstrapOwner", message: "The user data calls Start-EKSBootstrap.ps1, and the " +
                "component writes its own call for the custom AMI: the node would bootstrap twice. Remove your call, or set " +
                "userData.bootstrap User to keep it." }] : [];
        }
        if (!calls) {
            return [{ kind: "bootstrapOwner", message: "The custom AMI's user data calls no Start-EKSBootstrap.ps1, and " +
                "userData.bootstrap User says it would: nodes never join. Call it, or leave bootstrap unset." }];
        }
        const missing = ["-APIServerEndpoint", "-Base64ClusterCA", "-DNSClusterIP"].filter((p) => !new RegExp(`${p}\\b`, "i").test(content));
        return missing.length === 0 ? [] : [{ kind: "bootstrapOwner", message: `The Start-EKSBootstrap.ps1 call passes no ` +
            `${missing.join(", ")}; pass the cluster's endpoint, CA and DNS IP.` }];
    },

    render(request) {
        const script = userScript(request.userContent);
        const ours = request.customAmi && !request.userWritesBootstrap ? bootstrapCommand(request) : "";
        const body = [script, ours, userScript(request.afterBootstrap)].filter((s) => s !== "");
        return body.length === 0 ? undefined : ["<powershell>", ...body, "</powershell>", ""].join("\n");
    },
};
