// Renders user data for every combination the issue lists, and reads it back with real parsers.
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { OsFamily } from "../../src";
import { bootstrapperFor, RenderRequest } from "../../src/userdata";
import { dnsClusterIp } from "../../src/userdata/clusterdns";
import { readMime, MimePart } from "../../src/userdata/mime";
import { CA } from "./harness";

export interface Case {
    family: OsFamily;
    customAmi: boolean;
    ipFamily: "ipv4" | "ipv6";
    withNodeSettings: boolean;
    request: RenderRequest;
    label: string;
}

const USER_CONTENT: Record<OsFamily, string> = {
    [OsFamily.AmazonLinux2]: "#!/bin/bash\necho from-user > /tmp/user\n",
    [OsFamily.AmazonLinux2023]: "#!/bin/bash\necho from-user > /tmp/user\n",
    [OsFamily.Bottlerocket]: '[settings.kubernetes.system-reserved]\ncpu = "10m"\n',
    [OsFamily.Windows]: "Write-Output 'from-user'",
};

export function cases(): Case[] {
    const out: Case[] = [];
    for (const family of Object.values(OsFamily)) {
        for (const customAmi of [false, true]) {
            for (const ipFamily of ["ipv4", "ipv6"] as const) {
                if (ipFamily === "ipv6" && family === OsFamily.Windows) continue; // EKS has no IPv6 Windows nodes.
                for (const withNodeSettings of [false, true]) {
                    const serviceCidr = ipFamily === "ipv6" ? "fd30:1c53:5f8a::/108" : "172.20.0.0/16";
                    out.push({
                        family, customAmi, ipFamily, withNodeSettings,
                        label: `${family} ${customAmi ? "custom AMI" : "EKS AMI"} ${ipFamily}${withNodeSettings ? " +labels/taints/max-pods" : ""}`,
                        request: {
                            customAmi,
                            userContent: USER_CONTENT[family],
                            node: withNodeSettings
                                ? { labels: { "node.kubernetes.io/pool": "a", team: "x" }, taints: [{ key: "dedicated", value: "a", effect: "NO_SCHEDULE" }, { key: "gpu", effect: "NO_EXECUTE" }], maxPods: 58, kubeletExtraArgs: family === OsFamily.Bottlerocket ? [] : ["--image-gc-high-threshold=80"] }
                                : { labels: {}, taints: [], kubeletExtraArgs: [] },
                            cluster: {
                                name: "prod", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthority: CA,
                                ipFamily, serviceCidr, dnsClusterIp: dnsClusterIp(serviceCidr),
                            },
                        },
                    });
                }
            }
        }
    }
    return out;
}

export async function render(c: Case): Promise<string> {
    const text = await bootstrapperFor(c.family).render(c.request);
    if (text === undefined) throw new Error(`${c.label}: no user data`);
    return text;
}

export async function mimeParts(text: string): Promise<MimePart[]> {
    return readMime(text).parts;
}

export function nodeConfigs(parts: MimePart[]): Record<string, any>[] {
    return parts.filter((p) => p.contentType === "application/node.eks.aws").map((p) => parseYaml(p.content));
}

export function toml(text: string): Record<string, any> {
    return parseToml(text) as Record<string, any>;
}
