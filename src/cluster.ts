// TypeScript's shortcut from an aws.eks.Cluster (e.g. `@pulumi/eks`'s `cluster.eksCluster`, an
// Output of one) to the cluster facts a ManagedNodeGroup needs. Other languages pass the same
// fields explicitly.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, IpFamily } from "./args";

/**
 * A value EKS computes for every cluster (its security group, VPC, CA, the family's service CIDR):
 * absent at preview means the cluster is new and EKS has not computed it yet — not known, never "not
 * set" (a provider may leave a nested computed field out of a create's preview instead of marking
 * it unknown). At update an absent value stays absent, and the rules then say so.
 */
function filledByEks(value: pulumi.Output<string>, filled: pulumi.Output<boolean> = pulumi.output(true)): pulumi.Output<string> {
    return pulumi.all([value, filled]).apply(([v, f]) => (v === undefined && f && pulumi.runtime.isDryRun() ? (pulumi.unknown as string) : v));
}

export function fromEksCluster(cluster: pulumi.Input<aws.eks.Cluster>): Cluster {
    const c = pulumi.output(cluster);
    const network = c.kubernetesNetworkConfig;
    const ipv6 = network.ipFamily.apply((f) => f === "ipv6");
    return {
        name: c.name,
        endpoint: c.endpoint,
        certificateAuthority: filledByEks(c.certificateAuthority.data),
        // EKS fills the service CIDR of the cluster's own family only.
        serviceIpv4Cidr: filledByEks(network.serviceIpv4Cidr, ipv6.apply((v6) => !v6)),
        serviceIpv6Cidr: filledByEks(network.serviceIpv6Cidr, ipv6),
        ipFamily: ipv6.apply((v6) => (v6 ? IpFamily.Ipv6 : IpFamily.Ipv4)),
        clusterSecurityGroupId: filledByEks(c.vpcConfig.clusterSecurityGroupId),
        vpcId: filledByEks(c.vpcConfig.vpcId),
        version: c.version,
    };
}
