// Compiled by `npm run typecheck` (tests/tsconfig.json), never run: what `tsc` refuses in a
// TypeScript program. Each `@ts-expect-error` fails the type-check if the line it marks compiles —
// so each proves a refusal; the lines without one prove what stays accepted.
import type * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroup, ManagedNodeGroupArgs } from "eks-nodegroup";
import { NodeGroupMocks } from "../../src/testing";
import type { ManagedNodeGroupArgs as SchemaArgs } from "../../src/args";

const valid: ManagedNodeGroupArgs = {
    cluster: { name: "prod" },
    nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
    subnetIds: ["subnet-a"],
    scalingConfig: { minSize: 1, maxSize: 3 },
    launchTemplate: { keyName: "ops", rootVolume: { sizeGib: 100 }, networkInterfaces: [{ securityGroups: ["sg-1"] }] },
};
// Leaving a refused setting undefined is not setting it.
export const unset: ManagedNodeGroupArgs = { ...valid, diskSize: undefined, launchTemplate: { networkInterfaces: [{ subnetId: undefined }] } };

export function refused(value: pulumi.Output<number>) {
    // @ts-expect-error diskSize belongs in launchTemplate.rootVolume.sizeGib
    new ManagedNodeGroup("a", { ...valid, diskSize: 100 });
    // @ts-expect-error not even as an output
    new ManagedNodeGroup("b", { ...valid, diskSize: value });
    // @ts-expect-error remoteAccess belongs in launchTemplate.keyName and a security group
    new ManagedNodeGroup("c", { ...valid, remoteAccess: { ec2SshKey: "ops" } });
    // @ts-expect-error the node group's subnetIds choose the subnets
    new ManagedNodeGroup("d", { ...valid, launchTemplate: { networkInterfaces: [{ subnetId: "subnet-x" }] } });
    // @ts-expect-error EKS makes the instance profile from nodeRoleArn
    new ManagedNodeGroup("e", { ...valid, launchTemplate: { iamInstanceProfile: { name: "p" } } });
    // @ts-expect-error EKS controls the instance lifecycle
    new ManagedNodeGroup("f", { ...valid, launchTemplate: { instanceInitiatedShutdownBehavior: "stop" } });
    // @ts-expect-error EKS controls the instance lifecycle
    new ManagedNodeGroup("g", { ...valid, launchTemplate: { hibernationOptions: { configured: true } } });
    // @ts-expect-error the same through the exported args type
    const args: ManagedNodeGroupArgs = { ...valid, diskSize: 20 };
    return args;
}

// The schema's interface (what Python, Go, Java, .NET and YAML programs are generated from) keeps
// them, so that the rules explain where each belongs in those languages.
export const schemaArgs: SchemaArgs = { ...valid, diskSize: 100, remoteAccess: { ec2SshKey: "ops" }, launchTemplate: { networkInterfaces: [{ subnetId: "subnet-x" }] } };

// What the component still is: a class, with the component's outputs.
export const isComponent = (x: unknown): x is ManagedNodeGroup => x instanceof ManagedNodeGroup;
export const nodeGroupName = (g: ManagedNodeGroup): pulumi.Output<string> => g.nodeGroupName;

// inputsOf is typed by the @pulumi/aws declarations for the component's children.
export function recorded(mocks: NodeGroupMocks) {
    const nodeGroup = mocks.inputsOf("aws:eks/nodeGroup:NodeGroup", "general");
    const amiType: string | undefined = nodeGroup.amiType;
    const minSize: number = nodeGroup.scalingConfig.minSize;
    const template = mocks.inputsOf("aws:ec2/launchTemplate:LaunchTemplate", "general");
    const hopLimit: number | undefined = template.metadataOptions?.httpPutResponseHopLimit;
    // @ts-expect-error no such input of aws.eks.NodeGroup
    void nodeGroup.diskSise;
    // @ts-expect-error the node group's scaling config holds numbers
    const wrong: string = nodeGroup.scalingConfig.maxSize;
    // Any other type: a plain record.
    const other: Record<string, unknown> = mocks.inputsOf("aws:iam/role:Role", "nodes");
    return { amiType, minSize, hopLimit, wrong, other };
}
