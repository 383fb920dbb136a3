// "Not known yet": a value the engine will only know at deploy (an Output of a resource not created
// yet), as the rules and renderers see it. Distinct from "not given" everywhere: a rule that reads an
// unknown value says nothing at preview and is checked again at deploy.
import * as pulumi from "@pulumi/pulumi";

/** Stands for a value not known yet where there is no Output to keep (the policy pack's inputs). */
export const NOT_KNOWN: unknown = Object.freeze({ notKnownYet: true });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknown: unknownSentinel } = require("@pulumi/pulumi/output") as { unknown: unknown };

/** An Output the engine does not know yet (the runtime's own unknown), for values with no Output to wait on. */
export function notKnownOutput(): pulumi.Output<never> {
    return pulumi.output(unknownSentinel) as pulumi.Output<never>;
}

/** True for a value that is not known yet (kept as the Output it came from, or NOT_KNOWN). */
export function isUnknown(value: unknown): value is pulumi.Output<unknown> {
    // Most values the rules read are primitives: no property lookup for them.
    return typeof value === "object" && value !== null && (value === NOT_KNOWN || pulumi.Output.isInstance(value));
}
