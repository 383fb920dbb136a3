// Secret inputs stay secret: in the user data (launch template and the component's output) and in
// every message. Rules print values with `show()` and know nothing of secrets; the review passes
// their findings through `redact` before anyone sees them.
import { componentPath } from "./diagnostics";
import { Finding } from "../rules/rule";
import { Resolved, touchesSecret } from "./resolve";
import { pathsOverlap } from "../base/paths";

/** The args the user data is rendered from: a secret in any of them makes the user data secret. */
const USER_DATA_SOURCES = ["cluster", "launchTemplate", "labels", "taints", "instanceTypes"];

export function userDataIsSecret(resolved: Resolved): boolean {
    return USER_DATA_SOURCES.some((path) => touchesSecret(resolved, path));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require("../../schema.json") as { resources: Record<string, { inputProperties: object }>; types: Record<string, { properties?: object }> };
/** The component's own argument names: keys of a secret object that are these say nothing secret. */
const ARGUMENT_NAMES = new Set([
    ...Object.values(schema.resources).flatMap((r) => Object.keys(r.inputProperties)),
    ...Object.values(schema.types).flatMap((t) => Object.keys(t.properties ?? {})),
]);

/** Strings, numbers and booleans in a secret value, and the keys of its maps. */
function leaves(value: unknown, into: unknown[], depth = 0): void {
    if (depth > 32 || value === undefined || value === null) return;
    if (typeof value !== "object") {
        into.push(value);
        return;
    }
    for (const [k, v] of Object.entries(value)) {
        if (!Array.isArray(value) && !ARGUMENT_NAMES.has(k)) into.push(k);
        leaves(v, into, depth + 1);
    }
}

/** A raw occurrence of a string this short is too likely to be part of the message's own words. */
const MIN_RAW_LENGTH = 4;

function scrub(text: string, path: string, found: unknown[], near: boolean): string {
    const replacement = `(the secret value of ${path})`;
    let out = text;
    for (const leaf of found) {
        const quoted = JSON.stringify(leaf);
        if (typeof leaf === "string") {
            out = out.split(quoted).join(replacement);
            if (leaf.length >= MIN_RAW_LENGTH) out = out.split(leaf).join(replacement);
        } else if (near) {
            out = out.replace(new RegExp(`(?<![\\w.])${quoted.replace(/[.+]/g, "\\$&")}(?![\\w.])`, "g"), replacement);
        }
    }
    // Where the finding is about the secret itself, any quoted excerpt in its message may be of it.
    if (near) out = out.replace(/"(?:[^"\\]|\\.)*"/g, replacement);
    return out;
}

/** The findings with every secret value replaced by where it came from. */
export function redact(findings: Finding[], resolved: Resolved): Finding[] {
    if (resolved.secrets.length === 0) return findings;
    // Each secret's leaves once, not once per finding.
    const secrets = resolved.secrets.map(({ path, value }) => {
        const found: unknown[] = [];
        leaves(value, found);
        return { path, found };
    });
    return findings.map((f) => {
        let { message, path } = f;
        let secret = false;
        for (const s of secrets) {
            const near = pathsOverlap(s.path, componentPath(f.path));
            message = scrub(message, s.path, s.found, near);
            path = scrub(path, s.path, s.found, false);
            secret ||= near;
        }
        return secret ? { ...f, message, path, secret } : { ...f, message, path };
    });
}
