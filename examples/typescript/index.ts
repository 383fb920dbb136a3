// An EKS cluster from @pulumi/eks, and two managed node groups on launch templates of their own:
// Amazon Linux 2023 on the EKS-optimized AMI, and Bottlerocket on a pinned custom AMI.
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { CapacityType, CpuArchitecture, fromEksCluster, ManagedNodeGroup, OsFamily, TaintEffect } from "eks-nodegroup";

const config = new pulumi.Config();
const vpcId = config.require("vpcId");
const privateSubnetIds = config.requireObject<string[]>("privateSubnetIds");

const nodeRole = new aws.iam.Role("nodes", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ec2.amazonaws.com" }),
    managedPolicyArns: [
        "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    ],
});

const cluster = new eks.Cluster("prod", {
    vpcId,
    privateSubnetIds,
    skipDefaultNodeGroup: true,
    instanceRoles: [nodeRole],
});

const general = new ManagedNodeGroup("general", {
    cluster: fromEksCluster(cluster.eksCluster),
    nodeRoleArn: nodeRole.arn,
    subnetIds: privateSubnetIds,
    osFamily: OsFamily.AmazonLinux2023,
    architecture: CpuArchitecture.Arm64,
    instanceTypes: ["m7g.large", "m6g.large"],
    scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 3 },
    ignoreDesiredSizeChanges: true,
    updateConfig: { maxUnavailablePercentage: 25 },
    labels: { pool: "general" },
    launchTemplate: {
        instanceTags: { team: "platform" },
        rootVolume: { sizeGiB: 50 },
        userData: { kubeletExtraArgs: ["--image-gc-high-threshold=80"] },
    },
});

const batch = new ManagedNodeGroup("batch", {
    cluster: fromEksCluster(cluster.eksCluster),
    nodeRoleArn: nodeRole.arn,
    subnetIds: privateSubnetIds,
    osFamily: OsFamily.Bottlerocket,
    capacityType: CapacityType.Spot,
    instanceTypes: ["c6i.xlarge", "c5.xlarge", "c6a.xlarge"],
    scalingConfig: { minSize: 0, maxSize: 20 },
    taints: [{ key: "workload", value: "batch", effect: TaintEffect.NoSchedule }],
    launchTemplate: {
        // Pinned: nodes roll only when this id changes.
        imageId: config.require("bottlerocketAmiId"),
        userData: { maxPods: 58 },
    },
});

export const kubeconfig = cluster.kubeconfig;
export const generalNodeGroup = general.nodeGroupName;
export const batchNodeGroup = batch.nodeGroupName;
export const batchLaunchTemplateVersion = batch.launchTemplateVersion;
