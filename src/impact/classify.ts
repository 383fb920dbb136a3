// What a change does to the running nodes, from the launch template's and node group's inputs
// before and after it (and the node group's resource options): nothing, in place, a rolling
// replacement of every node, a new node group beside the old one, or the old one deleted first.
// `plan --against` gets the inputs from two plans; `impact` from the engine's own preview.
import { LAUNCH_TEMPLATE_TYPE, launchTemplateInputEffect, NODE_GROUP_TYPE, nodeGroupInputEffect } from "../facts/awsinputs";
import { Difference, differences, isObject, same, withPath } from "./differences";
import { KNOWN_AFTER_APPLY, userDataDifferences } from "./userdata";

export type { Difference } from "./differences";
export { differences, isObject, TooManyChanges } from "./differences";

export const EFFECTS = ["none", "in-place", "rolling", "replace", "replace-delete-first"] as const;
export type Effect = typeof EFFECTS[number];

export const rank = (e: Effect): number => EFFECTS.indexOf(e);
export const worst = (effects: Effect[]): Effect => effects.reduce<Effect>((a, b) => (rank(b) > rank(a) ? b : a), "none");

export interface Change {
    /** The path of the change: a definition argument (plan --against) or `<resource>.<input>` (impact). */
    path: string;
    before: unknown;
    after: unknown;
    effect: Effect;
    why: string;
    /** With `plan --against`, for a definition argument: the children's inputs it changes, named as `impact` names them. */
    inputs?: Difference[];
}

export interface Impact {
    effect: Effect;
    /** One sentence on the whole change, in the group's numbers. */
    summary: string;
    changes: Change[];
    /** With `plan --against`, whose changes are the definition's: the children's inputs that change. */
    resourceChanges?: Change[];
}

export interface NodeGroupOptionsView { ignoreChanges?: string[]; deleteBeforeReplace?: boolean; replacementTrigger?: unknown }

/** One resource's inputs on one side of the change (absent: it does not exist on that side). */
export interface Side { inputs: Record<string, unknown>; options?: NodeGroupOptionsView }

export interface GroupChange {
    launchTemplate: { before?: Side; after?: Side };
    nodeGroup: { before?: Side; after?: Side };
    /** Whether a value is unknown (a preview's placeholder): an unknown value may be anything. */
    isUnknown?: (v: unknown) => boolean;
    /** The most input differences to walk: classify throws TooManyChanges past it. */
    maxChanges?: number;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const get = (o: Record<string, unknown> | undefined, path: string): unknown =>
    path.split(".").reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);

/** The group's size and update pace, from its inputs. */
export function pace(ng: Record<string, unknown> | undefined): { nodes: number | undefined; atATime: string } {
    const nodes = num(get(ng, "scalingConfig.desiredSize")) ?? num(get(ng, "scalingConfig.minSize"));
    const count = num(get(ng, "updateConfig.maxUnavailable"));
    const percent = num(get(ng, "updateConfig.maxUnavailablePercentage"));
    if (percent !== undefined) {
        const n = nodes === undefined ? undefined : Math.max(1, Math.floor((nodes * percent) / 100));
        return { nodes, atATime: `${percent}% at a time${n === undefined ? "" : ` (${n} of ${nodes} node${nodes === 1 ? "" : "s"})`}` };
    }
    const n = count ?? 1; // EKS's default maxUnavailable
    return { nodes, atATime: `${n} at a time${count === undefined ? " (EKS's default maxUnavailable)" : ""}${nodes === undefined ? "" : ` of ${nodes} node${nodes === 1 ? "" : "s"}`}` };
}

const nodesText = (n: number | undefined): string => (n === undefined ? "its nodes" : `${n} node${n === 1 ? "" : "s"}`);

/** The node group's replacement, as the options make it: beside the old one, or after deleting it. */
function replacement(g: GroupChange): { effect: Effect; text: string } {
    const newNodes = pace(g.nodeGroup.after?.inputs).nodes;
    const oldNodes = pace(g.nodeGroup.before?.inputs).nodes;
    if (g.nodeGroup.after?.options?.deleteBeforeReplace === true) {
        return {
            effect: "replace-delete-first",
            text: `the old node group (${nodesText(oldNodes)}) is deleted before the new one is created (explicit nodeGroupName): ` +
                "an outage for what runs only there",
        };
    }
    return {
        effect: "replace",
        text: `a new node group (${nodesText(newNodes)}) is created, then the old one (${nodesText(oldNodes)}) deleted: ` +
            `capacity briefly doubles, by ${nodesText(newNodes)}`,
    };
}

/** The node group's inputs after the change as they reach EKS: an ignoreChanges path keeps its value from before. */
function effectiveAfter(g: GroupChange): Record<string, unknown> | undefined {
    const { before, after } = g.nodeGroup;
    if (after === undefined || before === undefined) return after?.inputs;
    return (after.options?.ignoreChanges ?? []).reduce((inputs, p) => withPath(inputs, p.split("."), get(before.inputs, p)), after.inputs);
}

/**
 * The rolling replacement in the numbers EKS acts on. The provider (terraform-provider-aws's
 * resourceNodeGroupUpdate, which pulumi-aws serves aws.eks.NodeGroup from) calls
 * UpdateNodegroupVersion first and waits for it, and only then UpdateNodegroupConfig with the new
 * scaling and update config: the nodes roll at the group's size and pace before the change. A new
 * size or pace that reaches EKS is said after it.
 */
function rollingText(g: GroupChange): string {
    const before = g.nodeGroup.before?.inputs;
    const after = effectiveAfter(g);
    const now = pace(before ?? after);
    const then: string[] = [];
    if (before !== undefined && after !== undefined) {
        const nodes = pace(after).nodes;
        if (nodes !== now.nodes) then.push(`then the group is scaled to ${nodesText(nodes)}`);
        if (!same(get(before, "updateConfig"), get(after, "updateConfig"))) then.push(`its new update config (${pace(after).atATime}) applies from the next update`);
    }
    return `EKS replaces every node, ${now.atATime}${then.map((t) => `; ${t}`).join("")}`;
}

/** The changes of the two resources, each with its effect, and the effect of all of them. */
export function classify(g: GroupChange): Impact {
    const unknown = g.isUnknown ?? (() => false);
    const changes: Change[] = [];
    const max = g.maxChanges ?? Infinity;
    const room = (): number => max - changes.length;
    const { before: ltBefore, after: ltAfter } = g.launchTemplate;
    const { before: ngBefore, after: ngAfter } = g.nodeGroup;

    if (ngBefore === undefined && ngAfter !== undefined) {
        changes.push({ path: "nodeGroup", before: undefined, after: "(created)", effect: "in-place", why: "a new node group: nothing runs yet" });
    } else if (ngBefore !== undefined && ngAfter === undefined) {
        changes.push({ path: "nodeGroup", before: "(exists)", after: undefined, effect: "replace-delete-first", why: `the node group (${nodesText(pace(ngBefore.inputs).nodes)}) is deleted` });
    }
    if (ltBefore !== undefined && ltAfter !== undefined) {
        // The user data, decoded, one difference per changed key or line (userdata.ts), each with the user data's effect.
        const diffs = differences(ltBefore.inputs, ltAfter.inputs, "", room()).flatMap((d) =>
            (d.path === "userData" && !(unknown(d.after) && unknown(d.before)) ? userDataDifferences(d.before, d.after, unknown, room()) : [d])
                .map((x) => ({ ...x, input: d.path })));
        for (const { input, ...d } of diffs) {
            if (unknown(d.after) && unknown(d.before)) continue;
            const e = launchTemplateInputEffect(input);
            const path = `launchTemplate.${d.path}`;
            if (e === "replace") {
                const r = replacement(g);
                changes.push({ ...d, path, effect: r.effect, why: `a new launch template (its ${input} cannot change), so a new template id, which the node group cannot change in place: ${r.text}` });
            } else if (e === "version") {
                changes.push({ ...d, path, effect: "rolling", why: `a new launch template version, which the node group is updated to: ${rollingText(g)}` });
            } else {
                changes.push({ ...d, path, effect: "in-place", why: "the template changes without a new version: no node is replaced" });
            }
        }
    }
    if (ngBefore !== undefined && ngAfter !== undefined) {
        const ignored = new Set(ngAfter.options?.ignoreChanges ?? []);
        for (const d of differences(ngBefore.inputs, ngAfter.inputs, "", room())) {
            if (unknown(d.after) && unknown(d.before)) continue;
            // The template's version follows the template: its change is told there.
            if (d.path === "launchTemplate.version" && changes.some((c) => c.path.startsWith("launchTemplate."))) continue;
            const path = `nodeGroup.${d.path}`;
            if (ignored.has(d.path)) {
                changes.push({ ...d, path, effect: "none", why: `ignored by the node group's ignoreChanges (${d.path}${d.path === "scalingConfig.desiredSize" ? ": ignoreDesiredSizeChanges, the autoscaler owns it" : ""}): nothing reaches EKS` });
                continue;
            }
            const e = nodeGroupInputEffect(d.path);
            if (e === "replace") {
                const r = replacement(g);
                changes.push({ ...d, path, effect: r.effect, why: `EKS cannot change ${d.path} of a node group: ${r.text}` });
            } else if (e === "rolling") {
                changes.push({ ...d, path, effect: "rolling", why: `${d.path === "launchTemplate.version" ? "a new launch template version" : `a new ${d.path}`}: ${rollingText(g)}` });
            } else {
                changes.push({ ...d, path, effect: "in-place", why: `EKS updates ${d.path} in place: no node is replaced` });
            }
        }
        const triggerBefore = ngBefore.options?.replacementTrigger;
        const triggerAfter = ngAfter.options?.replacementTrigger;
        if (triggerBefore !== undefined && triggerAfter !== undefined && !same(triggerBefore, triggerAfter)) {
            const r = replacement(g);
            changes.push({ path: "nodeGroup.(replacementTrigger)", before: triggerBefore, after: triggerAfter, effect: r.effect,
                why: `EKS cannot switch a group between a custom AMI and an EKS-optimized AMI in place (the component's replacement trigger): ${r.text}` });
        }
    }
    const effect = worst(changes.map((c) => c.effect));
    // A value not known at preview is shown as such, not as the engine's placeholder.
    const shown = (v: unknown): unknown => (unknown(v) ? KNOWN_AFTER_APPLY : Array.isArray(v) && v.some(unknown) ? v.map(shown) : v);
    return { effect, summary: summaryOf(effect, g), changes: changes.map((c) => ({ ...c, before: shown(c.before), after: shown(c.after) })) };
}

function summaryOf(effect: Effect, g: GroupChange): string {
    switch (effect) {
        case "none": return "Nothing changes on the cluster.";
        case "in-place": return "The node group or its template changes in place: no node is replaced.";
        case "rolling": return `Rolling replacement: ${rollingText(g)}.`;
        default: {
            const r = replacement(g);
            return `${effect === "replace" ? "Replacement" : "Replacement, old group deleted first"}: ${r.text}.`;
        }
    }
}

export { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE };
