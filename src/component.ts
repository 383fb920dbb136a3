// ManagedNodeGroup: read args → rules → render → resources. The children are registered once the
// review has passed — at preview with the values known then, at deploy with all of them — so
// invalid settings never reach AWS, and the children's inputs are plain values where known. Plain
// args are reviewed at once, in the constructor, and the children registered there too.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "./args";
import { describe, invalidArgsError, reportWarning } from "./diagnostics";
import { launchTemplateArgs } from "./launchtemplate";
import { field } from "./model/deferred";
import { isPromise, MaybePromise, then } from "./model/maybe";
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
        let reviewed: MaybePromise<Review> | undefined;
        let children: MaybePromise<Children>;
        try {
            const r = review(args);
            reviewed = r;
            children = then(r, (done) => createChildren(name, this, args, approve(name, this, done)));
        } catch (e) {
            // Thrown now by review (a bug) or by approve (the errors of the args): the outputs reject with it.
            reviewed ??= Promise.reject(e);
            children = Promise.reject(e);
        }
        // Rejections surface through the outputs; keep Node from calling these unhandled.
        if (isPromise(reviewed)) reviewed.catch(() => undefined);
        if (isPromise(children)) children.catch(() => undefined);
        stateOf.set(this, { review: Promise.resolve(reviewed), children: Promise.resolve(children) });

        const now = isPromise(children) || isPromise(reviewed) ? undefined : outputsOf(children, reviewed);
        const later = now ? undefined : Promise.resolve(children).then((c) => then(reviewed, (r) => outputsOf(c, r)));
        const output = <K extends keyof ComponentOutputs>(key: K): pulumi.Output<ComponentOutputs[K]> => {
            const value: unknown = now ? now[key] : later!.then((o): unknown => o[key]);
            return (pulumi.Output.isInstance(value) ? value : pulumi.output(value)) as unknown as pulumi.Output<ComponentOutputs[K]>;
        };
        this.nodeGroupName = output("nodeGroupName");
        this.nodeGroupArn = output("nodeGroupArn");
        this.launchTemplateId = output("launchTemplateId");
        this.launchTemplateVersion = output("launchTemplateVersion");
        this.amiType = output("amiType");
        this.userData = output("userData");
        this.warnings = output("warnings");
        // Values known now are registered as they are: an Output would cost the runtime a wait per value.
        this.registerOutputs(now ?? {
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

interface ComponentOutputs {
    nodeGroupName: string;
    nodeGroupArn: string;
    launchTemplateId: string;
    launchTemplateVersion: number;
    amiType: string;
    userData: string;
    warnings: string[];
}

/** The component's outputs, from its children and its review. */
function outputsOf(c: Children, r: Review): { [K in keyof ComponentOutputs]: pulumi.Input<ComponentOutputs[K]> } {
    return {
        nodeGroupName: c.nodeGroup.nodeGroupName,
        nodeGroupArn: c.nodeGroup.arn,
        launchTemplateId: c.launchTemplate.id,
        launchTemplateVersion: c.launchTemplate.latestVersion,
        amiType: r.spec.amiType as pulumi.Input<string>,
        userData: (r.userData.known ? r.userData.text : r.userData.waitsOn[0]?.apply(() => "")) as pulumi.Input<string>,
        warnings: r.findings.filter((f) => f.severity === "warning").map(describe),
    };
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

function createChildren(name: string, parent: ManagedNodeGroup, args: ManagedNodeGroupArgs, r: Review): Children {
    const { LaunchTemplate, NodeGroup } = awsResourceClasses();
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

/** Logs the warnings on the component and throws every error at once. */
function approve(name: string, component: pulumi.Resource, result: Review): Review {
    for (const w of result.findings.filter((f) => f.severity === "warning")) {
        reportWarning(describe(w), component);
    }
    const errors = result.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) throw invalidArgsError(name, component, errors);
    return result;
}
