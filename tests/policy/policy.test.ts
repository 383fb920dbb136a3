// How the policy pack reads a stack: which template a node group uses, what it does with values
// unknown at preview, and which rules apply to node groups without a template.
import { expect } from "chai";
import { PolicyResource } from "@pulumi/policy";
import { policies, policyFor } from "../../src/policy";
import { pairsOf } from "../../src/policy/subject";
import { catalogue, ruleById } from "../../src/rules";
import { runsIn } from "../../src/rules/rule";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, resource, stack, UNKNOWN_STRING, validate } from "../support/policy";

const LT_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";
const NG_TYPE = "aws:eks/nodeGroup:NodeGroup";

describe("policy pack", () => {
    it("has one policy per rule of the pack's door, mandatory for errors and advisory for warnings", () => {
        expect(policies.map((p) => p.name)).to.deep.equal(catalogue.filter((r) => runsIn(r, "pack")).map((r) => r.id));
        expect(policies.map((p) => p.name)).to.not.include("args-schema"); // the component's args only
        for (const p of policies) {
            expect(p.enforcementLevel).to.equal(ruleById(p.name)!.severity === "error" ? "mandatory" : "advisory");
        }
    });

    it("pairs a node group with its template through the launchTemplate property's dependencies (ids unknown at preview)", async () => {
        const lt = resource(LT_TYPE, "lt", { ...BASE_LAUNCH_TEMPLATE, id: UNKNOWN_STRING, iamInstanceProfile: { name: "p" } });
        const other = resource(LT_TYPE, "other", { ...BASE_LAUNCH_TEMPLATE, id: UNKNOWN_STRING });
        const ng = resource(NG_TYPE, "ng", { ...BASE_NODE_GROUP, launchTemplate: { id: UNKNOWN_STRING, version: UNKNOWN_STRING } });
        (ng as { propertyDependencies: Record<string, PolicyResource[]> }).propertyDependencies = { launchTemplate: [lt] };
        const [pair] = pairsOf([other, lt, ng]);
        expect(pair.launchTemplate).to.equal(lt);
        const violations = await validate(policyFor(ruleById("lt-no-iam-instance-profile")!), [other, lt, ng]);
        expect(violations).to.have.length(1);
        expect(violations[0].urn).to.equal(lt.urn);
    });

    it("reads the cluster security group of the stack's cluster for lt-cluster-security-group (the component's own template passes)", async () => {
        const policy = policyFor(ruleById("lt-cluster-security-group")!);
        const cluster = (sg: unknown) => resource("aws:eks/cluster:Cluster", "prod", { name: "prod", vpcConfig: { clusterSecurityGroupId: sg } });
        const withGroups = (groups: unknown[]) => stack({ ...BASE_LAUNCH_TEMPLATE, vpcSecurityGroupIds: groups }, BASE_NODE_GROUP);
        expect(await validate(policy, [cluster("sg-cluster"), ...withGroups(["sg-1", "sg-cluster"])])).to.deep.equal([]);
        expect(await validate(policy, [cluster(UNKNOWN_STRING), ...withGroups(["sg-1"])])).to.deep.equal([]);
        expect(await validate(policy, [cluster("sg-cluster"), ...withGroups(["sg-1"])])).to.have.length(1);
        // A new cluster at preview: its group is not computed yet (absent or unknown), and the template lists it as unknown.
        const newCluster = resource("aws:eks/cluster:Cluster", "prod", { name: "prod", vpcConfig: { subnetIds: ["subnet-a"] } });
        expect(await validate(policy, [newCluster, ...withGroups(["sg-1"])])).to.deep.equal([]);
        expect(await validate(policy, withGroups(["sg-1", UNKNOWN_STRING]))).to.deep.equal([]);
        // A node group whose cluster name is not known yet names some cluster of the stack, maybe this one.
        expect(await validate(policy, stack({ ...BASE_LAUNCH_TEMPLATE, vpcSecurityGroupIds: ["sg-1"] }, { ...BASE_NODE_GROUP, clusterName: UNKNOWN_STRING }))).to.deep.equal([]);
        // Without the cluster in the stack the pack cannot tell, and says so.
        expect(await validate(policy, withGroups(["sg-1", "sg-cluster"]))).to.have.length(1);
        // Unless the template is a ManagedNodeGroup's: the component had the cluster's group in its args and decided.
        const [lt, ng] = withGroups(["sg-1"]);
        (lt as { parent?: unknown }).parent = resource("eks-nodegroup:index:ManagedNodeGroup", "nodes", {});
        expect(await validate(policy, [lt, ng])).to.deep.equal([]);
    });

    it("pairs by template name too", () => {
        const lt = resource(LT_TYPE, "lt", BASE_LAUNCH_TEMPLATE);
        const ng = resource(NG_TYPE, "ng", { ...BASE_NODE_GROUP, launchTemplate: { name: BASE_LAUNCH_TEMPLATE.name, version: "$Latest" } });
        expect(pairsOf([lt, ng])[0].launchTemplate).to.equal(lt);
    });

    it("skips only the values unknown at preview, and still checks the rest", async () => {
        const resources = stack({ ...BASE_LAUNCH_TEMPLATE, keyName: UNKNOWN_STRING, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: UNKNOWN_STRING } },
            merge(BASE_NODE_GROUP, { diskSize: 50, scalingConfig: { minSize: UNKNOWN_STRING, maxSize: 0, desiredSize: UNKNOWN_STRING } }));
        expect(await validate(policyFor(ruleById("lt-imds-hop-limit")!), resources)).to.deep.equal([]);
        expect((await validate(policyFor(ruleById("ng-no-disk-size")!), resources)).map((v) => v.message)).to.have.length(1);
        const scaling = await validate(policyFor(ruleById("ng-scaling")!), resources);
        expect(scaling.map((v) => v.message.split(":")[0])).to.deep.equal(["[ng-scaling] scalingConfig.maxSize"]);
    });

    it("checks node groups without a template only against the rules that hold for every node group", async () => {
        const resources = [resource(NG_TYPE, "ng", merge(BASE_NODE_GROUP, { launchTemplate: null, diskSize: 50, nodeGroupName: "-bad", remoteAccess: { ec2SshKey: "ops" } }))];
        const reported: string[] = [];
        for (const p of policies) for (const v of await validate(p, resources)) reported.push(v.message.split(" ")[0]);
        expect(reported).to.deep.equal(["[ng-name]"]);
    });

    it("passes a well-formed raw launch template and node group with no violations at all", async () => {
        for (const p of policies) expect(await validate(p, stack(BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP)), p.name).to.deep.equal([]);
    });
});
