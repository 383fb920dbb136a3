// Not known is not unset, in the policy pack: every valid raw-resource definition of the corpus (the
// launch template, node group and cluster props each policy case gives, on the valid base pair), with each
// value they hold (each leaf, and each object and list around it) replaced by what the engine sends for a value unknown at
// preview — the unknown sentinel, whatever the value's type. No policy may report a value it could not
// see; only the rules that need a value at preview say so, and then only "not known at preview".
// (tests/rules/unknownleaves.test.ts is the component's side.)
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { policies } from "../../src/policy";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, resource, stack, UNKNOWN_STRING, validate, Violation } from "../support/policy";

const DIR = path.resolve(__dirname, "../corpus");
interface PolicyCase { launchTemplate?: Record<string, unknown> | null; nodeGroup?: Record<string, unknown>; cluster?: Record<string, unknown> }
const entries = readdirSync(DIR).filter((f) => f.endsWith(".yaml"))
    .map((f) => parse(readFileSync(path.join(DIR, f), "utf8")) as { rule: string; policy: { valid?: PolicyCase[] } });

type Key = string | number;
/** Every path a case sets: each leaf and each container on the way, as key lists. */
function pathsOf(v: unknown, at: Key[] = [], out: Key[][] = []): Key[][] {
    if (at.length > 1) out.push(at);
    if (Array.isArray(v)) v.forEach((e, i) => pathsOf(e, [...at, i], out));
    else if (v !== null && typeof v === "object") for (const [k, e] of Object.entries(v)) pathsOf(e, [...at, k], out);
    return out;
}

function withUnknown(c: PolicyCase, at: Key[]): PolicyCase {
    const copy = structuredClone(c) as Record<Key, unknown>;
    let parent = copy;
    for (const key of at.slice(0, -1)) parent = parent[key] as Record<Key, unknown>;
    parent[at[at.length - 1]] = UNKNOWN_STRING;
    return copy as PolicyCase;
}

/** The case's props merged onto the valid base pair, as the stack holds them: every value of it can be unknown. */
const full = (c: PolicyCase): PolicyCase => ({
    ...(c.cluster ? { cluster: c.cluster } : {}),
    launchTemplate: c.launchTemplate === null ? null : merge(BASE_LAUNCH_TEMPLATE, c.launchTemplate),
    nodeGroup: merge(BASE_NODE_GROUP, c.nodeGroup ?? {}),
});

const resources = (c: PolicyCase) => [
    ...(c.cluster ? [resource("aws:eks/cluster:Cluster", "cluster", c.cluster)] : []),
    ...stack(c.launchTemplate ?? undefined, c.nodeGroup!),
];

async function violations(c: PolicyCase): Promise<Violation[]> {
    const all: Violation[] = [];
    for (const policy of policies) all.push(...await validate(policy, resources(c)));
    return all;
}

/** Findings that say a value is needed at preview, which an unknown value rightly gets. */
const NEEDS_KNOWN = /(must be known at preview|is not known at preview)/;
/** A violation's rule and the property it is about, without the message's values. */
const about = (v: Violation) => `${v.urn} ${/^(\[[^\]]+\] [^:]*):/.exec(v.message)?.[1] ?? v.message}`;

describe("policy pack: values unknown at preview: no policy fires on what it could not see", function () {
    this.timeout(120000);
    for (const entry of entries) {
        (entry.policy.valid ?? []).forEach((c, i) => {
            it(`${entry.rule} valid case ${i + 1}: each value of its resources, unknown`, async () => {
                c = full(c);
                const wrong: string[] = [];
                // What the definition gets with every value known (another rule's warning, say) is not the unknown's doing.
                const before = new Set((await violations(c)).map(about));
                for (const at of pathsOf(c)) {
                    for (const v of await violations(withUnknown(c, at))) {
                        if (!NEEDS_KNOWN.test(v.message) && !before.has(about(v))) wrong.push(`${at.join(".")} unknown → ${v.message.slice(0, 160)}`);
                    }
                }
                expect(wrong, wrong.join("\n")).to.deep.equal([]);
            });
        });
    }
});
