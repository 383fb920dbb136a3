// The two node groups of the example, on any EKS cluster: an aws.eks.Cluster — which is what
// @pulumi/eks's `cluster.eksCluster` is — and the nodes' role and subnets. index.ts calls it with an
// @pulumi/eks cluster; tests/e2e/typescript.test.ts runs it under the real Pulumi engine.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CapacityType, CpuArchitecture, fromEksCluster, ManagedNodeGroup, OsFamily, TaintEffect } from "eks-nodegroup";

export interface NodeGroupsArgs {
    cluster: pulumi.Input<aws.eks.Cluster>;
    nodeRoleArn: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    /** The Bottlerocket AMI the batch group is pinned to. */
    bottlerocketAmiId: string;
    /** The general group's instance types (default: m7g.large, m6g.large). */
    generalInstanceTypes?: string[];
    /** Extra kubelet flags of the general group. */
    generalKubeletArgs?: string[];
}

/** An Amazon Linux 2023 group on the EKS-optimized AMI, and a Bottlerocket Spot group on a pinned custom AMI. */
export function nodeGroups(args: NodeGroupsArgs): { general: ManagedNodeGroup; batch: ManagedNodeGroup } {
    const cluster = fromEksCluster(args.cluster);

    const general = new ManagedNodeGroup("general", {
        cluster,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        osFamily: OsFamily.AmazonLinux2023,
        architecture: CpuArchitecture.Arm64,
        instanceTypes: args.generalInstanceTypes ?? ["m7g.large", "m6g.large"],
        scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 3 },
        ignoreDesiredSizeChanges: true,
        updateConfig: { maxUnavailablePercentage: 25 },
        labels: { pool: "general" },
        launchTemplate: {
            instanceTags: { team: "platform" },
            rootVolume: { sizeGib: 50 },
            userData: { kubeletExtraArgs: args.generalKubeletArgs ?? ["--image-gc-high-threshold=80"] },
        },
    });

    const batch = new ManagedNodeGroup("batch", {
        cluster,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        osFamily: OsFamily.Bottlerocket,
        capacityType: CapacityType.Spot,
        instanceTypes: ["c6i.xlarge", "c5.xlarge", "c6a.xlarge"],
        scalingConfig: { minSize: 0, maxSize: 20 },
        taints: [{ key: "workload", value: "batch", effect: TaintEffect.NoSchedule }],
        launchTemplate: {
            // Pinned: nodes roll only when this id changes.
            imageId: args.bottlerocketAmiId,
            userData: { maxPods: 58 },
        },
    });

    return { general, batch };
}
