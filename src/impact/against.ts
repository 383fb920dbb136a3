// `plan NEW --against OLD`: what changing a node group's definition from OLD to NEW does to the
// running nodes. Both are planned as `plan` plans them; the children's inputs and options before
// and after give the overall effect (classify.ts). Each argument that differs is then tried alone
// on OLD, and planned again, so its own effect is the component's real answer for it, not a guess
// from its name: a user-data setting and a scaling setting both live in the definition, and only
// the children say which one rolls the nodes.
import { isUnknownValue } from "../validate/mockruntime";
import { Plan, validate } from "../validate/index";
import { Change, classify, Difference, differences, GroupChange, Impact, Side } from "./classify";
import { redacted } from "./userdata";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../facts/awsinputs";

export interface AgainstResult {
    before: Plan;
    after: Plan;
    impact: Impact;
}

function side(plan: Plan, type: string): Side | undefined {
    const r = plan.resources.find((x) => x.type === type);
    return r === undefined ? undefined : { inputs: r.inputs, options: r.options };
}

/** The children of two plans as one change. */
export function groupChange(before: Plan, after: Plan): GroupChange {
    return {
        launchTemplate: { before: side(before, LAUNCH_TEMPLATE_TYPE), after: side(after, LAUNCH_TEMPLATE_TYPE) },
        nodeGroup: { before: side(before, NODE_GROUP_TYPE), after: side(after, NODE_GROUP_TYPE) },
        isUnknown: isUnknownValue,
    };
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)) as T);

/** `args` with `path` (dotted) set to `value`, or removed when the value is undefined. */
function withValue(args: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
    const out = clone(args);
    const keys = path.split(".");
    let at: Record<string, unknown> = out;
    for (const k of keys.slice(0, -1)) {
        if (typeof at[k] !== "object" || at[k] === null || Array.isArray(at[k])) at[k] = {};
        at = at[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (value === undefined) delete at[last];
    else at[last] = clone(value);
    return out;
}

/** A difference of two definitions as a change shows it: user-data settings without their credentials (userdata.ts). */
function shownArg(d: Difference): Difference {
    if (!d.path.startsWith("launchTemplate.userData.")) return d;
    const under = d.path.slice("launchTemplate.".length);
    return { ...d, before: redacted(under, d.before), after: redacted(under, d.after) };
}

export async function planAgainst(name: string, oldArgs: Record<string, unknown>, newArgs: Record<string, unknown>): Promise<AgainstResult> {
    const before = await validate(oldArgs, { name });
    const after = await validate(newArgs, { name });
    const overall = classify(groupChange(before, after));
    const changes: Change[] = [];
    for (const d of differences(oldArgs, newArgs)) {
        const alone = await validate(withValue(oldArgs, d.path, d.after), { name });
        if (!alone.valid) {
            changes.push({ ...shownArg(d), effect: overall.effect, why: `valid only with the other changes; together: ${overall.summary}` });
            continue;
        }
        const own = classify(groupChange(before, alone));
        const why = own.changes.length === 0
            ? "no input of the launch template or node group changes"
            : [...new Set(own.changes.filter((c) => c.effect === own.effect).map((c) => c.why))].join("; ");
        const inputs = own.changes.map(({ path, before: b, after: a }) => ({ path, before: b, after: a }));
        changes.push({ ...shownArg(d), effect: own.effect, why, inputs });
    }
    return { before, after, impact: { ...overall, changes, resourceChanges: overall.changes } };
}
