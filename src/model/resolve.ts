// Turns component inputs (plain values, promises, Outputs, nested in objects and arrays) into
// plain values the rules can read, without ever waiting on an apply: an Output that is unknown
// now (at preview, the output of a resource not yet created) is kept as the Output itself, and
// the rules treat it as "not known yet". At deploy time the same call yields every value.
// Alongside, it records which paths were secret and which resources the values came from, so
// the children keep both.
import * as pulumi from "@pulumi/pulumi";
import { MaybePromise } from "../base/maybe";
import { pathsOverlap } from "../base/paths";

/** The parts of Pulumi's Output implementation this module reads; present at run time, absent from its .d.ts. */
interface OutputInternals {
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    allResources?: () => Promise<Set<pulumi.Resource>>;
    resources(): Set<pulumi.Resource>;
    promise(withUnknowns?: boolean): Promise<unknown>;
}

export interface Resolved<T = unknown> {
    /** Plain values for the rules: secrets unwrapped, unknown parts kept as their Outputs. */
    value: T;
    /** The same values for resource inputs: plain where known, secret values as secret Outputs, unknown parts as their Outputs. */
    input: T;
    /** The values that were secret, plain, with their paths (`cluster.certificateAuthority`, `subnetIds[0]`): what no message may print. */
    secrets: { path: string; value: unknown }[];
    /** Resources the resolved Outputs depended on: the children depend on them too. */
    resources: Set<pulumi.Resource>;
}

/** Deeply resolves an input; unknown parts stay Outputs (see isUnknown). */
export function resolveInput<T = unknown>(value: unknown): MaybePromise<Resolved<T>> {
    // Args without any Output or promise (the common case) are ready now, and need one copy only.
    const plain = plainCopy(value);
    if (plain !== HAS_ASYNC) return { value: plain as T, input: plain as T, secrets: [], resources: new Set() };
    return resolveAsync<T>(value);
}

async function resolveAsync<T>(value: unknown): Promise<Resolved<T>> {
    const secrets: { path: string; value: unknown }[] = [];
    const resources = new Set<pulumi.Resource>();
    const walk = async (v: unknown, path: string): Promise<[unknown, unknown]> => {
        if (pulumi.Output.isInstance(v)) {
            const out = v as unknown as OutputInternals;
            for (const r of (await out.allResources?.()) ?? out.resources()) resources.add(r);
            if (!(await out.isKnown)) return [v, v];
            const [plain, input] = await walk(await out.promise(), path);
            if (!(await out.isSecret)) return [plain, input];
            secrets.push({ path, value: plain });
            return [plain, pulumi.secret(input)];
        }
        if (isPromiseLike(v)) return walk(await v, path);
        if (Array.isArray(v)) {
            const items = await Promise.all(v.map((e, i) => walk(e, `${path}[${i}]`)));
            return [items.map(([p]) => p), items.map(([, i]) => i)];
        }
        if (isPlainObject(v)) {
            const entries = (await Promise.all(
                Object.entries(v).map(async ([k, e]) => [k, await walk(e, path === "" ? k : `${path}.${k}`)] as const),
            )).filter(([, [p]]) => p !== undefined && p !== null);
            return [ownObject(entries.map(([k, [p]]) => [k, p])), ownObject(entries.map(([k, [, i]]) => [k, i]))];
        }
        return [v, v];
    };
    const [plain, input] = await walk(value, "");
    return { value: plain as T, input: input as T, secrets, resources };
}

const HAS_ASYNC = Symbol("has an Output or a promise");

/**
 * Every key of a copy is an own data property: a `__proto__` key (JSON and YAML parsers make it an
 * own property) stays a property, and cannot give the copy a prototype whose settings the children
 * would inherit while the rules, which read own properties, saw nothing; args-schema refuses it.
 * (The copies keep Object.prototype: Pulumi's serializer turns inputs into strings on the way.)
 */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
    if (key === "__proto__") Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
    else o[key] = value;
}

function ownObject(entries: [string, unknown][]): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const [k, v] of entries) setOwn(o, k, v);
    return o;
}

/** The same tree without undefined or null members, as the async walk leaves it; HAS_ASYNC when it holds an Output or a promise. */
function plainCopy(v: unknown): unknown {
    if (typeof v !== "object" || v === null) return v;
    if (pulumi.Output.isInstance(v) || isPromiseLike(v)) return HAS_ASYNC;
    if (Array.isArray(v)) {
        const copy: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
            const item = plainCopy(v[i]);
            if (item === HAS_ASYNC) return HAS_ASYNC;
            copy[i] = item;
        }
        return copy;
    }
    if (isPlainObject(v)) {
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(v)) {
            const member = v[key];
            if (member === undefined || member === null) continue;
            const item = plainCopy(member);
            if (item === HAS_ASYNC) return HAS_ASYNC;
            setOwn(copy, key, item);
        }
        return copy;
    }
    return v;
}

/** Whether `path` or anything inside or around it was secret. */
export function touchesSecret(resolved: Resolved, path: string): boolean {
    return resolved.secrets.some((secret) => pathsOverlap(secret.path, path));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}
