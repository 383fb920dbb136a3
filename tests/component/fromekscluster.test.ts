// fromEksCluster on a cluster created in the same program: at the first preview EKS has computed
// nothing yet, and what it computes for every cluster (the cluster security group, CA, service CIDR)
// is not known — never "not set". The most common first program a team writes must preview clean.
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { fromEksCluster, OsFamily } from "../../src";
import { baseArgs, run } from "../support/harness";

// vpcConfig and kubernetesNetworkConfig are given, so they are known at preview without the fields EKS computes.
const newCluster = () => new aws.eks.Cluster("prod", { name: "prod", roleArn: "arn:aws:iam::123456789012:role/eks", version: "1.33",
    vpcConfig: { subnetIds: ["subnet-a"] }, kubernetesNetworkConfig: { ipFamily: "ipv4" } });

describe("fromEksCluster on a new cluster", function () {
    this.timeout(30000);

    it("with custom security groups: no lt-cluster-security-group at preview (the cluster's group is not known yet)", async () => {
        const r = await run(() => baseArgs({ cluster: fromEksCluster(newCluster()), launchTemplate: { vpcSecurityGroupIds: ["sg-0123456789abcdef0"] } }), { preview: true });
        expect(r.review.findings.map((f) => f.ruleId)).to.deep.equal([]);
        expect(r.warnings).to.deep.equal([]);
    });

    it("with a custom AMI: the CA and service CIDR wait for the cluster instead of being reported missing", async () => {
        const r = await run(() => baseArgs({ cluster: fromEksCluster(newCluster()), osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-0123456789abcdef0" } }), { preview: true });
        expect(r.error?.message).to.equal(undefined);
        expect(r.review.findings.map((f) => f.ruleId)).to.deep.equal([]);
    });

    it("at update a group EKS did not report is still reported (the mock's cluster has none)", async () => {
        const r = await run(() => baseArgs({ cluster: fromEksCluster(newCluster()), launchTemplate: { vpcSecurityGroupIds: ["sg-0123456789abcdef0"] } }), { preview: false });
        expect(r.review.findings.map((f) => f.ruleId)).to.include("lt-cluster-security-group");
    });
});
