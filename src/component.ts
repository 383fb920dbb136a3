// ManagedNodeGroup: read args → rules → render → resources. The children are registered once the
// review has passed — at preview with the values known then, at deploy with all of them — so
// invalid settings never reach AWS, and the children's inputs are plain values where known. Plain
// args are reviewed at once, in the constructor, and the children registered right after it.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedNodeGroupArgs } from "./args";
import { ChildPlan, Children, registerChildren } from "./build/children";
import { describe, invalidArgsError, reportWarning } from "./model/diagnostics";
import { isPromise, MaybePromise, then } from "./base/maybe";
import { review, Review } from "./model/review";
import { MANAGED_NODE_GROUP_TYPE } from "./base/token";

export type { Children } from "./build/children";

export { MANAGED_NODE_GROUP_TYPE };

const OUTPUT_NAMES = ["nodeGroupName", "nodeGroupArn", "launchTemplateId", "launchTemplateVersion", "amiType", "userData", "warnings"] as const;
type OutputName = typeof OUTPUT_NAMES[number];
/** The outputs that come from the review rather than from the children. */
const OWN_OUTPUTS = { amiType: true, userData: true, warnings: true } as const;
type OwnOutputName = keyof typeof OWN_OUTPUTS;
type OutputValues = { [K in OutputName]: pulumi.Input<pulumi.Unwrap<ManagedNodeGroup[K]>> };
type OwnOutputValues = Pick<OutputValues, OwnOutputName>;

interface State {
    review: Promise<Review>;
    children: Promise<Children>;
    /** The outputs that come from the review, when it passed in the constructor. */
    own?: OwnOutputValues;
    /** What registerOutputs records, and what each output reads. */
    outputs: Promise<OutputValues>;
    made: Partial<Record<OutputName, pulumi.Output<unknown>>>;
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
    // The outputs are getters (defined below the class), made on first read.
    /** Name of the EKS node group. */
    declare public readonly nodeGroupName: pulumi.Output<string>;
    /** ARN of the EKS node group. */
    declare public readonly nodeGroupArn: pulumi.Output<string>;
    /** Id of the launch template. */
    declare public readonly launchTemplateId: pulumi.Output<string>;
    /** The launch template version the node group runs. */
    declare public readonly launchTemplateVersion: pulumi.Output<number>;
    /** The EKS AMI type of the node group (absent with a custom AMI). */
    declare public readonly amiType: pulumi.Output<string>;
    /** The user data the nodes boot with, decoded. */
    declare public readonly userData: pulumi.Output<string>;
    /** Warnings of the rules, as `[rule-id] path: message`. */
    declare public readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(MANAGED_NODE_GROUP_TYPE, name, {}, opts);
        let reviewed: MaybePromise<Review> | undefined;
        let approved: MaybePromise<Review>;
        try {
            reviewed = review(args);
            approved = then(reviewed, (r) => approve(name, this, r));
        } catch (e) {
            // Thrown now by review (a bug) or by approve (the errors of the args): the outputs reject with it.
            reviewed ??= Promise.reject(e);
            approved = Promise.reject(e);
        }
        // The children register in a promise reaction of their own, with none of the caller's frames
        // below them: the SDK records a stack trace for each of the hundreds of promises one
        // registration makes, and every frame more costs in each of them.
        const plan = then(approved, (r): ChildPlan => ({ name, parent: this, review: r }));
        const children = Promise.resolve(plan).then(registerChildren);
        // Made once: the user data output, when not known yet, is an Output of its own.
        const own = then(approved, ownOutputValues);
        const outputs = children.then((c) => then(own, (o) => outputValues(c, o)));
        // Rejections surface through the outputs; keep Node from calling these unhandled.
        if (isPromise(reviewed)) reviewed.catch(() => undefined);
        if (isPromise(own)) own.catch(() => undefined);
        children.catch(() => undefined);
        outputs.catch(() => undefined);
        stateOf.set(this, { review: Promise.resolve(reviewed), children, own: isPromise(own) ? undefined : own, outputs, made: {} });
        // How an invalid definition fails. In a program, through the outputs the component registers:
        // the language host reports that rejection once, with the rule messages, and fails the program.
        // Made by constructForCaller (the component provider, validate()), whoever awaits childrenOf
        // gets the errors instead; an unhandled rejection there would make the provider's server fail
        // every construct in flight, so the registered outputs are handled.
        this.registerOutputs(new.target === ForCaller ? outputs.catch(() => ({})) : outputs);
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

// Each output is made when first read, not in the constructor: one costs the runtime dozens of
// promises, and a program reads few of a component's outputs.
for (const key of OUTPUT_NAMES) {
    Object.defineProperty(ManagedNodeGroup.prototype, key, {
        get(this: ManagedNodeGroup) { return outputOf(this, key); },
        configurable: true,
    });
}

function ownOutputValues(r: Review): OwnOutputValues {
    const userData = (r.userData.known ? r.userData.text : r.userData.waitsOn[0]?.apply(() => "")) as pulumi.Input<string>;
    return {
        amiType: r.spec.amiType as pulumi.Input<string>,
        userData: r.userDataSecret && userData !== undefined ? pulumi.secret(userData) : userData,
        warnings: r.findings.filter((f) => f.severity === "warning").map(describe),
    };
}

function outputValues(c: Children, own: OwnOutputValues): OutputValues {
    return {
        nodeGroupName: c.nodeGroup.nodeGroupName,
        nodeGroupArn: c.nodeGroup.arn,
        launchTemplateId: c.launchTemplate.id,
        launchTemplateVersion: c.launchTemplate.latestVersion,
        ...own,
    };
}

const asOutput = (value: unknown): pulumi.Output<unknown> => (pulumi.Output.isInstance(value) ? value : pulumi.output(value));

/** One output of the component, made on its first read and kept. */
function outputOf(component: ManagedNodeGroup, key: OutputName): pulumi.Output<unknown> {
    const state = stateOf.get(component)!;
    const made = state.made[key];
    if (made) return made;
    if (state.own && key in OWN_OUTPUTS) return state.made[key] = asOutput(state.own[key as OwnOutputName]);
    const [output, bind] = pulumi.deferredOutput<unknown>();
    state.outputs.then((values) => bind(asOutput(values[key])), (e: unknown) => bind(pulumi.output(Promise.reject(e))));
    return state.made[key] = output;
}

/** A ManagedNodeGroup whose errors reach whoever awaits childrenOf, and not its registered outputs. */
class ForCaller extends ManagedNodeGroup {}

/** Constructs a ManagedNodeGroup whose errors reach only whoever awaits childrenOf (the provider's Construct, validate()). */
export function constructForCaller(name: string, args: ManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions): ManagedNodeGroup {
    return new ForCaller(name, args, opts);
}

/** Every finding of the rules on a component's args, errors included (the plan command reads it). */
export function reviewOf(component: ManagedNodeGroup): Promise<Review> {
    return stateOf.get(component)!.review;
}

/** The children, once registered; rejects with the component's errors. */
export function childrenOf(component: ManagedNodeGroup): Promise<Children> {
    return stateOf.get(component)!.children;
}

/**
 * The children once each is registered (its URN assigned, by the engine or the mocks); rejects with
 * the component's errors, or with a child's registration error. validate(), eks-nodegroup/testing's
 * registered() and the tests' harness wait with it.
 */
export async function registeredChildren(component: ManagedNodeGroup): Promise<Children> {
    const children = await childrenOf(component);
    const urn = (r: pulumi.Resource) => (r.urn as unknown as { promise(): Promise<unknown> }).promise();
    await Promise.all(Object.values(children).filter((c): c is pulumi.Resource => pulumi.Resource.isInstance(c)).map(urn));
    return children;
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
