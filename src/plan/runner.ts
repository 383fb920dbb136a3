// Plans one node group definition: the component runs in preview mode against the mock
// runtime, and the plan is what it registered plus every rule finding.
import * as pulumi from "@pulumi/pulumi";
import { childrenOf, ManagedNodeGroup, MANAGED_NODE_GROUP_TYPE, reviewOf } from "../component";
import { componentPath, isInvalidArgsError, setWarningSink } from "../diagnostics";
import { Finding } from "../rules/rule";
import { str } from "../rules/values";
import { mockRuntime, RegisteredResource } from "./mockruntime";

export interface Diagnostic {
    severity: Finding["severity"];
    ruleId: string;
    /** The ManagedNodeGroup argument path. */
    property: string;
    message: string;
}

export interface Plan {
    name: string;
    valid: boolean;
    resources: RegisteredResource[];
    /** The decoded user data; null when there is none, undefined when not known at preview. */
    userData: string | null | undefined;
    amiType?: string;
    diagnostics: Diagnostic[];
}

/** Waits for a resource's registration, whether it succeeds or not. */
async function registered(resource: pulumi.Resource): Promise<void> {
    await (resource.urn as unknown as { promise(): Promise<unknown> }).promise().catch(() => undefined);
}

export async function planNodeGroup(name: string, args: unknown): Promise<Plan> {
    const recorder = await mockRuntime({ preview: true });
    // The plan reports findings itself: no engine log lines, and no unhandled rejection for the
    // children an invalid definition leaves unregistered.
    setWarningSink(() => undefined);
    process.on("unhandledRejection", (e) => {
        if (!isInvalidArgsError(e)) throw e;
    });
    const component = new ManagedNodeGroup(name, args as never);
    const result = await reviewOf(component);
    const diagnostics = result.findings.map((f) => ({
        severity: f.severity, ruleId: f.ruleId, property: componentPath(f.path), message: f.message,
    }));
    const valid = !diagnostics.some((d) => d.severity === "error");
    if (valid) {
        const children = await childrenOf(component);
        await Promise.all([children.launchTemplate, children.nodeGroup, children.accessEntry].filter((c) => c !== undefined).map((c) => registered(c!)));
    }
    return {
        name,
        valid,
        resources: recorder.resources.filter((r) => r.type !== MANAGED_NODE_GROUP_TYPE),
        userData: result.userData.known ? result.userData.text ?? null : undefined,
        // A plan's definition is read from a file, so the amiType is never an unknown output here.
        amiType: result.spec.customAmi ? undefined : str(result.spec.amiType),
        diagnostics,
    };
}
