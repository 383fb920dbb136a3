// The component's children: the launch template, the node group that runs it, and for Windows the
// optional EC2_WINDOWS access entry — registered from a reviewed definition, parented to the component.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "../args";
import { launchTemplateArgs } from "./launchtemplate";
import { member, whenKnown } from "../base/deferred";
import { Review } from "../model/review";
import { nodeGroupArgs } from "./nodegroup";

export interface Children {
    /** The security group of the EFA interfaces, when the component creates it. */
    efaSecurityGroup?: aws.ec2.SecurityGroup;
    /** The cluster placement group, when the component creates it. */
    placementGroup?: aws.ec2.PlacementGroup;
    launchTemplate: aws.ec2.LaunchTemplate;
    nodeGroup: aws.eks.NodeGroup;
    accessEntry?: aws.eks.AccessEntry;
    /** The resource options that decide what a change does to the template and the node group, as registered (the plan shows them). */
    options: ChildOptions;
}

/** The options registerChildren gave the children, beyond parent and dependsOn. */
export interface ChildOptions {
    launchTemplate: { aliases?: string[] };
    nodeGroup: NodeGroupResourceOptions & { aliases?: string[] };
}

/** What registering the children takes, in one value: they register from a promise reaction. */
export interface ChildPlan {
    name: string;
    parent: pulumi.ComponentResource;
    review: Review;
}

/** Resource options of the node group that the args decide directly (read from the resolved copy: own properties only). */
export function nodeGroupOptions(given: Partial<ManagedNodeGroupArgs>): { ignoreChanges?: string[]; deleteBeforeReplace: boolean; windowsAccessEntry: boolean } {
    return {
        ignoreChanges: given.ignoreDesiredSizeChanges === true ? ["scalingConfig.desiredSize"] : undefined,
        // An explicit name cannot exist twice: delete the old group before creating its replacement.
        deleteBeforeReplace: given.nodeGroupName !== undefined && given.nodeGroupName !== null,
        windowsAccessEntry: given.createWindowsAccessEntry === true,
    };
}

/** The node group's resource options that decide what a change does to it: registerChildren sets them, the plan shows them. */
export interface NodeGroupResourceOptions {
    ignoreChanges?: string[];
    customTimeouts?: pulumi.CustomTimeouts;
    deleteBeforeReplace: boolean;
    /** EKS cannot switch a group between a custom AMI and an EKS AMI in place: a change of this value replaces it. */
    replacementTrigger: "custom-ami" | "eks-optimized-ami";
}

/** The adopted child's alias (adopt.launchTemplateUrn / adopt.nodeGroupUrn), as a resource option. */
export function adoptionOptions(r: Review, child: "launchTemplate" | "nodeGroup"): { aliases?: string[] } {
    // Known strings here: adopt-urns refuses anything else before the children register.
    const urn = r.spec.args.adopt?.[child === "launchTemplate" ? "launchTemplateUrn" : "nodeGroupUrn"];
    return typeof urn === "string" ? { aliases: [urn] } : {};
}

export function nodeGroupResourceOptions(r: Review): NodeGroupResourceOptions {
    const args = r.spec.args;
    const { ignoreChanges, deleteBeforeReplace } = nodeGroupOptions(args);
    const timeouts = args.nodeGroupTimeouts;
    const customTimeouts = timeouts && (timeouts.create || timeouts.update || timeouts.delete)
        ? { create: timeouts.create, update: timeouts.update, delete: timeouts.delete } : undefined;
    return { ...(ignoreChanges ? { ignoreChanges } : {}), ...(customTimeouts ? { customTimeouts } : {}),
        deleteBeforeReplace, replacementTrigger: r.spec.customAmi ? "custom-ami" : "eks-optimized-ami" };
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

/** What the template refers to and the component creates: EFA's self-referencing security group, a cluster placement group. */
function registerTemplateParts({ name, parent, review: r }: ChildPlan, dependsOn: pulumi.Resource[] | undefined): Pick<Children, "efaSecurityGroup" | "placementGroup"> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    let efaSecurityGroup: aws.ec2.SecurityGroup | undefined;
    if (r.spec.createsEfaSecurityGroup) {
        const { SecurityGroup } = require("@pulumi/aws/ec2/securityGroup") as typeof import("@pulumi/aws/ec2/securityGroup");
        const vpcId = whenKnown(member(r.spec.input.launchTemplate, "efa"), (e) => e?.vpcId ?? member(r.spec.input.cluster, "vpcId"));
        // EFA traffic (OS-bypass included) must flow between every EFA interface of the group: all of it, to and from the group itself.
        const self = [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }];
        efaSecurityGroup = new SecurityGroup(`${name}-efa`, {
            vpcId,
            description: "EFA interfaces of an EKS managed node group (eks-nodegroup): all traffic within the group",
            ingress: self,
            egress: self,
        }, { parent, dependsOn });
    }
    let placementGroup: aws.ec2.PlacementGroup | undefined;
    if (r.spec.createsPlacementGroup) {
        const { PlacementGroup } = require("@pulumi/aws/ec2/placementGroup") as typeof import("@pulumi/aws/ec2/placementGroup");
        placementGroup = new PlacementGroup(`${name}-cluster`, { strategy: "cluster" }, { parent, dependsOn });
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { efaSecurityGroup, placementGroup };
}

export function registerChildren(plan: ChildPlan): Children {
    const { name, parent, review: r } = plan;
    const { LaunchTemplate, NodeGroup } = awsResourceClasses();
    // Values resolved from other resources' outputs are passed as plain values; keep their ordering.
    const dependsOn = r.spec.resolved.resources.size > 0 ? [...r.spec.resolved.resources] : undefined;
    const { efaSecurityGroup, placementGroup } = registerTemplateParts(plan, dependsOn);
    const options: ChildOptions = {
        launchTemplate: adoptionOptions(r, "launchTemplate"),
        nodeGroup: { ...nodeGroupResourceOptions(r), ...adoptionOptions(r, "nodeGroup") },
    };
    const launchTemplate = new LaunchTemplate(name, launchTemplateArgs(r, {
        efaSecurityGroupId: efaSecurityGroup?.id, placementGroupName: placementGroup?.name,
    }), { parent, dependsOn, ...options.launchTemplate });
    const nodeGroup = new NodeGroup(name, nodeGroupArgs(r.spec, launchTemplate), { parent, dependsOn, ...options.nodeGroup });
    let accessEntry: aws.eks.AccessEntry | undefined;
    if (nodeGroupOptions(r.spec.args).windowsAccessEntry) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { AccessEntry } = require("@pulumi/aws/eks/accessEntry") as typeof import("@pulumi/aws/eks/accessEntry");
        accessEntry = new AccessEntry(`${name}-windows`, {
            clusterName: member(r.spec.input.cluster, "name")!,
            principalArn: r.spec.input.nodeRoleArn!,
            type: "EC2_WINDOWS",
        }, { parent, dependsOn });
    }
    return { efaSecurityGroup, placementGroup, launchTemplate, nodeGroup, accessEntry, options };
}
