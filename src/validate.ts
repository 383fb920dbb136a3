// Plans one node group definition: the component runs in preview mode against the mock
// runtime, and the plan is what it registered plus every rule finding.
import * as pulumi from "@pulumi/pulumi";
import { nodeGroupResourceOptions } from "../children";
import { childrenOf, ManagedNodeGroup, MANAGED_NODE_GROUP_TYPE, reviewOf } from "../component";
import { componentPath, isInvalidArgsError, setWarningSink } from "../diagnostics";
import { NODE_GROUP_TYPE } from "../awsinputs";
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

/** A child as the plan shows it: its inputs, and the resource options that decide what a change does to it. */
export interface PlannedResource extends RegisteredResource {
    options: Record<string, unknown>;
}

export interface Plan {
    name: string;
    valid: boolean;
    resources: PlannedResource[];
    /** The decoded user data; null when there is none, undefined when not known at preview. */
    userData: string | null | undefined;
    amiType?: string;
    diagnostics: Diagnostic[];
}

/** Waits for a resource's registration, whether it succeeds or not. */
async function registered(resource: pulumi.Resource): Promise<void> {
    await (resource.urn as unknown as { promise(): Promise<unknown> }).promise().catch(() => undefined);
}

/** The SDK's own wait for outstanding resource RPCs (exported by its settings module, not declared in its types). */
async function settled(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void> };
    await settings.waitForRPCs?.().catch(() => undefined);
}

/** Installed once per process: `plan --against` plans several definitions. */
let quietInvalidRejections = false;

export async function planNodeGroup(name: string, args: unknown): Promise<Plan> {
    const recorder = await mockRuntime({ preview: true });
    // The plan reports findings itself: no engine log lines, and no unhandled rejection for the
    // children an invalid definition leaves unregistered.
    setWarningSink(() => undefined);
    if (!quietInvalidRejections) {
        quietInvalidRejections = true;
        process.on("unhandledRejection", (e) => {
            if (!isInvalidArgsError(e)) throw e;
        });
    }
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
    // Every registration of this plan settles before the next plan replaces the mock runtime (plan
    // --against plans several definitions in one process): a late one would reach a monitor that
    // does not know its resource.
    await settled();
    return {
        name,
        valid,
        resources: recorder.resources.filter((r) => r.type !== MANAGED_NODE_GROUP_TYPE).map((r) => ({
            ...r, options: r.type === NODE_GROUP_TYPE ? { ...nodeGroupResourceOptions(result) } : {},
        })),
        userData: result.userData.known ? result.userData.text ?? null : undefined,
        // A plan's definition is read from a file, so the amiType is never an unknown output here.
        amiType: result.spec.customAmi ? undefined : str(result.spec.amiType),
        diagnostics,
    };
}
