// Windows: PowerShell inside one <powershell> block. The user's script runs first; with an EKS
// AMI, EKS appends its bootstrap, with a custom AMI our call to Start-EKSBootstrap.ps1 ends the block.
import { OsFamily } from "../args";
import { Bootstrapper, kubeletFlags, RenderRequest } from "./bootstrapper";
import { DEFAULT_SERVICE_IPV4_CIDR } from "./clusterdns";

function psQuote(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

/** The user's script without <powershell> tags, if they wrote them. */
function userScript(content: string | undefined): string {
    return (content ?? "").replace(/<\/?powershell>/gi, "").trim();
}

export function bootstrapCommand(request: RenderRequest): string {
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

    inspect(content, customAmi) {
        if (!customAmi && /Start-EKSBootstrap\.ps1/i.test(content)) {
            return [{ ruleId: "userdata-windows-no-bootstrap", message:
                "The user data calls Start-EKSBootstrap.ps1; with an EKS-optimized AMI, EKS appends its own call. Remove it." }];
        }
        return [];
    },

    render(request) {
        const script = userScript(request.userContent);
        const body = [script, request.customAmi ? bootstrapCommand(request) : ""].filter((s) => s !== "");
        return body.length === 0 ? undefined : ["<powershell>", ...body, "</powershell>", ""].join("\n");
    },
};
