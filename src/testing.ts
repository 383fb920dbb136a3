// `eks-nodegroup/testing`: what a program's own test suite needs to test its node groups under
// Pulumi's mock runtime (pulumi.runtime.setMocks); tests/testing/testing.test.ts runs it as a user's suite would.
//
//   const mocks = await setNodeGroupMocks();          // before importing the program
//   const { nodeGroup } = await registered(general);   // rejects at once with the rule messages
//   expect(mocks.inputsOf("aws:eks/nodeGroup:NodeGroup", "general").amiType).to.equal(...)
//
// validate(args) (exported by the package itself) checks one definition without any of this.
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { ManagedNodeGroup, registeredChildren } from "./component";
import { InvokeAnswer, ResourceRecorder } from "./validate/mockruntime";

export type { RegisteredResource } from "./validate/mockruntime";

/** The type token of @pulumi/eks's Cluster component. */
export const EKS_CLUSTER_TYPE = "eks:index:Cluster";

/** A CA bundle of the shape EKS returns (base64 of a PEM certificate), for tests only. */
export const TEST_CERTIFICATE_AUTHORITY = Buffer.from(
    "-----BEGIN CERTIFICATE-----\nMIIBfzCCASWgAwIBAgIUauS8vRIXNWn3XIGE9S/u1FacH2wwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n",
).toString("base64");

/** What the fake @pulumi/eks cluster reports as its `eksCluster` (an aws.eks.Cluster's outputs). */
export interface FakeEksCluster {
    name: string;
    endpoint: string;
    /** Base64 of the PEM CA bundle. */
    certificateAuthorityData: string;
    version: string;
    serviceIpv4Cidr: string;
    ipFamily: "ipv4" | "ipv6";
    clusterSecurityGroupId: string;
    vpcId: string;
}

export const DEFAULT_FAKE_CLUSTER: FakeEksCluster = {
    name: "test-cluster",
    endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com",
    certificateAuthorityData: TEST_CERTIFICATE_AUTHORITY,
    version: "1.33",
    serviceIpv4Cidr: "10.100.0.0/16",
    ipFamily: "ipv4",
    clusterSecurityGroupId: "sg-0123456789abcdef0",
    vpcId: "vpc-0123456789abcdef0",
};

/** The outputs @pulumi/eks's Cluster registers that a node group program reads. */
function eksClusterState(inputs: Record<string, unknown>, c: FakeEksCluster): Record<string, unknown> {
    const eksCluster: Partial<Record<keyof aws.eks.Cluster, unknown>> = {
        name: c.name, endpoint: c.endpoint, version: c.version, arn: `arn:aws:eks:us-east-1:123456789012:cluster/${c.name}`,
        certificateAuthority: { data: c.certificateAuthorityData },
        kubernetesNetworkConfig: { serviceIpv4Cidr: c.serviceIpv4Cidr, ipFamily: c.ipFamily },
        vpcConfig: { clusterSecurityGroupId: c.clusterSecurityGroupId, vpcId: c.vpcId },
    };
    return { ...inputs, eksCluster, kubeconfig: { apiVersion: "v1", kind: "Config", clusters: [{ name: c.name, cluster: { server: c.endpoint } }] },
        clusterSecurityGroupId: c.clusterSecurityGroupId };
}

export interface NodeGroupMocksOptions {
    /** Run as `pulumi preview` (computed outputs unknown, as the engine leaves them). Default: false. */
    preview?: boolean;
    /** What the fake @pulumi/eks cluster reports (merged onto DEFAULT_FAKE_CLUSTER). */
    cluster?: Partial<FakeEksCluster>;
    /** Answers function calls (invokes); the default answers none, so EC2 instance data stays unknown. */
    invoke?: InvokeAnswer;
    project?: string;
    stack?: string;
}

/**
 * The inputs the mocks record for each resource the component registers, as plain values (outputs
 * resolved; what is unknown at preview is absent).
 */
export interface RecordedInputs {
    "aws:eks/nodeGroup:NodeGroup": pulumi.Unwrap<aws.eks.NodeGroupArgs>;
    "aws:ec2/launchTemplate:LaunchTemplate": pulumi.Unwrap<aws.ec2.LaunchTemplateArgs>;
    "aws:eks/accessEntry:AccessEntry": pulumi.Unwrap<aws.eks.AccessEntryArgs>;
}

/**
 * Pulumi mocks that record every resource, give the AWS children the outputs AWS would compute
 * (template id and version, node group name and ARN), and stand in for @pulumi/eks's Cluster
 * component, which under mocks has no outputs of its own (`cluster.name is required` otherwise).
 */
export class NodeGroupMocks extends ResourceRecorder {
    private readonly cluster: FakeEksCluster;

    constructor(options: NodeGroupMocksOptions = {}) {
        super(options.preview ?? false, options.invoke);
        this.cluster = { ...DEFAULT_FAKE_CLUSTER, ...options.cluster };
    }

    override newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        if (args.type === EKS_CLUSTER_TYPE) {
            this.resources.push({ type: args.type, name: args.name, inputs: args.inputs });
            return { id: undefined, state: eksClusterState(args.inputs, this.cluster) };
        }
        const made = super.newResource(args);
        // Any other AWS resource gets the ARN AWS would give it (a node role's arn feeds nodeRoleArn).
        if (!this.preview && args.type.startsWith("aws:") && made.state.arn === undefined) {
            made.state = { ...made.state, arn: fakeArn(args.type, args.name) };
        }
        return made;
    }

    /**
     * The inputs one resource was registered with, typed as the installed @pulumi/aws declares them for
     * the resources the component creates (any other type: a plain record); throws, naming what was
     * registered, when there is none.
     */
    inputsOf<T extends keyof RecordedInputs>(type: T, name: string): RecordedInputs[T];
    inputsOf(type: string, name: string): Record<string, unknown>;
    inputsOf(type: string, name: string): Record<string, unknown> {
        const found = this.resources.find((r) => r.type === type && r.name === name);
        if (found === undefined) {
            throw new Error(`no ${type} named "${name}" was registered; registered: ${this.resources.map((r) => `${r.type} "${r.name}"`).join(", ") || "nothing"}`);
        }
        return found.inputs;
    }
}

/** `aws:iam/role:Role` "nodes" → arn:aws:iam::123456789012:role/nodes. */
function fakeArn(type: string, name: string): string {
    const [, module, kind] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
    const regional = module !== "iam" && module !== "s3";
    return `arn:aws:${module ?? "aws"}:${regional ? "us-east-1" : ""}:123456789012:${kind ?? "resource"}/${name}`;
}

/** Installs NodeGroupMocks with pulumi.runtime.setMocks; declare the program's resources afterwards. */
export async function setNodeGroupMocks(options: NodeGroupMocksOptions = {}): Promise<NodeGroupMocks> {
    const mocks = new NodeGroupMocks(options);
    await pulumi.runtime.setMocks(mocks, options.project ?? "project", options.stack ?? "test", options.preview ?? false);
    return mocks;
}

/** A component's children once registered with the mocks (urns assigned). */
export interface RegisteredChildren {
    launchTemplate: aws.ec2.LaunchTemplate;
    nodeGroup: aws.eks.NodeGroup;
    accessEntry?: aws.eks.AccessEntry;
}

/**
 * Resolves once the component's children are registered; rejects as soon as its review fails,
 * with the rule messages (`ManagedNodeGroup "x" has 2 invalid settings: - [ng-scaling] …`) — an
 * invalid definition never registers its children, so awaiting one of their outputs would wait
 * until the test's timeout. Works under preview too: it awaits no output that preview leaves unknown.
 */
export async function registered(component: ManagedNodeGroup): Promise<RegisteredChildren> {
    const children = await registeredChildren(component);
    return { launchTemplate: children.launchTemplate, nodeGroup: children.nodeGroup, accessEntry: children.accessEntry };
}
