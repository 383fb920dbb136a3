// The steps of a `pulumi preview --json` document that `impact` reads — node groups and launch
// templates — with the type of every field it reads checked first. A preview is untrusted input:
// a field of another type (a number for a URN, a string for a list) is refused with its place
// named, where it would otherwise fail deep inside the classification as an internal error.
import { isObject } from "./classify";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../facts/awsinputs";

/** A preview `impact` cannot read: what is wrong, and where. */
export class PreviewError extends Error {}

export interface StepState {
    type?: string;
    urn?: string;
    id?: string;
    parent?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    replacementTrigger?: unknown;
}

export interface Step {
    op?: string;
    urn?: string;
    oldState?: StepState;
    newState?: StepState;
    replaceReasons?: string[];
}

type Check = [test: (v: unknown) => boolean, want: string];
const STRING: Check = [(v) => typeof v === "string", "a string"];
const OBJECT: Check = [isObject, "an object"];
const BOOLEAN: Check = [(v) => typeof v === "boolean", "true or false"];
const STRINGS: Check = [(v) => Array.isArray(v) && v.every((x) => typeof x === "string"), "a list of strings"];

// The fields impact reads, as the engine writes them; null is taken as absent, as the engine may write it.
const STEP_FIELDS: Record<string, Check> = { op: STRING, urn: STRING, oldState: OBJECT, newState: OBJECT, replaceReasons: STRINGS };
const STATE_FIELDS: Record<string, Check> = {
    type: STRING, urn: STRING, id: STRING, parent: STRING, inputs: OBJECT, outputs: OBJECT,
    deleteBeforeReplace: BOOLEAN, ignoreChanges: STRINGS,
};

const kind = (v: unknown): string => (Array.isArray(v) ? "a list" : v === null ? "null" : typeof v === "object" ? "an object" : `a ${typeof v}`);

function check(value: Record<string, unknown>, fields: Record<string, Check>, where: string): void {
    for (const [field, [test, want]] of Object.entries(fields)) {
        const v = value[field];
        if (v !== undefined && v !== null && !test(v)) throw new PreviewError(`${where}.${field} is ${kind(v)}, not ${want}`);
    }
}

/** A step's resource type: its new state's, or its old state's when it has no new state. */
function typeOf(step: Record<string, unknown>): unknown {
    const of = (state: unknown): unknown => (isObject(state) ? state.type : undefined);
    return of(step.newState) ?? of(step.oldState);
}

/** The node group and launch template steps of a preview, in its order, each checked. */
export function groupSteps(preview: unknown): { nodeGroups: Step[]; templates: Step[] } {
    const nodeGroups: Step[] = [];
    const templates: Step[] = [];
    const steps = isObject(preview) && Array.isArray(preview.steps) ? preview.steps : [];
    steps.forEach((step: unknown, i) => {
        if (!isObject(step)) return;
        const type = typeOf(step);
        if (type !== NODE_GROUP_TYPE && type !== LAUNCH_TEMPLATE_TYPE) return;
        check(step, STEP_FIELDS, `steps[${i}]`);
        for (const side of ["oldState", "newState"]) {
            if (isObject(step[side])) check(step[side], STATE_FIELDS, `steps[${i}].${side}`);
        }
        (type === NODE_GROUP_TYPE ? nodeGroups : templates).push(step as Step);
    });
    return { nodeGroups, templates };
}
