// The node group's Kubernetes version: the cluster's unless pinned, so a cluster upgrade rolls the
// nodes (an in-place update of version); none with a custom AMI (the AMI decides).
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { fromEksCluster, OsFamily } from "../../src";
import { baseArgs, errorPaths, run } from "../support/harness";

const withClusterVersion = (version: string, extra: object = {}) => baseArgs({ cluster: { ...baseArgs().cluster, version }, ...extra });

describe("Kubernetes version", () => {
    it("follows the cluster's when the node group names none", async () => {
        const r = await run(() => withClusterVersion("1.31"), { preview: true });
        expect(r.nodeGroup!.inputs.version).to.equal("1.31");
    });

    it("keeps a pinned version, and sends none with a custom AMI", async () => {
        const pinned = await run(() => withClusterVersion("1.32", { version: "1.31" }), { preview: true });
        expect(pinned.nodeGroup!.inputs.version).to.equal("1.31");
        const custom = await run(() => withClusterVersion("1.32", { osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-1" } }), { preview: true });
        expect(custom.error).to.equal(undefined);
        expect(custom.nodeGroup!.inputs.version).to.equal(undefined);
    });

    it("refuses Amazon Linux 2 once the cluster is past 1.32", async () => {
        const r = await run(() => withClusterVersion("1.33", { osFamily: OsFamily.AmazonLinux2 }), { preview: true });
        expect(errorPaths(r)).to.deep.equal(["osFamily"]);
    });

    it("is carried by fromEksCluster from an aws.eks.Cluster", async () => {
        const r = await run(() => {
            const cluster = new aws.eks.Cluster("prod", { name: "prod", roleArn: "arn:aws:iam::123456789012:role/eks", version: "1.33",
                vpcConfig: { subnetIds: ["subnet-a"] }, kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/16", ipFamily: "ipv4" } });
            return baseArgs({ cluster: fromEksCluster(cluster) });
        }, { preview: false });
        expect(r.error?.message, r.error?.message).to.equal(undefined);
        expect(r.nodeGroup!.inputs.version).to.equal("1.33");
    });
});
