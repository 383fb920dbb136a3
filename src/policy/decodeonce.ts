// The pack's process decodes each resource once per analysis, not once per policy.
//
// @pulumi/policy's AnalyzeStack handler (server.js, makeAnalyzeStackRpcFun) rebuilds the stack's
// resources for every stack policy: it calls deserializeProperties on each resource's protobuf
// Struct inside its loop over policies. The pack has one stack policy per rule (63: so that each
// rule's enforcement level is configurable by its id), so a stack of 220 resources was decoded
// ~13,900 times per preview — most of the pack's CPU in the bench beside 200 unrelated resources.
// The Struct objects are the same across that loop (protobuf keeps each message's wrapper field),
// so the decoded properties are remembered per Struct: the first policy decodes, the others reuse.
// They share one object; our policies only read it (rules never write to a subject). That shared
// object is also what lets the policies share one analysis's pairs (index.ts, pairsFor).
//
// Installed by the pack's entry (main.ts) only, not by `eks-nodegroup/policy` for packs of your own
// (whose policies may write). If a later @pulumi/policy moves deserialize.js or the function, nothing
// is installed and the pack merely decodes as often as before. Tested in tests/policy/decodeonce.test.ts.

type Deserialize = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;

/** Remembers decoded properties per Struct in @pulumi/policy's deserializer; false when it is not where expected. */
export function decodeEachResourceOnce(): boolean {
    let mod: { deserializeProperties?: Deserialize & { decodesOnce?: true } };
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require("@pulumi/policy/deserialize") as typeof mod;
    } catch {
        return false;
    }
    const original = mod.deserializeProperties;
    if (typeof original !== "function") return false;
    if (original.decodesOnce) return true;
    const decoded = new WeakMap<object, Record<string, unknown>>();
    const once = (struct: unknown, proxySecrets: boolean): Record<string, unknown> => {
        // Secret-preserving proxies (resource policies) are made fresh each time, as before.
        if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
        let props = decoded.get(struct);
        if (props === undefined) {
            props = original(struct, proxySecrets);
            decoded.set(struct, props);
        }
        return props;
    };
    mod.deserializeProperties = Object.assign(once, { decodesOnce: true as const });
    return true;
}
