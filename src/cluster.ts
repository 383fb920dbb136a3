// TypeScript's shortcut from an aws.eks.Cluster (e.g. `@pulumi/eks`'s `cluster.eksCluster`, an
// Output of one) to the cluster facts a ManagedNodeGroup needs. Other languages pass the same
// fields explicitly.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, IpFamily } from "./args";

export function fromEksCluster(cluster: pulumi.Input<aws.eks.Cluster>): Cluster {
    const c = pulumi.output(cluster);
    const network = c.kubernetesNetworkConfig;
    return {
        name: c.name,
        endpoint: c.endpoint,
        certificateAuthority: c.certificateAuthority.data,
        serviceIpv4Cidr: network.serviceIpv4Cidr,
        serviceIpv6Cidr: network.serviceIpv6Cidr,
        ipFamily: network.ipFamily.apply((f) => (f === "ipv6" ? IpFamily.Ipv6 : IpFamily.Ipv4)),
        clusterSecurityGroupId: c.vpcConfig.clusterSecurityGroupId,
        vpcId: c.vpcConfig.vpcId,
        version: c.version,
    };
}
