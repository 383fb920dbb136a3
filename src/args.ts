// The public input types of ManagedNodeGroup. Every type here becomes part of schema.json and of
// the SDK of every language, so it stays schema-friendly: interfaces, enums and pulumi.Input<>,
// no other unions or intersections. Enums are `as const` objects with a type of their values (the
// form Pulumi's own SDKs use), so TypeScript takes `OsFamily.Bottlerocket` and `"Bottlerocket"`
// alike — a value read from config needs no cast. Exclusive choices are enforced by the rules in src/rules/, not by
// the type system.
import * as pulumi from "@pulumi/pulumi";

/**
 * A whole number. The same type as `number` to TypeScript; `npm run schema` writes every property
 * declared with it as `integer` (the analyzer alone writes `number`, a float in the other SDKs), and
 * the rules refuse a fraction.
 */
export type Integer = number;

/** The operating-system family of the nodes: decides the AMI type and the user-data format. */
export const OsFamily = {
    /** Amazon Linux 2: MIME multipart user data; EKS runs /etc/eks/bootstrap.sh. */
    AmazonLinux2: "AmazonLinux2",
    /** Amazon Linux 2023: nodeadm NodeConfig user data. */
    AmazonLinux2023: "AmazonLinux2023",
    /** Bottlerocket: TOML settings user data. */
    Bottlerocket: "Bottlerocket",
    /** Windows Server: PowerShell user data. */
    Windows: "Windows",
} as const;
export type OsFamily = (typeof OsFamily)[keyof typeof OsFamily];

/** CPU architecture of the nodes. */
export const CpuArchitecture = {
    X86_64: "x86_64",
    Arm64: "arm64",
} as const;
export type CpuArchitecture = (typeof CpuArchitecture)[keyof typeof CpuArchitecture];

/** Accelerator variant of the EKS-optimized AMI. */
export const AcceleratorVariant = {
    /** The standard AMI. */
    None: "None",
    /** NVIDIA GPU drivers (AL2 GPU, AL2023 NVIDIA, Bottlerocket NVIDIA). */
    Nvidia: "Nvidia",
    /** AWS Neuron (Inferentia/Trainium); Amazon Linux 2023 on x86_64 only. */
    Neuron: "Neuron",
} as const;
export type AcceleratorVariant = (typeof AcceleratorVariant)[keyof typeof AcceleratorVariant];

/** Windows Server edition and version of the EKS-optimized Windows AMI. */
export const WindowsVariant = {
    Core2019: "Core2019",
    Full2019: "Full2019",
    Core2022: "Core2022",
    Full2022: "Full2022",
    Core2025: "Core2025",
    Full2025: "Full2025",
} as const;
export type WindowsVariant = (typeof WindowsVariant)[keyof typeof WindowsVariant];

/** How the node group buys its instances. */
export const CapacityType = {
    OnDemand: "ON_DEMAND",
    Spot: "SPOT",
    CapacityBlock: "CAPACITY_BLOCK",
} as const;
export type CapacityType = (typeof CapacityType)[keyof typeof CapacityType];

/** The effect of a Kubernetes taint, as the EKS API spells it. */
export const TaintEffect = {
    NoSchedule: "NO_SCHEDULE",
    NoExecute: "NO_EXECUTE",
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** IP family of the cluster's Pods and Services. */
export const IpFamily = {
    Ipv4: "ipv4",
    Ipv6: "ipv6",
} as const;
export type IpFamily = (typeof IpFamily)[keyof typeof IpFamily];

/** Whether the instance metadata service requires session tokens (IMDSv2). */
export const HttpTokens = {
    /** IMDSv2 only (secure default). */
    Required: "required",
    /** IMDSv1 and IMDSv2. */
    Optional: "optional",
} as const;
export type HttpTokens = (typeof HttpTokens)[keyof typeof HttpTokens];

/** EBS volume type. */
export const VolumeType = {
    Gp2: "gp2",
    Gp3: "gp3",
    Io1: "io1",
    Io2: "io2",
    /** Throughput-optimized HDD: data volumes only (no boot volume). */
    St1: "st1",
    /** Cold HDD: data volumes only (no boot volume). */
    Sc1: "sc1",
    Standard: "standard",
} as const;
export type VolumeType = (typeof VolumeType)[keyof typeof VolumeType];

/** The cluster the nodes join. Use `fromEksCluster(cluster)` in TypeScript to fill it from an `aws.eks.Cluster`. */
export interface Cluster {
    /** Name of the EKS cluster. */
    name: pulumi.Input<string>;
    /** API server endpoint (https URL). Required with a custom AMI: it is written into the bootstrap so that booting nodes never call DescribeCluster. */
    endpoint?: pulumi.Input<string>;
    /** Base64-encoded cluster certificate authority data. Required with a custom AMI. */
    certificateAuthority?: pulumi.Input<string>;
    /** The cluster's IPv4 service CIDR (default 10.100.0.0/16 or 172.20.0.0/16 as EKS chose). Required with a custom AMI: the DNS cluster IP is its `.10`. */
    serviceIpv4Cidr?: pulumi.Input<string>;
    /** The cluster's IPv6 service CIDR, for IPv6 clusters. */
    serviceIpv6Cidr?: pulumi.Input<string>;
    /** IP family of the cluster. Default: ipv4. */
    ipFamily?: pulumi.Input<IpFamily>;
    /** The cluster security group id. Added to the node's security groups by default when custom groups are given, since EKS then no longer adds it. */
    clusterSecurityGroupId?: pulumi.Input<string>;
    /** The cluster's VPC id: where the component creates the EFA security group. */
    vpcId?: pulumi.Input<string>;
    /** The cluster's Kubernetes version (`fromEksCluster` fills it): the node group's version when `version` is not given, so the nodes follow a cluster upgrade. */
    version?: pulumi.Input<string>;
}

/** Size of the node group. EKS requires maxSize ≥ 1, minSize ≥ 0 and minSize ≤ desiredSize ≤ maxSize. */
export interface ScalingConfig {
    /** Number of nodes wanted now. Default: minSize. */
    desiredSize?: pulumi.Input<Integer>;
    /** Minimum number of nodes. */
    minSize: pulumi.Input<Integer>;
    /** Maximum number of nodes (1–N). */
    maxSize: pulumi.Input<Integer>;
}

/** How EKS replaces nodes in a version update. */
export const UpdateStrategy = {
    /** Scale up new nodes first, then drain and remove old ones (EKS's default). */
    Default: "DEFAULT",
    /** Drain and remove old nodes before adding new ones: no extra capacity, for scarce instances (GPUs, reservations). */
    Minimal: "MINIMAL",
} as const;
export type UpdateStrategy = (typeof UpdateStrategy)[keyof typeof UpdateStrategy];

/** How many nodes may be unavailable during a version update. Set one of the two, not both. */
export interface UpdateConfig {
    /** Absolute number of nodes that may be unavailable (1–100). */
    maxUnavailable?: pulumi.Input<Integer>;
    /** Percentage of nodes that may be unavailable (1–100). */
    maxUnavailablePercentage?: pulumi.Input<Integer>;
    /** How nodes are replaced. Default: EKS's (DEFAULT). */
    updateStrategy?: pulumi.Input<UpdateStrategy>;
}

/** The repair action of a node repair override. */
export const RepairAction = {
    Replace: "Replace",
    Reboot: "Reboot",
    NoAction: "NoAction",
} as const;
export type RepairAction = (typeof RepairAction)[keyof typeof RepairAction];

/** A repair action for one condition the node monitoring agent reports. EKS needs all four values. */
export interface NodeRepairConfigOverride {
    /** Minutes (≥ 1) to wait before repairing a node in this condition. */
    minRepairWaitTimeMins: pulumi.Input<Integer>;
    /** The unhealthy condition the node monitoring agent reports (e.g. `AcceleratedHardwareReady`). */
    nodeMonitoringCondition: pulumi.Input<string>;
    /** The reason the node monitoring agent reports (e.g. `NvidiaXID13Error`). */
    nodeUnhealthyReason: pulumi.Input<string>;
    /** What EKS does once the conditions hold. */
    repairAction: pulumi.Input<RepairAction>;
}

/** EKS node auto repair. Counts and percentages of each pair exclude each other. */
export interface NodeRepairConfig {
    /** Turn node auto repair on. Default: false (EKS's). */
    enabled?: pulumi.Input<boolean>;
    /** Nodes repaired at once, as a count (≥ 1). Exclusive with `maxParallelNodesRepairedPercentage`. */
    maxParallelNodesRepairedCount?: pulumi.Input<Integer>;
    /** Nodes repaired at once, as a percentage of the unhealthy nodes (1–100). */
    maxParallelNodesRepairedPercentage?: pulumi.Input<Integer>;
    /** Stop repairing above this many unhealthy nodes (≥ 1). Exclusive with `maxUnhealthyNodeThresholdPercentage`. */
    maxUnhealthyNodeThresholdCount?: pulumi.Input<Integer>;
    /** Stop repairing above this percentage of unhealthy nodes (1–100). */
    maxUnhealthyNodeThresholdPercentage?: pulumi.Input<Integer>;
    /** Repair actions per condition and reason. */
    nodeRepairConfigOverrides?: pulumi.Input<pulumi.Input<NodeRepairConfigOverride>[]>;
}

/** The state warm pool instances wait in. */
export const WarmPoolState = {
    Stopped: "STOPPED",
    Running: "RUNNING",
    /** Not on Bottlerocket. */
    Hibernated: "HIBERNATED",
} as const;
export type WarmPoolState = (typeof WarmPoolState)[keyof typeof WarmPoolState];

/** A warm pool of pre-initialized instances beside the group (EKS-optimized AMIs only). */
export interface WarmPoolConfig {
    /** Instances in the warm pool and the group together; -1 for no limit. Default: the group's maxSize. */
    maxGroupPreparedCapacity?: pulumi.Input<Integer>;
    /** Instances the warm pool keeps (≥ 0). Default: 0. */
    minSize?: pulumi.Input<Integer>;
    /** The state they wait in. Default: STOPPED. */
    poolState?: pulumi.Input<WarmPoolState>;
    /** Return instances to the warm pool on scale-in (not on Bottlerocket). Default: false. */
    reuseOnScaleIn?: pulumi.Input<boolean>;
}

/** A Kubernetes taint applied to every node of the group. */
export interface Taint {
    /** Taint key (1–63 characters, optional DNS prefix). */
    key: pulumi.Input<string>;
    /** Taint value (0–63 characters). */
    value?: pulumi.Input<string>;
    /** Taint effect. */
    effect: pulumi.Input<TaintEffect>;
}

/** SSH access, as on `aws.eks.NodeGroup`. Not allowed with a launch template: kept in the args so that preview explains where each setting belongs. */
export interface RemoteAccess {
    /** Not allowed with a launch template: set `launchTemplate.keyName` instead. */
    ec2SshKey?: pulumi.Input<string>;
    /** Not allowed with a launch template: give the template a security group that allows SSH instead. */
    sourceSecurityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * A volume beside the root volume, as a block device mapping of the template: an EBS volume (size or
 * snapshot, type, IOPS, throughput, KMS key), an instance-store volume (`virtualName`), or a device of
 * the AMI suppressed (`noDevice`).
 */
export interface DataVolume extends EbsVolume {
    /** Device name, e.g. `/dev/xvdf` (not the root device). */
    deviceName: pulumi.Input<string>;
    /** Size in GiB, within the volume type's range. Required unless `snapshotId` is given. */
    sizeGib?: pulumi.Input<Integer>;
    /** Snapshot the volume starts from. */
    snapshotId?: pulumi.Input<string>;
    /** An instance-store volume (`ephemeral0`–`ephemeral23`) instead of EBS. */
    virtualName?: pulumi.Input<string>;
    /** Suppress this device of the AMI's mapping. */
    noDevice?: pulumi.Input<boolean>;
}

/** The settings every EBS volume of the template takes (the root volume's and the data volumes'). */
export interface EbsVolume {
    /** Volume type. Default: gp3. */
    volumeType?: pulumi.Input<VolumeType>;
    /** Provisioned IOPS (gp3, io1, io2; io1 and io2 need it). */
    iops?: pulumi.Input<Integer>;
    /** Throughput in MiB/s (gp3 only). */
    throughput?: pulumi.Input<Integer>;
    /** Encrypt the volume. Default: true. */
    encrypted?: pulumi.Input<boolean>;
    /** KMS key ARN for the encryption (needs `encrypted`). Default: the account's EBS key. */
    kmsKeyId?: pulumi.Input<string>;
    /** Delete the volume when the instance terminates. Default: true. */
    deleteOnTermination?: pulumi.Input<boolean>;
}

/** The root EBS volume, written as the template's block device mapping on the family's root device. */
export interface RootVolume extends EbsVolume {
    /** Size in GiB. Default: 20 (Linux families), 50 (Windows). */
    sizeGib?: pulumi.Input<Integer>;
}

/** Instance metadata service options of the template. */
export interface MetadataOptions {
    /** IMDSv2 only (`required`, the default) or IMDSv1 allowed (`optional`). */
    httpTokens?: pulumi.Input<HttpTokens>;
    /** Hop limit of IMDS responses. Default: 2, which containers need to reach IMDSv2. */
    httpPutResponseHopLimit?: pulumi.Input<Integer>;
    /** Expose instance tags in the metadata. Default: false. */
    instanceMetadataTags?: pulumi.Input<boolean>;
    /** Serve the metadata on its IPv6 address too (Nitro instances; IPv6 subnets). Default: false. */
    httpProtocolIpv6?: pulumi.Input<boolean>;
}

/** How long the engine waits for the node group (Go duration strings such as `90m`, `1h`). EKS's own operations take minutes; large groups can pass the default. */
export interface NodeGroupTimeouts {
    /** Default: the AWS provider's, 60m. */
    create?: string;
    /** Default: 60m. */
    update?: string;
    /** Default: 60m. */
    delete?: string;
}

/**
 * Resources this component takes over instead of creating: the URN each had before — a raw
 * `aws.eks.NodeGroup` at the stack's root, the child of @pulumi/eks's ManagedNodeGroup, or one brought in
 * by `pulumi import` — becomes an alias of the child, so the engine updates it in place. Whether it
 * is then only updated (not replaced) is up to its inputs: `eks-nodegroup plan` and preview show it.
 * Plain strings: the engine needs them when it registers the child, at preview too.
 */
export interface Adoption {
    /** URN of the existing launch template (`urn:pulumi:STACK::PROJECT::aws:ec2/launchTemplate:LaunchTemplate::NAME`). */
    launchTemplateUrn?: string;
    /** URN of the existing node group (`urn:pulumi:STACK::PROJECT::…aws:eks/nodeGroup:NodeGroup::NAME`). */
    nodeGroupUrn?: string;
}

/** The type of a network interface (EC2's `interfaceType`). */
export const InterfaceType = {
    /** An ENA interface (EC2's default). */
    Interface: "interface",
    /** An EFA with ENA: IP traffic and OS-bypass. */
    Efa: "efa",
    /** An EFA without ENA: OS-bypass only, no IP address; never the primary interface. */
    EfaOnly: "efa-only",
} as const;
export type InterfaceType = (typeof InterfaceType)[keyof typeof InterfaceType];

/** A network interface specification of the template, as EC2 has it. */
export interface NetworkInterface {
    /** `interface` (default), `efa` or `efa-only`. */
    interfaceType?: pulumi.Input<InterfaceType>;
    /** Network card of the interface. Default: 0. Interface 0 on card 0 is the primary. */
    networkCardIndex?: pulumi.Input<Integer>;
    /** Device index on its card. Default: the interface's position among those of its card, from 0 on card 0 and from 1 on the other cards (as eksctl, terraform-aws-eks and the EC2 EFA guide write them). */
    deviceIndex?: pulumi.Input<Integer>;
    /** Security groups of the interface (the cluster security group is added as for `vpcSecurityGroupIds`). With any interface specification, `launchTemplate.vpcSecurityGroupIds` must be empty. */
    securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
    /** Associate a public IPv4 address (primary interface only). */
    associatePublicIpAddress?: pulumi.Input<boolean>;
    /** Number of IPv4 /28 prefixes EC2 assigns at launch. */
    ipv4PrefixCount?: pulumi.Input<Integer>;
    /** Number of IPv6 /80 prefixes EC2 assigns at launch. */
    ipv6PrefixCount?: pulumi.Input<Integer>;
    /** Number of secondary private IPv4 addresses EC2 assigns at launch. */
    ipv4AddressCount?: pulumi.Input<Integer>;
    /** Number of IPv6 addresses EC2 assigns at launch. */
    ipv6AddressCount?: pulumi.Input<Integer>;
    /** Delete the interface when the instance terminates. Default: true. */
    deleteOnTermination?: pulumi.Input<boolean>;
    /** Description of the interface. */
    description?: pulumi.Input<string>;
    /** Not allowed with EKS: subnets are chosen by the node group's `subnetIds`. */
    subnetId?: pulumi.Input<string>;
}

/** The interface type of the EFA interfaces on network cards other than 0. */
export const EfaSecondaryInterfaceType = {
    /** EFA with ENA: each interface also takes an IP address. */
    Efa: "efa",
    /** EFA without ENA: OS-bypass only, no IP address used. */
    EfaOnly: "efa-only",
} as const;
export type EfaSecondaryInterfaceType = (typeof EfaSecondaryInterfaceType)[keyof typeof EfaSecondaryInterfaceType];

/** Elastic Fabric Adapter: one interface per network card of the instance type, built by the component. */
export interface Efa {
    /** Interface type on the cards other than 0 (card 0 is always `efa`). Default: efa. */
    secondaryInterfaceType?: pulumi.Input<EfaSecondaryInterfaceType>;
    /** Security groups of every EFA interface. Default: a security group the component creates that allows all traffic to and from itself. The cluster security group is added as for `vpcSecurityGroupIds`. */
    securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
    /** VPC of the security group the component creates. Default: `cluster.vpcId`. */
    vpcId?: pulumi.Input<string>;
}

/** Placement of the instances (EC2's `placement`). */
export interface Placement {
    /** An existing placement group. Exclusive with `createClusterGroup`. */
    groupName?: pulumi.Input<string>;
    /** Create a cluster placement group for the nodes (what EFA training groups want) and place them in it. Default: false. */
    createClusterGroup?: boolean;
}

/** Which capacity reservations the instances may use, when no target is given. */
export const CapacityReservationPreference = {
    /** Any open reservation with matching attributes (EC2's default). */
    Open: "open",
    /** No reservation. */
    None: "none",
    /** Only reservations; the launch fails when none has capacity. */
    CapacityReservationsOnly: "capacity-reservations-only",
} as const;
export type CapacityReservationPreference = (typeof CapacityReservationPreference)[keyof typeof CapacityReservationPreference];

/** The reservation the instances launch into. Give one of the two. */
export interface CapacityReservationTarget {
    /** An On-Demand Capacity Reservation or Capacity Block id (`cr-…`). */
    capacityReservationId?: pulumi.Input<string>;
    /** A capacity reservation resource group ARN. */
    capacityReservationResourceGroupArn?: pulumi.Input<string>;
}

/** Capacity reservation settings (EC2's `capacityReservationSpecification`). Give a preference or a target, not both. */
export interface CapacityReservationSpecification {
    /** open, none or capacity-reservations-only. */
    capacityReservationPreference?: pulumi.Input<CapacityReservationPreference>;
    /** The reservation to launch into. Required with `capacityType: CAPACITY_BLOCK`. */
    capacityReservationTarget?: pulumi.Input<CapacityReservationTarget>;
}

/** EC2's market options. The component writes them itself for `capacityType: CAPACITY_BLOCK`; kept in the args so that preview explains where each setting belongs. */
export interface InstanceMarketOptions {
    /** `capacity-block` needs `capacityType: CAPACITY_BLOCK`; `spot` is refused by EKS: use `capacityType: SPOT`. */
    marketType?: pulumi.Input<string>;
}

/** IAM instance profile reference, as on `aws.ec2.LaunchTemplate`. Not allowed with EKS. */
export interface IamInstanceProfile {
    /** Not allowed: EKS makes the instance profile from `nodeRoleArn`. */
    arn?: pulumi.Input<string>;
    /** Not allowed: EKS makes the instance profile from `nodeRoleArn`. */
    name?: pulumi.Input<string>;
}

/** Hibernation options, as on `aws.ec2.LaunchTemplate`. Not allowed with EKS. */
export interface HibernationOptions {
    /** Not allowed: EKS controls the instance lifecycle. */
    configured: pulumi.Input<boolean>;
}

/** How nodeadm uses instance store volumes (Amazon Linux 2023). */
export const LocalStorageStrategy = {
    /** Stripe all instance store volumes into one RAID-0 array for containerd and kubelet. */
    RAID0: "RAID0",
    /** Mount each instance store volume separately. */
    Mount: "Mount",
} as const;
export type LocalStorageStrategy = (typeof LocalStorageStrategy)[keyof typeof LocalStorageStrategy];

/** Typed parts of nodeadm's NodeConfig (Amazon Linux 2023 only), merged with what the component generates. */
export interface NodeConfig {
    /** KubeletConfiguration fields for spec.kubelet.config, e.g. {"shutdownGracePeriod": "30s", "cpuManagerPolicy": "static"}. maxPods, clusterDNS and registerWithTaints are the component's (set userData.maxPods, cluster and taints), and a field also set in a NodeConfig of `content` is refused. */
    kubeletConfig?: pulumi.Input<{ [key: string]: pulumi.Input<any> }>;
    /** containerd configuration (TOML) for spec.containerd.config, merged into the AMI's. */
    containerdConfig?: pulumi.Input<string>;
    /** Instance store strategy for spec.instance.localStorage. */
    localStorage?: pulumi.Input<LocalStorageStrategy>;
    /** nodeadm feature gates for spec.featureGates, e.g. {"InstanceIdNodeName": true}. */
    featureGates?: pulumi.Input<{ [key: string]: pulumi.Input<boolean> }>;
}

/** How the cluster's CNI gives Pods their addresses: decides the max-pods the component computes for custom AMIs. */
export const PodNetwork = {
    /** VPC CNI, secondary IPv4 addresses (the default): ENIs × (IPv4 per ENI − 1) + 2 on the default network card. */
    SecondaryIps: "SecondaryIps",
    /** VPC CNI with prefix delegation (ENABLE_PREFIX_DELEGATION): /28 prefixes, 16 addresses per slot (Nitro and bare metal). */
    PrefixDelegation: "PrefixDelegation",
    /** VPC CNI custom networking (Pods on another CIDR, ENIConfig): the primary ENI takes no Pods. */
    CustomNetworking: "CustomNetworking",
    /** Custom networking and prefix delegation together. */
    CustomNetworkingPrefixDelegation: "CustomNetworkingPrefixDelegation",
    /** Another CNI (Cilium, Calico, …) decides its own limit: `maxPods` is then required with a custom AMI. */
    CustomCni: "CustomCni",
} as const;
export type PodNetwork = (typeof PodNetwork)[keyof typeof PodNetwork];

/** Who writes a custom AMI's bootstrap call (Amazon Linux 2's bootstrap.sh, Windows' Start-EKSBootstrap.ps1). */
export const BootstrapWriter = {
    /** The component writes it, with every cluster fact and kubelet setting (the default). */
    Component: "Component",
    /** Your content calls it (with endpoint, CA and DNS IP); the component writes none, so the node runs it once. */
    User: "User",
} as const;
export type BootstrapWriter = (typeof BootstrapWriter)[keyof typeof BootstrapWriter];

/** User data and kubelet settings for the nodes. */
export interface UserData {
    /**
     * The user's own user data in the family's format: shell script, cloud-config or MIME document
     * (Amazon Linux 2); NodeConfig YAML or MIME (Amazon Linux 2023); TOML settings (Bottlerocket);
     * PowerShell without the <powershell> tags (Windows). Combined with what the component generates.
     */
    content?: pulumi.Input<string>;
    /** Extra kubelet command-line flags, e.g. `--image-gc-high-threshold=80`. Flags for what the component owns (--node-labels, --register-with-taints, --max-pods, --cluster-dns, --kubeconfig, --bootstrap-kubeconfig) are refused: set labels, taints, maxPods and cluster instead. */
    kubeletExtraArgs?: pulumi.Input<pulumi.Input<string>[]>;
    /** Maximum Pods per node. With a custom AMI and no value, computed for `podNetwork` from the default network card's ENIs, capped as EKS recommends (110 up to 30 vCPUs, 250 above), the smallest over the group's instance types. */
    maxPods?: pulumi.Input<Integer>;
    /** How the cluster's CNI gives Pods addresses, for the computed max-pods. Default: SecondaryIps (IPv6 clusters: prefixes). */
    podNetwork?: pulumi.Input<PodNetwork>;
    /** With a custom AMI on Amazon Linux 2 or Windows: who writes the bootstrap call. Default: Component. */
    bootstrap?: pulumi.Input<BootstrapWriter>;
    /** With a custom AMI on Amazon Linux 2 or Windows: a script run after the bootstrap (Amazon Linux 2: a shell script starting with #!, in its own part after the bootstrap's; Windows: PowerShell after Start-EKSBootstrap.ps1). */
    afterBootstrap?: pulumi.Input<string>;
    /** Amazon Linux 2023: nodeadm's CEL max-pods expression (spec.kubelet.maxPodsExpression), evaluated on the node over `default_enis`, `ips_per_eni` and `max_pods`, e.g. `(default_enis - 1) * (ips_per_eni - 1) + 2`. Exclusive with `maxPods`. */
    maxPodsExpression?: pulumi.Input<string>;
    /** Amazon Linux 2023: typed NodeConfig settings (kubelet config, containerd config, local storage, feature gates). */
    nodeConfig?: pulumi.Input<NodeConfig>;
    /** Bottlerocket: settings as an object, written under [settings] (e.g. {"kernel": {"lockdown": "integrity"}}). A key also set in the TOML `content` is refused, and so are the settings.kubernetes keys the component owns (cluster-name, api-server, cluster-certificate, cluster-dns-ip, max-pods, node-labels, node-taints: set cluster, maxPods, labels and taints instead). */
    bottlerocketSettings?: pulumi.Input<{ [key: string]: pulumi.Input<any> }>;
}

/** Settings of the EC2 launch template the component creates. */
export interface LaunchTemplate {
    /** A custom AMI id. With it EKS merges nothing: the component writes the whole bootstrap, and `osFamily` must be stated. Without it the EKS-optimized AMI of `amiType` is used. */
    imageId?: pulumi.Input<string>;
    /** A single instance type in the template. Exclusive with the node group's `instanceTypes`. With `capacityType: CAPACITY_BLOCK` the component puts the group's one instance type here itself. */
    instanceType?: pulumi.Input<string>;
    /** EC2 key pair for SSH. Needs a security group that allows port 22. */
    keyName?: pulumi.Input<string>;
    /** Instance-level security groups. Exclusive with `networkInterfaces[].securityGroups`. */
    vpcSecurityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Add the cluster security group to custom security groups (EKS no longer adds it once custom groups are given). Default: true. */
    addClusterSecurityGroup?: pulumi.Input<boolean>;
    /** Network interface specifications: at most one per (network card, device index). Exclusive with `efa`. */
    networkInterfaces?: pulumi.Input<pulumi.Input<NetworkInterface>[]>;
    /** Elastic Fabric Adapter: one EFA interface per network card of the instance type. Exclusive with `networkInterfaces` and `vpcSecurityGroupIds`. */
    efa?: pulumi.Input<Efa>;
    /** Placement group of the instances. */
    placement?: pulumi.Input<Placement>;
    /** Capacity reservation (ODCR or Capacity Block) the instances use. */
    capacityReservationSpecification?: pulumi.Input<CapacityReservationSpecification>;
    /** Market options: written by the component for `capacityType: CAPACITY_BLOCK`; leave unset. */
    instanceMarketOptions?: pulumi.Input<InstanceMarketOptions>;
    /** The root volume. Default: 20 GiB (50 on Windows) encrypted gp3. */
    rootVolume?: pulumi.Input<RootVolume>;
    /** Bottlerocket only: its OS volume (`/dev/xvda`; `rootVolume` is its data volume, `/dev/xvdb`). Default: gp3, encrypted, the AMI's size. */
    osVolume?: pulumi.Input<RootVolume>;
    /** Volumes beside the root volume. */
    dataVolumes?: pulumi.Input<pulumi.Input<DataVolume>[]>;
    /** Instance metadata options. Default: IMDSv2 required, hop limit 2. */
    metadataOptions?: pulumi.Input<MetadataOptions>;
    /** Tags for the instances, their volumes and network interfaces (and Spot requests), written as tag specifications. */
    instanceTags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Tags of the launch template resource itself. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Enable detailed CloudWatch monitoring. */
    monitoring?: pulumi.Input<boolean>;
    /** User data and kubelet settings. */
    userData?: pulumi.Input<UserData>;
    /** Not allowed with EKS: the node role is given by `nodeRoleArn`. */
    iamInstanceProfile?: pulumi.Input<IamInstanceProfile>;
    /** Not allowed with EKS: it controls the instance lifecycle; leave unset. */
    instanceInitiatedShutdownBehavior?: pulumi.Input<string>;
    /** Not allowed with EKS: it controls the instance lifecycle; leave unset. */
    hibernationOptions?: pulumi.Input<HibernationOptions>;
}

/** The arguments of a ManagedNodeGroup. */
export interface ManagedNodeGroupArgs {
    /** The cluster the nodes join. */
    cluster: pulumi.Input<Cluster>;
    /** ARN of the IAM role of the nodes. */
    nodeRoleArn: pulumi.Input<string>;
    /** Subnets the nodes are launched in. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Exact node group name (≤ 63 characters: a letter or digit, then letters, digits, `-`, `_`). With an explicit name, a replacement deletes the old group first. Default: a generated name. */
    nodeGroupName?: pulumi.Input<string>;
    /** Prefix of a generated node group name. Exclusive with `nodeGroupName`. */
    nodeGroupNamePrefix?: pulumi.Input<string>;
    /** Operating-system family. Default: AmazonLinux2023. Required with a custom AMI. */
    osFamily?: pulumi.Input<OsFamily>;
    /** CPU architecture. Default: x86_64. */
    architecture?: pulumi.Input<CpuArchitecture>;
    /** Accelerator variant of the EKS-optimized AMI. Default: None. */
    accelerator?: pulumi.Input<AcceleratorVariant>;
    /** Windows edition and version (osFamily Windows only). Default: Core2022. */
    windowsVariant?: pulumi.Input<WindowsVariant>;
    /** An explicit EKS AMI type (e.g. `AL2023_ARM_64_STANDARD`), instead of osFamily/architecture/accelerator. Not allowed with a custom AMI. */
    amiType?: pulumi.Input<string>;
    /** AMI release version of the EKS-optimized AMI. Not allowed with a custom AMI. Default: the latest for the Kubernetes version. */
    releaseVersion?: pulumi.Input<string>;
    /** Kubernetes version of the nodes. Not allowed with a custom AMI. Default: `cluster.version` (the nodes follow the cluster), else the version EKS picks at creation (the cluster's then). */
    version?: pulumi.Input<string>;
    /** Instance types the node group may use (0–20). Exclusive with `launchTemplate.instanceType`. Default: t3.medium. */
    instanceTypes?: pulumi.Input<pulumi.Input<string>[]>;
    /** On-demand, Spot or capacity block. Default: ON_DEMAND. */
    capacityType?: pulumi.Input<CapacityType>;
    /** Size of the group. */
    scalingConfig: pulumi.Input<ScalingConfig>;
    /** Leave `scalingConfig.desiredSize` to an autoscaler after creation: later changes to it are ignored. Default: false. */
    ignoreDesiredSizeChanges?: boolean;
    /** Disruption budget and strategy of version updates. */
    updateConfig?: pulumi.Input<UpdateConfig>;
    /** Node auto repair. */
    nodeRepairConfig?: pulumi.Input<NodeRepairConfig>;
    /** A warm pool of pre-initialized instances (not with a custom AMI). */
    warmPoolConfig?: pulumi.Input<WarmPoolConfig>;
    /** How long the engine waits to create, update and delete the node group (its resource option customTimeouts). */
    nodeGroupTimeouts?: NodeGroupTimeouts;
    /** Update the nodes even when pods cannot be drained (a PodDisruptionBudget stops the drain). Default: false. */
    forceUpdateVersion?: pulumi.Input<boolean>;
    /** Kubernetes labels of the nodes. */
    labels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Kubernetes taints of the nodes. */
    taints?: pulumi.Input<pulumi.Input<Taint>[]>;
    /** Tags of the node group resource only (not its instances: see `launchTemplate.instanceTags`). */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Not allowed with a launch template: set `launchTemplate.rootVolume.sizeGib` instead. */
    diskSize?: pulumi.Input<Integer>;
    /** Not allowed with a launch template: set `launchTemplate.keyName` and a security group that allows SSH. */
    remoteAccess?: pulumi.Input<RemoteAccess>;
    /** The launch template the component creates for the group. */
    launchTemplate?: pulumi.Input<LaunchTemplate>;
    /**
     * Inputs of the aws.ec2.LaunchTemplate this package does not type yet, merged last (e.g. `cpuOptions`,
     * `maintenanceOptions`). Checked by the same rules: a field EKS refuses fails here as it does anywhere, and a
     * field the component types or writes itself is refused with where it belongs.
     */
    launchTemplateOverrides?: pulumi.Input<{ [key: string]: pulumi.Input<any> }>;
    /** Inputs of the aws.eks.NodeGroup this package does not type yet, merged last; checked like launchTemplateOverrides. */
    nodeGroupOverrides?: pulumi.Input<{ [key: string]: pulumi.Input<any> }>;
    /** Adopt an existing launch template and node group of the stack (their URNs) instead of creating new ones. */
    adopt?: Adoption;
    /** Windows with a custom AMI: create the EKS access entry of type EC2_WINDOWS for nodeRoleArn, without which the nodes cannot join (clusters with access entries enabled). Default: false. */
    createWindowsAccessEntry?: boolean;
}

// What TypeScript programs see. The settings EKS refuses beside a launch template are typed `never`
// there, so `tsc` refuses them with the doc comment saying where each belongs; the interfaces above
// keep their real types because they are the schema (scripts/schema.js reads them) that Python, Go,
// Java, .NET and YAML programs are generated from, where the rules refuse the same settings at preview.

/** A network interface of the launch template, as TypeScript programs write it. */
export interface TypedNetworkInterface extends Omit<NetworkInterface, "subnetId"> {
    /** Refused (EKS rejects a subnet in the template's interfaces): the node group's `subnetIds` chooses the subnets. */
    subnetId?: never;
}

/** The launch template settings, as TypeScript programs write them. */
export interface TypedLaunchTemplate extends Omit<LaunchTemplate, "networkInterfaces" | "iamInstanceProfile" | "instanceInitiatedShutdownBehavior" | "hibernationOptions"> {
    /** Network interface specifications: at most one per (network card, device index). Exclusive with `efa`. */
    networkInterfaces?: pulumi.Input<pulumi.Input<TypedNetworkInterface>[]>;
    /** Refused (EKS rejects an instance profile in the template): EKS makes it from the node group's `nodeRoleArn`. */
    iamInstanceProfile?: never;
    /** Refused (EKS rejects it in the template): EKS controls the instance lifecycle; leave it unset. */
    instanceInitiatedShutdownBehavior?: never;
    /** Refused (EKS rejects it in the template): EKS controls the instance lifecycle; leave it unset. */
    hibernationOptions?: never;
}

/**
 * The arguments of a ManagedNodeGroup as TypeScript programs write them (exported by the package as
 * `ManagedNodeGroupArgs`): the settings EKS refuses beside a launch template are `never`.
 */
export interface TypedManagedNodeGroupArgs extends Omit<ManagedNodeGroupArgs, "diskSize" | "remoteAccess" | "launchTemplate"> {
    /** Refused (EKS rejects diskSize with a launch template): set `launchTemplate.rootVolume.sizeGib`. */
    diskSize?: never;
    /** Refused (EKS rejects remoteAccess with a launch template): set `launchTemplate.keyName` and a security group that allows SSH (`launchTemplate.vpcSecurityGroupIds`). */
    remoteAccess?: never;
    /** The launch template the component creates for the group. */
    launchTemplate?: pulumi.Input<TypedLaunchTemplate>;
}
