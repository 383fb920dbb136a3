// Leaf differences between two values, the one walk every impact path is named by: the inputs of
// the launch template and node group (classify.ts), the definitions `plan --against` compares, and
// the keys of a decoded user-data part (userdata.ts).

/** More differences than the caller's limit: the walk stops there, not after building them all. */
export class TooManyChanges extends Error {
    constructor(readonly limit: number) {
        super(`more than ${limit} inputs differ`);
    }
}

/** A plain object (not an array or null). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface Difference { path: string; before: unknown; after: unknown }

/** Leaf differences between two values: objects are walked, arrays and scalars compared whole; TooManyChanges past `limit`. */
export function differences(before: unknown, after: unknown, path = "", limit = Infinity): Difference[] {
    const out: Difference[] = [];
    collect(before, after, path, out, limit);
    return out;
}

// Every level adds to one list: a list per level, concatenated into its parent's, copied each
// difference once per level above it (a wide object 200 levels down was copied 200 times).
function collect(before: unknown, after: unknown, path: string, out: Difference[], limit: number): void {
    if (isObject(before) && isObject(after)) {
        for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
            collect(before[k], after[k], path === "" ? k : `${path}.${k}`, out, limit);
        }
    } else if (!same(before, after)) {
        if (out.length >= limit) throw new TooManyChanges(limit);
        out.push({ path, before, after });
    }
}

/** A copy of `o` with the value at `path` (keys) set to `value`, each object along the way copied, a missing one made. */
export function withPath(o: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
    const [k, ...rest] = path;
    return { ...o, [k]: rest.length === 0 ? value : withPath(isObject(o[k]) ? o[k] : {}, rest, value) };
}
