// Type guards the rules read values through. Inputs arrive from YAML files, other languages and
// fuzzers, so any property may hold anything: a guard returns undefined for a value that is absent,
// unknown (see base/unknown.ts) or of another type, and rules compare only what the guards let by.
import { isUnknown } from "./unknown";

export { isUnknown };

/** Present (not undefined/null), whether known or not. */
export function isSet(v: unknown): boolean {
    return v !== undefined && v !== null;
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

export function num(v: unknown): number | undefined {
    return typeof v === "number" && !Number.isNaN(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
    return typeof v === "boolean" ? v : undefined;
}

export function obj(v: unknown): Record<string, unknown> | undefined {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v)
        ? (v as Record<string, unknown>)
        : undefined;
}

export function arr(v: unknown): unknown[] | undefined {
    return Array.isArray(v) ? v : undefined;
}

/** A list given as a known array with at least one element (elements may be unknown). */
export function nonEmpty(v: unknown): boolean {
    const a = arr(v);
    return a !== undefined && a.length > 0;
}

/**
 * Set while the policy pack runs the rules: it cannot tell which of a raw resource's values were
 * secret (the engine hands it plain values), so its messages show no string a user wrote — only
 * numbers and booleans the rule compares, and the closed sets the messages name themselves. Rules
 * run synchronously (runRules), so a flag set around the call covers every message it makes.
 */
let withholding = false;

/** Runs `fn` with the strings of messages withheld (see `show`). */
export function withValuesWithheld<T>(fn: () => T): T {
    const before = withholding;
    withholding = true;
    try {
        return fn();
    } finally {
        withholding = before;
    }
}

/** What a message says in place of a value it may not print. */
export const WITHHELD = "(value not shown: it may be secret)";

/** Shows a value in a message: in the policy pack, numbers and booleans only. */
export function show(v: unknown): string {
    if (withholding && typeof v !== "number" && typeof v !== "boolean") return WITHHELD;
    if (typeof v === "string") return JSON.stringify(v);
    try {
        return JSON.stringify(v) ?? String(v);
    } catch {
        return String(v);
    }
}

/** Reports a set, known value at `path` that is not a whole number from `min` (up to `max`); the message names the argument path. */
export function wholeNumber(report: (path: string, message: string) => void, path: string, v: unknown, min: number, max?: number): void {
    if (!isSet(v) || isUnknown(v)) return;
    const n = num(v);
    if (n === undefined || !Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
        report(path, `${path.replace(/^nodeGroup\./, "")} must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got ${show(v)}.`);
    }
}
