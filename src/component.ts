// ManagedNodeGroup: read args → rules → render → resources. Validation runs while the children
// are declared; their inputs wait for its verdict (model/lazy.ts), so invalid settings fail the
// preview when known then, the update otherwise, and never reach AWS.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "./args";
import { describe, invalidArgsError, reportWarning } from "./diagnostics";
import { launchTemplateArgs } from "./launchtemplate";
import { deferred, lazyFrom } from "./model/lazy";
import { review, Review } from "./model/review";
import { nodeGroupArgs } from "./nodegroup";

export const MANAGED_NODE_GROUP_TYPE = "eks-nodegroup:index:ManagedNodeGroup";

interface Children {
    launchTemplate: aws.ec2.LaunchTemplate;
    nodeGroup: aws.eks.NodeGroup;
    accessEntry?: aws.eks.AccessEntry;
    review: Promise<Review>;
}

// Kept off the instance: every property of the class becomes a schema output, and these are
// references to another package's resources, which the schema must not name.
const childrenOf = new WeakMap<ManagedNodeGroup, Children>();

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
        const approved = approve(name, this, pending);
        // Rejections surface through the children and the outputs; keep Node from calling this one unhandled.
        approved.catch(() => undefined);
        const lazy = lazyFrom(approved);

        const launchTemplate = new aws.ec2.LaunchTemplate(name, launchTemplateArgs(lazy), { parent: this });
        const nodeGroup = new aws.eks.NodeGroup(name, nodeGroupArgs(lazy, launchTemplate), {
            parent: this,
            ignoreChanges: nodeGroupOptions(args).ignoreChanges,
            deleteBeforeReplace: nodeGroupOptions(args).deleteBeforeReplace,
            // EKS cannot switch a group between a custom AMI and an EKS AMI in place.
            replacementTrigger: lazy((r) => (r.spec.customAmi ? "custom-ami" : "eks-optimized-ami")),
        });
        const accessEntry = nodeGroupOptions(args).windowsAccessEntry
            ? new aws.eks.AccessEntry(`${name}-windows`, {
                clusterName: lazy((r) => deferred(r.spec.args.cluster, (c) => (c as { name?: string } | undefined)?.name) as pulumi.Input<string>),
                principalArn: lazy((r) => r.spec.args.nodeRoleArn as pulumi.Input<string>),
                type: "EC2_WINDOWS",
            }, { parent: this })
            : undefined;
        childrenOf.set(this, { launchTemplate, nodeGroup, accessEntry, review: pending });

        const gated = <T>(o: pulumi.Output<T>): pulumi.Output<T> => pulumi.output(approved).apply(() => o);
        this.nodeGroupName = gated(nodeGroup.nodeGroupName);
        this.nodeGroupArn = gated(nodeGroup.arn);
        this.launchTemplateId = gated(launchTemplate.id);
        this.launchTemplateVersion = gated(launchTemplate.latestVersion);
        this.amiType = lazy((r) => r.spec.amiType);
        this.userData = lazy((r) => (r.userData.known ? r.userData.text : r.userData.waitsOn[0]?.apply(() => "")) as pulumi.Input<string>);
        this.warnings = lazy((r) => r.findings.filter((f) => f.severity === "warning").map(describe));
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

    /** The EKS node group (TypeScript only). */
    get nodeGroup(): aws.eks.NodeGroup {
        return childrenOf.get(this)!.nodeGroup;
    }

    /** The EC2_WINDOWS access entry, when createWindowsAccessEntry is set (TypeScript only). */
    get accessEntry(): aws.eks.AccessEntry | undefined {
        return childrenOf.get(this)!.accessEntry;
    }

    /** The launch template (TypeScript only). */
    get launchTemplate(): aws.ec2.LaunchTemplate {
        return childrenOf.get(this)!.launchTemplate;
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

/** Every finding of the rules on a component's args, errors included (the plan command reads it). */
export function reviewOf(component: ManagedNodeGroup): Promise<Review> {
    return childrenOf.get(component)!.review;
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
