// validate(): a node group definition checked without deploying — what `eks-nodegroup plan` prints,
// for a program's own test suite. The component runs in preview mode against a mock runtime of its
// own, and the result is what it registered plus every rule finding.
//
// The mock runtime lives in an async-local store of the SDK (the one the component provider runs
// each Construct in): the caller's own `pulumi.runtime.setMocks`, or the engine the program runs
// under, is left as it was, and the caller's resources never reach this mock.
import { ManagedNodeGroupArgs } from "../args";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../facts/awsinputs";
import { childrenOf, constructForCaller, MANAGED_NODE_GROUP_TYPE, registeredChildren, reviewOf } from "../component";
import { componentPath, withoutWarningLog } from "../model/diagnostics";
import { mockRuntime, RegisteredResource } from "./mockruntime";
import { Finding } from "../rules/rule";
import { str } from "../base/values";

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

/** What validate() returns and `eks-nodegroup plan` prints. */
export interface Plan {
    name: string;
    /** No finding of severity error. */
    valid: boolean;
    /** The children preview would create (none when invalid), with their inputs as registered: unknown values as the SDK's unknown marker. */
    resources: PlannedResource[];
    /** The decoded user data; null when there is none, undefined when not known at preview. */
    userData: string | null | undefined;
    amiType?: string;
    /** Every finding, errors and warnings, with the argument path each is about. */
    diagnostics: Diagnostic[];
}

export interface ValidateOptions {
    /** The component's name (the children's names derive from it). Default: "validate". */
    name?: string;
}

/** The SDK's own wait for outstanding resource RPCs (exported by its settings module, not declared in its types). */
async function settled(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void> };
    await settings.waitForRPCs?.().catch(() => undefined);
}

/** The SDK's async-local runtime store (internal, present in every supported version: the provider server uses it). */
function withLocalStore<T>(fn: () => Promise<T>): Promise<T> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const state = require("@pulumi/pulumi/runtime/state") as { withLocalStorage?: <R>(callback: () => R) => R };
    if (typeof state.withLocalStorage !== "function") throw new Error("eks-nodegroup validate(): this @pulumi/pulumi has no runtime/state withLocalStorage (need >= 3.212.0)");
    return state.withLocalStorage(fn);
}

/**
 * Checks a ManagedNodeGroup definition as `pulumi preview` would, without an engine or a cloud:
 * every rule finding, and the launch template and node group that would be created. Resolves for
 * an invalid definition too (`valid: false`, the errors in `diagnostics`); rejects only when the
 * definition could not be read at all.
 */
export function validate(args: ManagedNodeGroupArgs | unknown, options: ValidateOptions = {}): Promise<Plan> {
    const name = options.name ?? "validate";
    return withLocalStore(() => withoutWarningLog(async (): Promise<Plan> => {
        const recorder = await mockRuntime({ preview: true });
        // Handled like a provider's Construct: an invalid definition rejects childrenOf, and nothing else.
        const component = constructForCaller(name, args as ManagedNodeGroupArgs);
        const result = await reviewOf(component);
        const diagnostics = result.findings.map((f) => ({
            severity: f.severity, ruleId: f.ruleId, property: componentPath(f.path), message: f.message,
        }));
        const valid = !diagnostics.some((d) => d.severity === "error");
        // A child's own registration error is not a finding: the plan shows what was registered.
        if (valid) await registeredChildren(component).catch(() => undefined);
        // The options the children were registered with (childrenOf resolves for a valid definition).
        const options = valid ? (await childrenOf(component).catch(() => undefined))?.options : undefined;
        // Every registration settles before this store is left: a late one would reach a monitor
        // that no longer records (`plan --against` validates several definitions in one process).
        await settled();
        return {
            name,
            valid,
            resources: recorder.resources.filter((r) => r.type !== MANAGED_NODE_GROUP_TYPE).map((r) => ({
                ...r, options: (r.type === NODE_GROUP_TYPE ? options?.nodeGroup : r.type === LAUNCH_TEMPLATE_TYPE ? options?.launchTemplate : undefined) ?? {},
            })),
            userData: result.userData.known ? result.userData.text ?? null : undefined,
            // A plan's definition is read from a file, so the amiType is never an unknown output here.
            amiType: result.spec.customAmi ? undefined : str(result.spec.amiType),
            diagnostics,
        };
    }));
}
