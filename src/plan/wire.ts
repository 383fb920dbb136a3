// A ManagedNodeGroup's inputs as another language's mock runtime records them (what `eks-nodegroup
// validate` reads): Pulumi's property wire form, where a secret is an envelope
// {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": …} and a value
// unknown at preview is the string "04da6b54-80e4-46f7-96ec-b56ff0331ba9". Decoded with the SDK's
// own deserializer, as the component provider's Construct receives them from the engine (secrets
// pushed up to the top-level argument, unknowns kept), so that what a language's test checks is what
// the provider would check at `pulumi preview`.
import * as pulumi from "@pulumi/pulumi";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { containsUnknowns } = require("@pulumi/pulumi/output") as { containsUnknowns: (value: unknown) => boolean };

/** The component's args from their wire form: a secret argument as a secret output, unknowns as the SDK's unknown. */
export function argsFromWire(wire: Record<string, unknown>): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(wire)) {
        // Absent, as the deserializer treats an undefined property; JSON has no undefined, null stays null.
        if (raw === undefined) continue;
        const value: unknown = pulumi.runtime.deserializeProperty(raw, true);
        const secret = pulumi.runtime.isRpcSecret(value);
        const plain: unknown = pulumi.runtime.unwrapRpcSecret(value);
        // As the provider's Construct gets an argument that holds a secret or an unknown: an Output
        // (unknown when any part of it is), the rest as plain values.
        args[key] = secret ? pulumi.secret(plain) : containsUnknowns(plain) ? pulumi.output(plain) : plain;
    }
    return args;
}
