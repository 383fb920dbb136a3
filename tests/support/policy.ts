// Resources as the policy engine hands them to a stack policy: @pulumi/aws v7 property names,
// user data base64, props behind the policy SDK's unknown-checking proxy.
import { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { proxy } from "../../src/policy/subject";

export const UNKNOWN_STRING = proxy.unknownStringValue;

export const BASE_LAUNCH_TEMPLATE = {
    id: "lt-0123456789abcdef0",
    name: "nodes-20261125",
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
};

export const BASE_NODE_GROUP = {
    clusterName: "prod",
    nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
    subnetIds: ["subnet-a", "subnet-b"],
    amiType: "AL2023_x86_64_STANDARD",
    scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
    launchTemplate: { id: "lt-0123456789abcdef0", version: "1" },
};

export function resource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
    return {
        type, name, urn: `urn:pulumi:test::p::${type}::${name}`,
        props: proxy.unknownCheckingProxy(props),
        opts: {}, dependencies: [], propertyDependencies: {},
    } as unknown as PolicyResource;
}

export function stack(launchTemplate: Record<string, unknown> | undefined, nodeGroup: Record<string, unknown>): PolicyResource[] {
    const resources = [resource("aws:eks/nodeGroup:NodeGroup", "ng", nodeGroup)];
    if (launchTemplate !== undefined) {
        const props = { ...launchTemplate };
        if (typeof props.userData === "string" && props.userData !== UNKNOWN_STRING) props.userData = Buffer.from(props.userData).toString("base64");
        resources.unshift(resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", props));
    }
    return resources;
}

export interface Violation { message: string; urn?: string }

export async function validate(policy: StackValidationPolicy, resources: PolicyResource[]): Promise<Violation[]> {
    const violations: Violation[] = [];
    const report: ReportViolation = (message: string, urn?: string) => violations.push({ message, urn });
    await policy.validateStack({ resources, getConfig: () => ({}) as never, stackTags: new Map(), notApplicable: () => { throw new Error("n/a"); } } as never, report);
    return violations;
}

/** Deep merge; null removes a key; arrays are replaced. */
export function merge<T>(base: T, over: unknown): T {
    if (over === undefined) return base;
    if (over === null || typeof over !== "object" || Array.isArray(over) || typeof base !== "object" || base === null || Array.isArray(base)) {
        return over as T;
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) {
        if (v === null) delete out[k];
        // A __proto__ key stays a key (the corpus has such cases): defined, not assigned.
        else Object.defineProperty(out, k, { value: merge(Object.hasOwn(out, k) ? out[k] : undefined, v), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
}
