// The component's children: the launch template, the node group that runs it, and for Windows the
// optional EC2_WINDOWS access entry — registered from a reviewed definition, parented to the component.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "./args";
import { launchTemplateArgs } from "./launchtemplate";
import { field } from "./model/deferred";
import { Review } from "./model/review";
import { nodeGroupArgs } from "./nodegroup";

export interface Children {
    launchTemplate: aws.ec2.LaunchTemplate;
    nodeGroup: aws.eks.NodeGroup;
    accessEntry?: aws.eks.AccessEntry;
}

/** What registering the children takes, in one value: they register from a promise reaction. */
export interface ChildPlan {
    name: string;
    parent: pulumi.ComponentResource;
    review: Review;
}

/** Resource options of the node group that the args decide directly (read from the resolved copy: own properties only). */
export function nodeGroupOptions(given: Partial<ManagedNodeGroupArgs>): pulumi.CustomResourceOptions & { windowsAccessEntry: boolean } {
    return {
        ignoreChanges: given.ignoreDesiredSizeChanges === true ? ["scalingConfig.desiredSize"] : undefined,
        // An explicit name cannot exist twice: delete the old group before creating its replacement.
        deleteBeforeReplace: given.nodeGroupName !== undefined && given.nodeGroupName !== null,
        windowsAccessEntry: given.createWindowsAccessEntry === true,
    };
}

interface AwsResources {
    LaunchTemplate: typeof aws.ec2.LaunchTemplate;
    NodeGroup: typeof aws.eks.NodeGroup;
}
let awsResources: AwsResources | undefined;

/** The AWS resource modules, loaded on first use (importing the package stays light), then kept: require costs a path lookup per call. */
function awsResourceClasses(): AwsResources {
    /* eslint-disable @typescript-eslint/no-require-imports */
    return awsResources ??= {
        LaunchTemplate: (require("@pulumi/aws/ec2/launchTemplate") as typeof import("@pulumi/aws/ec2/launchTemplate")).LaunchTemplate,
        NodeGroup: (require("@pulumi/aws/eks/nodeGroup") as typeof import("@pulumi/aws/eks/nodeGroup")).NodeGroup,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

export function registerChildren({ name, parent, review: r }: ChildPlan): Children {
    const { LaunchTemplate, NodeGroup } = awsResourceClasses();
    // Values resolved from other resources' outputs are passed as plain values; keep their ordering.
    const dependsOn = r.spec.resolved.resources.size > 0 ? [...r.spec.resolved.resources] : undefined;
    const launchTemplate = new LaunchTemplate(name, launchTemplateArgs(r), { parent, dependsOn });
    const options = nodeGroupOptions(r.spec.args as Partial<ManagedNodeGroupArgs>);
    const nodeGroup = new NodeGroup(name, nodeGroupArgs(r.spec, launchTemplate), {
        parent,
        dependsOn,
        ignoreChanges: options.ignoreChanges,
        deleteBeforeReplace: options.deleteBeforeReplace,
        // EKS cannot switch a group between a custom AMI and an EKS AMI in place.
        replacementTrigger: r.spec.customAmi ? "custom-ami" : "eks-optimized-ami",
    });
    let accessEntry: aws.eks.AccessEntry | undefined;
    if (options.windowsAccessEntry) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { AccessEntry } = require("@pulumi/aws/eks/accessEntry") as typeof import("@pulumi/aws/eks/accessEntry");
        accessEntry = new AccessEntry(`${name}-windows`, {
            clusterName: field(r.spec.input.cluster, "name") as pulumi.Input<string>,
            principalArn: r.spec.input.nodeRoleArn as pulumi.Input<string>,
            type: "EC2_WINDOWS",
        }, { parent, dependsOn });
    }
    return { launchTemplate, nodeGroup, accessEntry };
}
