// Amazon Linux 2: MIME multipart user data. With an EKS AMI, EKS appends its own part that runs
// /etc/eks/bootstrap.sh; with a custom AMI our last part runs it, with every cluster fact given.
import { OsFamily } from "../args";
import { Bootstrapper, checkedForBootCode, ContentProblem, kubeletFlags, RenderRequest } from "./bootstrapper";
import { effectiveType, MimeError, MimePart, shellPartProblem, sniffContentType, userParts, withParts } from "./mime";

const BOOTSTRAP_CALL = /\/etc\/eks\/bootstrap\.sh|\bbootstrap\.sh\b/;
const KUBELET_TOUCH = /systemctl\s+(start|restart|enable|stop)\s+kubelet|\/etc\/kubernetes\/kubelet|kubelet-config\.json|\/etc\/systemd\/system\/kubelet/;

/** Single-quoted for bash: the values are grammar-checked before (checkedForBootCode); this is the second wall. */
export function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'"'"'`)}'`;
}

export function bootstrapScript(request: RenderRequest): string {
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
    const call = [`/etc/eks/bootstrap.sh ${shellQuote(cluster.name)}`, ...options].join(" \\\n  ");
    return ["#!/bin/bash", "set -o errexit -o pipefail -o nounset", call, ""].join("\n");
}

export const amazonLinux2: Bootstrapper = {
    family: OsFamily.AmazonLinux2,

    inspect(content, customAmi) {
        let parts: MimePart[];
        try {
            parts = userParts(content);
        } catch (e) {
            if (!(e instanceof MimeError)) throw e;
            return [{ ruleId: "userdata-format", message: `The Amazon Linux 2 user data is not a MIME document cloud-init and EKS can read: ${e.message}.` }];
        }
        return problemsOf(parts, customAmi);
    },

    render(request) {
        const bootstrap = request.customAmi ? [{ contentType: "text/x-shellscript", content: bootstrapScript(request) }] : [];
        return withParts(request.userContent, sniffContentType, [], bootstrap);
    },
};

function problemsOf(parts: MimePart[], customAmi: boolean): ContentProblem[] {
    const problems: ContentProblem[] = [];
    for (const part of parts) {
        const shell = shellPartProblem(part);
        if (shell) problems.push({ ruleId: "userdata-format", message: `cloud-init would not run this user data: ${shell}.` });
        if (part.headers === undefined && effectiveType(part) === "text/plain") {
            problems.push({ ruleId: "userdata-format", message: "cloud-init runs nothing of this user data: it is not MIME and starts with " +
                "neither #! (a script) nor #cloud-config. Start a script with #!/bin/bash." });
        }
    }
    if (!customAmi) {
        for (const part of parts) {
            if (BOOTSTRAP_CALL.test(part.content)) {
                problems.push({ ruleId: "userdata-al2-no-bootstrap", message:
                    "The user data calls /etc/eks/bootstrap.sh; with an EKS-optimized AMI, EKS appends its own call, and a " +
                    "second one breaks the node. Remove the call; give labels and taints on the node group." });
            } else if (KUBELET_TOUCH.test(part.content)) {
                problems.push({ ruleId: "userdata-al2-no-bootstrap", message:
                    "The user data starts or reconfigures kubelet; with an EKS-optimized AMI, EKS's bootstrap owns kubelet. " +
                    "Remove it, or use a custom AMI (launchTemplate.imageId) and pass kubelet flags in userData.kubeletExtraArgs." });
            }
        }
    }
    return problems;
}
