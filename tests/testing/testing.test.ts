// eks-nodegroup/testing as a user's suite uses it: the mocks stand in for @pulumi/eks's cluster,
// registered() settles at preview as at update, and inputsOf names what exists when asked for what does not.
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import { expect } from "chai";
import { fromEksCluster, ManagedNodeGroup } from "../../src";
import { registered, setNodeGroupMocks } from "../../src/testing";
import { LT, NG } from "../support/harness";

function declare(name: string, cluster: eks.Cluster, role: aws.iam.Role): ManagedNodeGroup {
    return new ManagedNodeGroup(name, { cluster: fromEksCluster(cluster.eksCluster), nodeRoleArn: role.arn, subnetIds: ["subnet-a"], scalingConfig: { minSize: 1, maxSize: 2 } });
}

describe("eks-nodegroup/testing", function () {
    this.timeout(20000);

    for (const preview of [false, true]) {
        it(`${preview ? "at preview" : "at update"}: an @pulumi/eks cluster's facts reach the node group, and registered() settles`, async () => {
            const mocks = await setNodeGroupMocks({ preview, cluster: { name: `c-${preview}` } });
            const role = new aws.iam.Role(`role-${preview}`, { assumeRolePolicy: "{}" });
            const cluster = new eks.Cluster(`cluster-${preview}`, { skipDefaultNodeGroup: true });
            const ng = declare(`ng-${preview}`, cluster, role);
            // Settles (a hang here was the old failure: an unknown value's apply that never runs) —
            // the suite's timeout bounds it, not a clock read here, so a busy machine cannot fail it.
            const children = await registered(ng);
            expect(children.nodeGroup).to.be.instanceOf(aws.eks.NodeGroup);
            const inputs = mocks.inputsOf(NG, `ng-${preview}`);
            expect(inputs.clusterName).to.equal(`c-${preview}`);
            // The role's ARN is computed: known at update, unknown at preview (as the engine leaves it).
            if (!preview) expect(inputs.nodeRoleArn).to.equal(`arn:aws:iam::123456789012:role/role-${preview}`);
            expect(mocks.inputsOf(LT, `ng-${preview}`).metadataOptions).to.include({ httpTokens: "required" });
        });
    }

    it("inputsOf names what was registered when the resource asked for is not there", async () => {
        const mocks = await setNodeGroupMocks();
        const vpc = new aws.ec2.Vpc("only", { cidrBlock: "10.0.0.0/16" });
        await (vpc.urn as unknown as { promise(): Promise<unknown> }).promise(); // registered with the mocks
        expect(() => mocks.inputsOf(NG, "missing")).to.throw(/no aws:eks\/nodeGroup:NodeGroup named "missing" was registered; registered: aws:ec2\/vpc:Vpc "only"/);
    });
});
