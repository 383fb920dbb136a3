// TypeScript's shortcut from an aws.eks.Cluster (e.g. `@pulumi/eks`'s `cluster.eksCluster`) to
// the cluster facts a ManagedNodeGroup needs. Other languages pass the same fields explicitly.
import * as aws from "@pulumi/aws";
import { ClusterArgs, IpFamily } from "./args";

export function fromEksCluster(cluster: aws.eks.Cluster): ClusterArgs {
    const network = cluster.kubernetesNetworkConfig;
    return {
        name: cluster.name,
        endpoint: cluster.endpoint,
        certificateAuthority: cluster.certificateAuthority.data,
        serviceIpv4Cidr: network.serviceIpv4Cidr,
        serviceIpv6Cidr: network.serviceIpv6Cidr,
        ipFamily: network.ipFamily.apply((f) => (f === "ipv6" ? IpFamily.Ipv6 : IpFamily.Ipv4)),
        clusterSecurityGroupId: cluster.vpcConfig.clusterSecurityGroupId,
    };
}
