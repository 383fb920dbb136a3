// `eks-nodegroup impact PREVIEW.json`: the node impact of a change as the real engine plans it,
// from what `pulumi preview --json` writes — each step's operation, its old and new inputs and the
// node group's resource options. One impact per ManagedNodeGroup (its children, by parent) and per
// raw aws.eks.NodeGroup with the aws.ec2.LaunchTemplate it uses, classified by the same table and
// rules as `plan --against`; where the engine replaces what the table would update, the engine wins
// (it ran the provider's own diff) and says why.
import { MANAGED_NODE_GROUP_TYPE } from "../base/token";
import { classify, Effect, GroupChange, Impact, isObject, rank, Side, TooManyChanges } from "./classify";
import { withPath } from "./differences";
import { NODE_GROUP_TYPE } from "../facts/awsinputs";
import { groupSteps, PreviewError, Step, StepState } from "./steps";
import { SECRET } from "./userdata";

/** The engine's placeholder for a value not known at preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export interface GroupImpact {
    /** "ManagedNodeGroup", or "NodeGroup" for a raw one. */
    kind: "ManagedNodeGroup" | "NodeGroup";
    name: string;
    urn: string;
    impact: Impact;
}


/**
 * Secrets as `[secret]`: an impact never prints one. A value that holds none is returned as it is,
 * not copied: copying every input object (Object.entries, then fromEntries) took 6 s of a wide
 * preview's 19. An object that does hold one is rebuilt with fromEntries, which defines a
 * `__proto__` key as the object's own, where assigning it would set the prototype instead.
 */
function withoutSecrets(v: unknown): unknown {
    if (Array.isArray(v)) {
        const out = v.map(withoutSecrets);
        return out.every((x, i) => x === v[i]) ? v : out;
    }
    if (!isObject(v)) return v;
    if (SECRET_SIG in v) return SECRET;
    const keys = Object.keys(v);
    let entries: [string, unknown][] | undefined;
    keys.forEach((k, i) => {
        const x = withoutSecrets(v[k]);
        if (x !== v[k] && entries === undefined) entries = keys.slice(0, i).map((before) => [before, v[before]]);
        entries?.push([k, x]);
    });
    return entries === undefined ? v : Object.fromEntries(entries);
}

/** How a secret that the engine updates reads: changed (the only secret of the template), or perhaps changed (one of several). */
const SECRET_CHANGED = `${SECRET} (changed)`;
const SECRET_MAY_HAVE_CHANGED = `${SECRET} (this or another secret input changed)`;

/** The paths (as key lists) of the values shown as [secret] in inputs. */
function secretPaths(v: unknown, at: string[] = []): string[][] {
    if (v === SECRET) return [at];
    if (!isObject(v)) return [];
    return Object.keys(v).flatMap((k) => secretPaths(v[k], [...at, k]));
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/**
 * One side's inputs and options. The preview's states carry ignoreChanges and the replacement
 * trigger but not deleteBeforeReplace: a node group with an explicit nodeGroupName is taken as
 * deleted first, which the component always sets for one, and which a raw one needs too (EKS
 * refuses a second group of the same name, so creating the replacement first fails).
 */
function sideOf(state: StepState | undefined | null): Side | undefined {
    if (state === undefined || state === null) return undefined;
    const inputs = withoutSecrets(state.inputs ?? {}) as Record<string, unknown>;
    const named = state.type === NODE_GROUP_TYPE && typeof inputs.nodeGroupName === "string" && inputs.nodeGroupName !== UNKNOWN;
    return {
        inputs,
        options: { ignoreChanges: state.ignoreChanges, deleteBeforeReplace: state.deleteBeforeReplace ?? (named || undefined), replacementTrigger: state.replacementTrigger },
    };
}

/**
 * The most input differences impact lists in one preview. Each costs about half a kilobyte and
 * several microseconds to classify: 3,000,000 labels in one node group (34 MB) took 32 s and 2 GB
 * before the report was even written. A preview of 30,000 node groups each changing a label is
 * 30,000; of a real stack's few dozen groups, hundreds.
 */
export const MAX_CHANGES = 100000;

const REPLACING_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

const parentOf = (s: Step): string | undefined => s.newState?.parent ?? s.oldState?.parent ?? undefined;
const known = (v: unknown): v is string => typeof v === "string" && v !== UNKNOWN;

/**
 * The launch templates of a preview, indexed once so that pairing each node group with its template
 * is a lookup, not a search of every template (a preview of 30,000 node groups took 34 s to pair).
 * Each key maps to the first template in the preview's order that has it, which is the template a
 * search in that order would find.
 */
function templateIndex(templates: Step[]): { ofComponent(urn: string): Step | undefined; namedBy(ng: Step): Step | undefined } {
    const byParent = new Map<string, Step>();
    const byId = new Map<string, number>();
    const byName = new Map<string, number>();
    const first = <K>(map: Map<K, unknown>, key: K, value: unknown): void => { if (!map.has(key)) map.set(key, value); };
    templates.forEach((lt, i) => {
        const parent = parentOf(lt);
        if (parent !== undefined) first(byParent, parent, lt);
        for (const id of [lt.oldState?.id, lt.oldState?.outputs?.id, lt.newState?.id, lt.newState?.outputs?.id]) if (known(id)) first(byId, id, i);
        for (const name of [lt.oldState?.inputs?.name, lt.newState?.inputs?.name, lt.oldState?.outputs?.name]) if (known(name)) first(byName, name, i);
    });
    return {
        ofComponent: (urn) => byParent.get(urn),
        /** The template a raw node group names, by id or by name, on either side of the change. */
        namedBy: (ng) => {
            const ref = ng.newState?.inputs?.launchTemplate ?? ng.oldState?.inputs?.launchTemplate;
            if (!isObject(ref)) return undefined;
            const matches = [known(ref.id) ? byId.get(ref.id) : undefined, known(ref.name) ? byName.get(ref.name) : undefined]
                .filter((i): i is number => i !== undefined);
            return matches.length === 0 ? undefined : templates[Math.min(...matches)];
        },
    };
}

function impactOf(ng: Step, lt: Step | undefined, maxChanges: number): Impact {
    const change: GroupChange = {
        launchTemplate: { before: sideOf(lt?.oldState), after: sideOf(lt?.newState) },
        nodeGroup: { before: sideOf(ng.oldState), after: sideOf(ng.newState) },
        isUnknown: (v) => v === UNKNOWN,
        maxChanges,
    };
    let impact = classify(change);
    const ltAfter = change.launchTemplate.after;
    if (lt?.op === "update" && ltAfter !== undefined && !impact.changes.some((c) => c.path.startsWith("launchTemplate."))) {
        // The engine updates the template, yet no input it shows differs: a secret one changed (a preview
        // writes each secret as [secret], whatever its value). Told as such, the secret still unshown.
        const secrets = secretPaths(ltAfter.inputs);
        const marker = secrets.length === 1 ? SECRET_CHANGED : SECRET_MAY_HAVE_CHANGED;
        const inputs = secrets.reduce((o, p) => withPath(o, p, marker), ltAfter.inputs);
        if (secrets.length > 0) impact = classify({ ...change, launchTemplate: { ...change.launchTemplate, after: { ...ltAfter, inputs } } });
    }
    // The engine ran the provider's own diff: a replacement it plans is one, whatever the table says.
    const replaced = (s: Step | undefined): boolean => s !== undefined && REPLACING_OPS.has(s.op ?? "");
    if ((replaced(ng) || replaced(lt)) && rank(impact.effect) < rank("replace")) {
        const effect: Effect = change.nodeGroup.after?.options?.deleteBeforeReplace === true ? "replace-delete-first" : "replace";
        const reasons = [...(ng.replaceReasons ?? []), ...(lt?.replaceReasons ?? []).map((r) => `launchTemplate.${r}`)];
        impact.changes.push({ path: "nodeGroup.(engine)", before: undefined, after: undefined, effect,
            why: `the engine replaces it (${reasons.join(", ") || "its provider's diff"})` });
        impact.effect = effect;
    }
    return impact;
}

/** Every node group in a `pulumi preview --json` document, with what the change does to it (PreviewError when it cannot be read). */
export function impactOfPreview(preview: unknown): GroupImpact[] {
    const { nodeGroups, templates } = groupSteps(preview);
    const index = templateIndex(templates);
    const out: GroupImpact[] = [];
    let listed = 0;
    for (const ng of nodeGroups) {
        const urn = ng.urn ?? ng.newState?.urn ?? ng.oldState?.urn ?? "";
        const parent = parentOf(ng);
        const component = parent !== undefined && parent.includes(`::${MANAGED_NODE_GROUP_TYPE}::`) ? parent : undefined;
        const lt = component !== undefined ? index.ofComponent(component) : index.namedBy(ng);
        const name = nameOf(component ?? urn);
        let impact: Impact;
        try {
            impact = impactOf(ng, lt, MAX_CHANGES - listed);
        } catch (e) {
            if (!(e instanceof TooManyChanges)) throw e;
            throw new PreviewError(`its node groups' and launch templates' inputs differ in more than ${MAX_CHANGES} places (the limit reached at node group "${name}"); ` +
                "a node group has a few dozen inputs, and AWS allows 50 labels, 50 taints and 50 tags");
        }
        listed += impact.changes.length;
        out.push({ kind: component !== undefined ? "ManagedNodeGroup" : "NodeGroup", name, urn: component ?? urn, impact });
    }
    return out;
}
