// ManagedNodeGroup: read args → rules → render → resources. The children are registered once the
// review has passed — at preview with the values known then, at deploy with all of them — so
// invalid settings never reach AWS, and the children's inputs are plain values where known.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "./args";
import { describe, invalidArgsError, reportWarning } from "./diagnostics";
import { launchTemplateArgs } from "./launchtemplate";
import { field } from "./model/deferred";
import { review, Review } from "./model/review";
import { nodeGroupArgs } from "./nodegroup";

export const MANAGED_NODE_GROUP_TYPE = "eks-nodegroup:index:ManagedNodeGroup";

export interface Children {
    launchTemplate: aws.ec2.LaunchTemplate;
    nodeGroup: aws.eks.NodeGroup;
    accessEntry?: aws.eks.AccessEntry;
}

interface State {
    review: Promise<Review>;
    children: Promise<Children>;
}

// Kept off the instance: every property of the class becomes a schema output, and these are
// references to another package's resources, which the schema must not name.
const stateOf = new WeakMap<ManagedNodeGroup, State>();

/**
 * An Amazon EKS managed node group on a launch template of its own: custom AMIs, bootstrap and
 * kubelet settings, security groups, instance tags and IMDS settings, with every setting EKS
 * would reject caught at preview.
 */
export class ManagedNodeGroup extends pulumi.ComponentResource {
    /** Name of the EKS node group. */
    public readonly nodeGroupName: pulumi.Output<string>;
    /** ARN of the EKS node group. */
    public readonly nodeGroupArn: pulumi.Output<string>;
    /** Id of the launch template. */
    public readonly launchTemplateId: pulumi.Output<string>;
    /** The launch template version the node group runs. */
    public readonly launchTemplateVersion: pulumi.Output<number>;
    /** The EKS AMI type of the node group (absent with a custom AMI). */
    public readonly amiType: pulumi.Output<string>;
    /** The user data the nodes boot with, decoded. */
    public readonly userData: pulumi.Output<string>;
    /** Warnings of the rules, as `[rule-id] path: message`. */
    public readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(MANAGED_NODE_GROUP_TYPE, name, {}, opts);
        const pending = review(args);
        const children = approve(name, this, pending).then((r) => createChildren(name, this, args, r));
        // Rejections surface through the outputs; keep Node from calling this one unhandled.
        children.catch(() => undefined);
        stateOf.set(this, { review: pending, children });

        const fromChildren = <T>(pick: (c: Children) => pulumi.Input<T>) => pulumi.output(children.then(pick)) as pulumi.Output<T>;
        const fromReview = <T>(pick: (r: Review) => pulumi.Input<T> | undefined) =>
            pulumi.output(children.then(() => pending).then(pick)) as pulumi.Output<T>;
        this.nodeGroupName = fromChildren((c) => c.nodeGroup.nodeGroupName);
        this.nodeGroupArn = fromChildren((c) => c.nodeGroup.arn);
        this.launchTemplateId = fromChildren((c) => c.launchTemplate.id);
        this.launchTemplateVersion = fromChildren((c) => c.launchTemplate.latestVersion);
        this.amiType = fromReview((r) => r.spec.amiType);
        this.userData = fromReview((r) => (r.userData.known ? r.userData.text : r.userData.waitsOn[0]?.apply(() => "")) as pulumi.Input<string>);
        this.warnings = fromReview((r) => r.findings.filter((f) => f.severity === "warning").map(describe));
        this.registerOutputs({
            nodeGroupName: this.nodeGroupName,
            nodeGroupArn: this.nodeGroupArn,
            launchTemplateId: this.launchTemplateId,
            launchTemplateVersion: this.launchTemplateVersion,
            amiType: this.amiType,
            userData: this.userData,
            warnings: this.warnings,
        });
    }

    /** The EKS node group (TypeScript only), once the review has passed. */
    get nodeGroup(): pulumi.Output<aws.eks.NodeGroup> {
        return pulumi.output(stateOf.get(this)!.children.then((c) => c.nodeGroup));
    }

    /** The launch template (TypeScript only), once the review has passed. */
    get launchTemplate(): pulumi.Output<aws.ec2.LaunchTemplate> {
        return pulumi.output(stateOf.get(this)!.children.then((c) => c.launchTemplate));
    }
}

/** Resource options of the node group that the args decide directly. */
export function nodeGroupOptions(args: ManagedNodeGroupArgs): pulumi.CustomResourceOptions & { windowsAccessEntry: boolean } {
    // Args may be anything from YAML or another language; args-schema reports what is wrong with them.
    const given: Partial<ManagedNodeGroupArgs> = typeof args === "object" && args !== null ? args : {};
    return {
        ignoreChanges: given.ignoreDesiredSizeChanges === true ? ["scalingConfig.desiredSize"] : undefined,
        // An explicit name cannot exist twice: delete the old group before creating its replacement.
        deleteBeforeReplace: given.nodeGroupName !== undefined && given.nodeGroupName !== null,
        windowsAccessEntry: given.createWindowsAccessEntry === true,
    };
}

function createChildren(name: string, parent: ManagedNodeGroup, args: ManagedNodeGroupArgs, r: Review): Children {
    // The AWS modules load here, on first use: importing the package stays light.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LaunchTemplate } = require("@pulumi/aws/ec2/launchTemplate") as typeof import("@pulumi/aws/ec2/launchTemplate");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { NodeGroup } = require("@pulumi/aws/eks/nodeGroup") as typeof import("@pulumi/aws/eks/nodeGroup");
    // Values resolved from other resources' outputs are passed as plain values; keep their ordering.
    const dependsOn = r.spec.resolved.resources.size > 0 ? [...r.spec.resolved.resources] : undefined;
    const launchTemplate = new LaunchTemplate(name, launchTemplateArgs(r), { parent, dependsOn });
    const options = nodeGroupOptions(args);
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

/** Every finding of the rules on a component's args, errors included (the plan command reads it). */
export function reviewOf(component: ManagedNodeGroup): Promise<Review> {
    return stateOf.get(component)!.review;
}

/** The children, once registered; rejects with the component's errors. */
export function childrenOf(component: ManagedNodeGroup): Promise<Children> {
    return stateOf.get(component)!.children;
}

/** Logs the warnings on the component and rejects with every error at once. */
async function approve(name: string, component: pulumi.Resource, pending: Promise<Review>): Promise<Review> {
    const result = await pending;
    for (const w of result.findings.filter((f) => f.severity === "warning")) {
        reportWarning(describe(w), component);
    }
    const errors = result.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) throw invalidArgsError(name, component, errors);
    return result;
}
