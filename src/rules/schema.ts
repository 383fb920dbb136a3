// The shape of the component's args, checked against the package's own schema.json (produced
// from src/args.ts): types, enum values, required properties, and names that do not exist (with
// the closest one). Other languages' SDKs enforce the schema already; YAML plan files, untyped
// TypeScript and other doors do not.
import { RESERVED_KEYS } from "../facts/grammar";
import { Rule } from "./rule";
import { closest, didYouMean, MAX_SUGGESTIONS, meantValue } from "../base/suggestions";
import { isUnknown, show } from "../base/values";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require("../../schema.json") as Schema;

interface PropertySpec {
    type?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    properties?: Record<string, PropertySpec>;
    required?: string[];
    enum?: { value: unknown }[];
}
interface Schema {
    resources: Record<string, { inputProperties: Record<string, PropertySpec>; requiredInputs?: string[] }>;
    types: Record<string, PropertySpec>;
}

const COMPONENT = schema.resources["eks-nodegroup:index:ManagedNodeGroup"];

/** A property's type: one of ours by reference, or — for Pulumi's own (pulumi.json#/Any) — anything. */
function typeOf(spec: PropertySpec): PropertySpec {
    if (spec.$ref === undefined) return spec;
    return spec.$ref.startsWith("#/types/") ? own(schema.types, spec.$ref.slice("#/types/".length)) ?? {} : {};
}

type Report = (path: string, message: string, alsoAbout?: string[]) => void;
interface Walk { report: Report; suggestions: { left: number } }

/** Own properties only: `constructor` or `toString` is no setting, whatever Object.prototype holds. */
const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

function checkObject(value: Record<string, unknown>, properties: Record<string, PropertySpec>, required: string[], path: string, walk: Walk) {
    const { report } = walk;
    const missing = required.filter((key) => !Object.hasOwn(value, key) || value[key] === undefined || value[key] === null);
    // A misspelt required name is one mistake: `min` for minSize is reported as the unknown name
    // with its suggestion, not again as minSize missing.
    const meant = new Set<string>();
    for (const key of Object.keys(value)) {
        if (RESERVED_KEYS.has(key)) continue;
        const spec = own(properties, key);
        if (spec === undefined) {
            const suggestions = closest(key, Object.keys(properties), walk.suggestions);
            if (suggestions.length === 1) meant.add(suggestions[0]);
            report(joinPath(path, key), `${joinPath(path, key)} is not a ManagedNodeGroup setting${didYouMean((s) => joinPath(path, s), suggestions) || "."}`,
                suggestions.length === 1 && missing.includes(suggestions[0]) ? [joinPath(path, suggestions[0])] : undefined);
            continue;
        }
        const v = value[key];
        if (v !== undefined && v !== null) checkValue(v, spec, joinPath(path, key), walk);
    }
    for (const key of missing) if (!meant.has(key)) report(joinPath(path, key), `${joinPath(path, key)} is required.`);
}

/** Reports every key that names prototype machinery, anywhere in the args (maps and Any-typed values too). */
function reservedKeys(value: unknown, path: string, report: Report, depth = 0): void {
    if (typeof value !== "object" || value === null || isUnknown(value) || depth > 32) return;
    if (Array.isArray(value)) {
        value.forEach((e, i) => reservedKeys(e, `${path}[${i}]`, report, depth + 1));
        return;
    }
    for (const key of Object.keys(value)) {
        if (RESERVED_KEYS.has(key)) {
            report(joinPath(path, key), `${joinPath(path, key)}: the key ${JSON.stringify(key)} is refused anywhere in the args ` +
                "(it names JavaScript's prototype machinery, and could set what no rule sees). Remove it.");
        } else {
            reservedKeys((value as Record<string, unknown>)[key], joinPath(path, key), report, depth + 1);
        }
    }
}

const joinPath = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/** Reports a value of the wrong kind; true when it is of the right one. */
function expect(ok: boolean, value: unknown, what: string, path: string, { report }: Walk): boolean {
    if (!ok) report(path, `${path} must be ${what}, got ${show(value)}.`);
    return ok;
}

function checkValue(value: unknown, declared: PropertySpec, path: string, walk: Walk): void {
    if (isUnknown(value)) return;
    const spec = typeOf(declared);
    if (spec.enum) {
        if (!spec.enum.some((e) => e.value === value)) {
            const values = spec.enum.map((e) => e.value);
            const strings = values.filter((e): e is string => typeof e === "string");
            walk.report(path, `${path} is ${show(value)}; ${meantValue(value, strings, show) ?? `use one of ${values.map(show).join(", ")}.`}`);
        }
        return;
    }
    switch (spec.type) {
        case "string": expect(typeof value === "string", value, "a string", path, walk); return;
        case "number": expect(typeof value === "number" && Number.isFinite(value), value, "a number", path, walk); return;
        case "integer": expect(typeof value === "number" && Number.isInteger(value), value, "a whole number", path, walk); return;
        case "boolean": expect(typeof value === "boolean", value, "true or false", path, walk); return;
        case "array":
            if (expect(Array.isArray(value), value, "a list", path, walk)) {
                const items = value as unknown[];
                for (let i = 0; i < items.length; i++) {
                    if (items[i] !== undefined && items[i] !== null) checkValue(items[i], spec.items ?? {}, `${path}[${i}]`, walk);
                }
            }
            return;
        case "object": {
            if (!expect(typeof value === "object" && !Array.isArray(value), value, "an object", path, walk)) return;
            const obj = value as Record<string, unknown>;
            if (spec.properties) checkObject(obj, spec.properties, spec.required ?? [], path, walk);
            else if (spec.additionalProperties) {
                for (const k of Object.keys(obj)) if (!RESERVED_KEYS.has(k)) checkValue(obj[k], spec.additionalProperties, `${path}["${k}"]`, walk);
            }
            return;
        }
    }
}

export const schemaRules: Rule[] = [{
    id: "args-schema",
    doors: ["component"],
    severity: "error",
    paths: ["*"],
    summary: "A ManagedNodeGroup argument of the wrong type, a value outside its enum, a required one missing, or a name that does not exist (with the closest one).",
    check(s, report) {
        if (isUnknown(s.component?.args)) return;
        if (typeof s.component?.args !== "object" || s.component?.args === null || Array.isArray(s.component?.args)) {
            report("*", "The ManagedNodeGroup args must be an object (cluster, nodeRoleArn, subnetIds, scalingConfig, ...).");
            return;
        }
        reservedKeys(s.component?.args, "", report);
        checkObject(s.component?.args as Record<string, unknown>, COMPONENT.inputProperties, COMPONENT.requiredInputs ?? [], "", { report, suggestions: { left: MAX_SUGGESTIONS } });
    },
}];
