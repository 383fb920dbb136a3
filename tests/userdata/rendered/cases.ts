// The node group definitions whose user data is kept as a fixture: tests/userdata/rendered/<family>/<case>.<ext>,
// one per family × (EKS AMI, custom AMI) × the main options, in the manner of terraform-aws-eks's tests/user-data.
// Each fixture is what validate() (the component at preview, through the launch template builder) sends, decoded.
// Regenerate with `npm run fixtures:userdata`; tests/userdata/rendered.test.ts compares and reads them.
import { ManagedNodeGroupArgs, OsFamily, UserData } from "../../../src";
import { baseArgs } from "../../support/harness";

export interface RenderedCase {
    family: OsFamily;
    /** The file name without extension: `eks-ami-…` or `custom-ami-…`. */
    name: string;
    args: ManagedNodeGroupArgs;
}

/** Folder and extension of each family's fixtures: MIME documents, TOML, PowerShell in <powershell> tags. */
export const FAMILY_FILES: Record<OsFamily, { dir: string; ext: string }> = {
    [OsFamily.AmazonLinux2]: { dir: "al2", ext: "mime" },
    [OsFamily.AmazonLinux2023]: { dir: "al2023", ext: "mime" },
    [OsFamily.Bottlerocket]: { dir: "bottlerocket", ext: "toml" },
    [OsFamily.Windows]: { dir: "windows", ext: "ps1" },
};

const AMI = "ami-0123456789abcdef0";
const LABELS = { "node.kubernetes.io/pool": "general", team: "data" };
const TAINTS = [{ key: "dedicated", value: "data", effect: "NO_SCHEDULE" as const }, { key: "gpu", effect: "NO_EXECUTE" as const }];
/** A service CIDR other than EKS's defaults: the DNS IP (its .10) must follow it. */
const SERVICE_CIDR = "10.96.0.0/16";
const IPV6 = { ipFamily: "ipv6" as const, serviceIpv6Cidr: "fd30:1c53:5f8a::/108" };

const PRE = "#!/bin/bash\necho \"before the bootstrap\" > /etc/motd\n";
const POST = "#!/bin/bash\necho \"after the bootstrap\" >> /etc/motd\n";
/** The user's own MIME document (a cloud-config part with a Merge-Type header): kept byte for byte. */
const USER_MIME = [
    "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="user"', "", "--user",
    'Content-Type: text/cloud-config; charset="us-ascii"', "Merge-Type: list(append)+dict(no_replace,recurse_list)+str()", "",
    "#cloud-config", "packages: [jq]", "", "--user--", "",
].join("\n");
const CONTAINERD = 'version = 3\n\n[plugins."io.containerd.cri.v1.images"]\ndiscard_unpacked_layers = false\n';

interface Options {
    imageId?: string;
    userData?: UserData;
    /** Args beside userData (labels, taints, instanceTypes, cluster changes). */
    more?: Partial<ManagedNodeGroupArgs>;
    cluster?: Partial<ManagedNodeGroupArgs["cluster"]>;
}

function definition(family: OsFamily, o: Options): ManagedNodeGroupArgs {
    const base = baseArgs();
    return {
        ...base,
        osFamily: family,
        instanceTypes: ["m5.large"],
        ...o.more,
        cluster: { ...(base.cluster as object), ...o.cluster } as ManagedNodeGroupArgs["cluster"],
        launchTemplate: { ...(o.imageId ? { imageId: o.imageId } : {}), ...(o.userData ? { userData: o.userData } : {}) },
    };
}

const nodeSettings = { labels: LABELS, taints: TAINTS };

const table: Record<OsFamily, Record<string, Options>> = {
    [OsFamily.AmazonLinux2]: {
        "eks-ami-no-op": {},
        "eks-ami-pre-bootstrap": { userData: { content: PRE }, more: nodeSettings },
        "eks-ami-user-mime": { userData: { content: USER_MIME } },
        // The generated boundary is the first ==EKS-NODEGROUP[-n]== no part holds: chosen from the content, never at random.
        "eks-ami-boundary-taken": { userData: { content: "#!/bin/bash\n# parts are split at ==EKS-NODEGROUP== lines\necho ok\n" } },
        "custom-ami-minimal": { imageId: AMI },
        "custom-ami-pre-post-bootstrap": { imageId: AMI, userData: { content: PRE, afterBootstrap: POST } },
        "custom-ami-user-mime": { imageId: AMI, userData: { content: USER_MIME } },
        "custom-ami-kubelet-labels-taints-max-pods": { imageId: AMI, userData: { kubeletExtraArgs: ["--image-gc-high-threshold=80"], maxPods: 58 }, more: nodeSettings },
        "custom-ami-custom-networking": { imageId: AMI, userData: { podNetwork: "CustomNetworking" } },
        "custom-ami-cluster-dns": { imageId: AMI, cluster: { serviceIpv4Cidr: SERVICE_CIDR } },
        "custom-ami-ipv6": { imageId: AMI, cluster: IPV6 },
        "custom-ami-user-bootstrap": { imageId: AMI, userData: { bootstrap: "User", content:
            "#!/bin/bash\n/etc/eks/bootstrap.sh prod --apiserver-endpoint \"$ENDPOINT\" --b64-cluster-ca \"$CA\" --dns-cluster-ip 10.100.0.10\n" } },
    },
    [OsFamily.AmazonLinux2023]: {
        "eks-ami-no-op": {},
        "eks-ami-pre-bootstrap": { userData: { content: PRE }, more: nodeSettings },
        "eks-ami-kubelet-max-pods": { userData: { kubeletExtraArgs: ["--image-gc-high-threshold=80"], maxPods: 58 } },
        "eks-ami-max-pods-expression": { userData: { maxPodsExpression: "(default_enis - 1) * (ips_per_eni - 1) + 2" } },
        "eks-ami-node-config": { userData: { nodeConfig: {
            kubeletConfig: { shutdownGracePeriod: "30s", cpuManagerPolicy: "static" }, containerdConfig: CONTAINERD,
            localStorage: "RAID0", featureGates: { InstanceIdNodeName: true },
        } } },
        "custom-ami-minimal": { imageId: AMI },
        "custom-ami-pre-bootstrap": { imageId: AMI, userData: { content: PRE } },
        "custom-ami-kubelet-labels-taints-max-pods": { imageId: AMI, userData: { kubeletExtraArgs: ["--image-gc-high-threshold=80"], maxPods: 58 }, more: nodeSettings },
        "custom-ami-custom-networking": { imageId: AMI, userData: { podNetwork: "CustomNetworking" } },
        "custom-ami-cluster-dns": { imageId: AMI, cluster: { serviceIpv4Cidr: SERVICE_CIDR } },
        "custom-ami-ipv6": { imageId: AMI, cluster: IPV6 },
        "custom-ami-containerd": { imageId: AMI, userData: { nodeConfig: { containerdConfig: CONTAINERD } } },
    },
    [OsFamily.Bottlerocket]: {
        "eks-ami-no-op": {},
        "eks-ami-settings": { userData: { content: '[settings.kernel]\nlockdown = "integrity"\n', bottlerocketSettings: { "host-containers": { admin: { enabled: true } } } }, more: nodeSettings },
        "eks-ami-max-pods": { userData: { maxPods: 58 } },
        "custom-ami-minimal": { imageId: AMI },
        "custom-ami-labels-taints-max-pods": { imageId: AMI, userData: { maxPods: 58 }, more: nodeSettings },
        "custom-ami-custom-networking": { imageId: AMI, userData: { podNetwork: "CustomNetworking" } },
        "custom-ami-cluster-dns": { imageId: AMI, cluster: { serviceIpv4Cidr: SERVICE_CIDR } },
        "custom-ami-ipv6": { imageId: AMI, cluster: IPV6 },
        "custom-ami-settings": { imageId: AMI, userData: { bottlerocketSettings: { kernel: { sysctl: { "net.core.somaxconn": "1024" } } } } },
    },
    [OsFamily.Windows]: {
        "eks-ami-no-op": {},
        "eks-ami-pre-bootstrap": { userData: { content: "Write-Output 'before the bootstrap'" }, more: nodeSettings },
        "custom-ami-minimal": { imageId: AMI },
        "custom-ami-pre-post-bootstrap": { imageId: AMI, userData: { content: "Write-Output 'before the bootstrap'", afterBootstrap: "Write-Output 'after the bootstrap'" } },
        "custom-ami-kubelet-labels-taints-max-pods": { imageId: AMI, userData: { kubeletExtraArgs: ["--image-gc-high-threshold=80"], maxPods: 58 }, more: nodeSettings },
        "custom-ami-cluster-dns": { imageId: AMI, cluster: { serviceIpv4Cidr: SERVICE_CIDR } },
        "custom-ami-user-bootstrap": { imageId: AMI, userData: { bootstrap: "User", content:
            "& \"$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1\" -EKSClusterName prod -APIServerEndpoint $Endpoint -Base64ClusterCA $CA -DNSClusterIP 10.100.0.10" } },
    },
};

export function renderedCases(): RenderedCase[] {
    return Object.entries(table).flatMap(([family, cases]) =>
        Object.entries(cases).map(([name, o]) => ({ family: family as OsFamily, name, args: definition(family as OsFamily, o) })));
}
