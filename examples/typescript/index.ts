// An EKS cluster from @pulumi/eks, and two managed node groups on launch templates of their own:
// Amazon Linux 2023 on the EKS-optimized AMI, and Bottlerocket on a pinned custom AMI (nodegroups.ts).
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { nodeGroups } from "./nodegroups";

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

const { general, batch } = nodeGroups({
    cluster: cluster.eksCluster,
    nodeRoleArn: nodeRole.arn,
    subnetIds: privateSubnetIds,
    bottlerocketAmiId: config.require("bottlerocketAmiId"),
});

export const kubeconfig = cluster.kubeconfig;
export const generalNodeGroup = general.nodeGroupName;
export const batchNodeGroup = batch.nodeGroupName;
export const batchLaunchTemplateVersion = batch.launchTemplateVersion;
