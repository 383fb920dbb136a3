// Amazon Linux 2: MIME multipart user data. With an EKS AMI, EKS appends its own part that runs
// /etc/eks/bootstrap.sh; with a custom AMI our last part runs it, with every cluster fact given.
import { OsFamily } from "../args";
import { Bootstrapper, checkedForBootCode, ContentProblem, kubeletFlags, RenderRequest } from "./bootstrapper";
import { effectiveType, MimeError, MimePart, shellPartProblem, sniffContentType, userParts, withParts } from "./mime";
import { commandRun, commandsOf } from "./shellcalls";

/** What a script does to the node's bootstrap and kubelet, from the commands it runs (shellcalls.ts). */
interface ScriptEffects { callsBootstrap: boolean; startsKubelet: boolean; editsKubeletConfig: boolean }

const BOOTSTRAP_PATHS = new Set(["/etc/eks/bootstrap.sh", "bootstrap.sh", "./bootstrap.sh"]);
const KUBELET_CONFIG = /kubelet-config\.json|\/etc\/kubernetes\/kubelet\/|\/etc\/systemd\/system\/kubelet/;
const KUBELET_UNIT = /^kubelet(\.service)?$/;
/** When bash syntax does not parse, the text decides (the conservative reading this module had before). */
const TEXT_BOOTSTRAP = /\/etc\/eks\/bootstrap\.sh|\bbootstrap\.sh\b/;
const TEXT_KUBELET = /systemctl\s+(start|restart|enable)\s+kubelet/;

export function scriptEffects(script: string): ScriptEffects {
    const commands = commandsOf(script);
    if (commands === undefined) {
        return { callsBootstrap: TEXT_BOOTSTRAP.test(script), startsKubelet: TEXT_KUBELET.test(script), editsKubeletConfig: KUBELET_CONFIG.test(script) };
    }
    const effects: ScriptEffects = { callsBootstrap: false, startsKubelet: false, editsKubeletConfig: false };
    for (const words of commands) {
        const { command, args } = commandRun(words);
        if (command === undefined) continue;
        if (BOOTSTRAP_PATHS.has(command)) effects.callsBootstrap = true;
        const verbs = args.filter((a): a is string => a !== undefined);
        if (command === "kubelet" || command === "/usr/bin/kubelet"
            || (command === "systemctl" && verbs.some((a) => ["start", "restart", "enable", "reload-or-restart"].includes(a)) && verbs.some((a) => KUBELET_UNIT.test(a)))
            || (command === "service" && KUBELET_UNIT.test(verbs[0] ?? "") && ["start", "restart"].includes(verbs[1] ?? ""))) {
            effects.startsKubelet = true;
        }
        if (!["echo", "printf", "cat", "ls", "test", "["].includes(command) && verbs.some((a) => KUBELET_CONFIG.test(a))) effects.editsKubeletConfig = true;
    }
    return effects;
}

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
        // Only shell parts run commands; a cloud-config's runcmd runs after the bootstrap part EKS appends.
        for (const part of parts.filter((p) => effectiveType(p) === "text/x-shellscript")) {
            const effects = scriptEffects(part.content);
            if (effects.callsBootstrap) {
                problems.push({ ruleId: "userdata-al2-no-bootstrap", message:
                    "The user data runs /etc/eks/bootstrap.sh; with an EKS-optimized AMI, EKS appends its own call, and a " +
                    "second one breaks the node. Remove the call; give labels and taints on the node group." });
            } else if (effects.startsKubelet) {
                problems.push({ ruleId: "userdata-al2-no-bootstrap", message:
                    "The user data starts kubelet; with an EKS-optimized AMI, EKS's bootstrap starts it once configured, and " +
                    "a kubelet started before that cannot join. Remove it, or use a custom AMI (launchTemplate.imageId)." });
            }
            if (effects.editsKubeletConfig) {
                problems.push({ ruleId: "userdata-al2-kubelet-config", message:
                    "The user data edits kubelet's configuration before EKS's bootstrap runs; bootstrap.sh writes parts of it " +
                    "again (max-pods, cluster DNS, reserved resources), so such edits can be lost. Prefer bootstrap.sh's own " +
                    "switches (with a custom AMI: userData.kubeletExtraArgs), or edit only what bootstrap.sh leaves alone." });
            }
        }
    }
    return problems;
}
