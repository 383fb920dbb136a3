// A launch template's user data as a change describes it: decoded (base64; gzip and MIME multipart
// through userdata/mime.ts, within its 64 KiB budget) and compared part by part — a NodeConfig or
// cloud-config part key by key (YAML paths), Bottlerocket's TOML key by key, PowerShell and shell
// line by line. `impact` (an engine preview) and `plan --against` (two plans) both reach it through
// classify, so one change reads the same in both. A value under a credential's name, or a line that
// names one, is shown as [secret]; a secret or unknown user data is shown whole as what it is.
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { effectiveType, isMimeDocument, MAX_DECODED_BYTES, MimeError, readMime, sniffContentType, userDataText } from "../userdata/mime";
import { Difference, differences, isObject, TooManyChanges } from "./differences";

/** How a secret reads in every impact (the engine's own word for one). */
export const SECRET = "[secret]";
export const KNOWN_AFTER_APPLY = "(known after apply)";

/** One part of a decoded user data: its text, and its keys when it is YAML or TOML that parses. */
interface Part { label: string; text: string; fields?: Record<string, unknown> }

/** A user data decoded into its parts, or a value that cannot be looked into (unknown, secret, unreadable). */
type View = { parts: Part[]; bytes: number } | { whole: string };

// Names of keys whose values are credentials (cloud-config's password, passwd, chpasswd and
// ssh_keys.*_private; Bottlerocket's container-registry credentials with password, auth and
// identitytoken), and lines that name one: their values are never printed.
const SECRET_KEY = /pass(word|wd)?|secret|token|credential|private|^auth$/i;
const SECRET_LINE = /pass(word|wd)|secret|token|credential|private[_-]?key|api[_-]?key/i;

/** Base64 as a launch template holds it (whitespace ignored), and no longer than the budget's base64. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_BASE64 = Math.ceil(MAX_DECODED_BYTES / 3) * 4;

/** Parsed values as plain JSON-like data: TOML dates as their text, objects without prototype as plain ones. */
function plain(v: unknown): unknown {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
}

/** The keys of a YAML text (one document, or documents numbered from 1), or undefined when it is not YAML of a map. */
function yamlFields(text: string): Record<string, unknown> | undefined {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    let values: unknown[];
    try {
        values = docs.map((d) => plain(d.toJS()));
    } catch {
        return undefined; // more aliases than yaml expands (its maxAliasCount): read as lines
    }
    if (values.length === 1) return isObject(values[0]) ? values[0] : undefined;
    return Object.fromEntries(values.map((v, i) => [`document ${i + 1}`, v]));
}

function tomlFields(text: string): Record<string, unknown> | undefined {
    try {
        const parsed = plain(parseToml(text));
        return isObject(parsed) && Object.keys(parsed).length > 0 ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** A whole, non-MIME user data: Bottlerocket's TOML or a plain NodeConfig by keys, anything else (PowerShell, a script) by lines. */
function wholePart(text: string): Part {
    const sniffed = sniffContentType(text);
    const fields = /^\s*<powershell>/i.test(text) ? undefined
        : sniffed === "text/cloud-config" ? yamlFields(text)
            : sniffed !== "text/plain" ? undefined
                : tomlFields(text) ?? (/^\s*apiVersion:\s*node\.eks\.aws\//m.test(text) ? yamlFields(text) : undefined);
    return { label: "", text, fields };
}

/** The parts of a MIME document, each labelled by its type as cloud-init acts on it (`#2` on its second of that type). */
function mimeParts(text: string): Part[] {
    const seen = new Map<string, number>();
    return readMime(text).parts.map((p) => {
        const type = effectiveType(p);
        const n = (seen.get(type) ?? 0) + 1;
        seen.set(type, n);
        const keyed = type === "application/node.eks.aws" || type === "text/cloud-config";
        return { label: `[${type}${n === 1 ? "" : ` #${n}`}]`, text: p.content, fields: keyed ? yamlFields(p.content) : undefined };
    });
}

/** A user data input (base64) as the parts it decodes to, or what it is when it cannot be decoded. */
export function viewOf(value: unknown, isUnknown: (v: unknown) => boolean = () => false): View {
    if (value === undefined || value === null || value === "") return { parts: [], bytes: 0 };
    if (isUnknown(value)) return { whole: KNOWN_AFTER_APPLY };
    if (typeof value === "string" && value.startsWith(SECRET)) return { whole: value }; // [secret], or preview.ts's "[secret] (changed)"
    if (typeof value !== "string") return { whole: `(user data that is not a string: ${Array.isArray(value) ? "a list" : typeof value})` };
    const b64 = value.replace(/\s/g, "");
    if (!BASE64.test(b64) || b64.length % 4 !== 0) return { whole: `(user data that is not base64, ${value.length} characters)` };
    if (b64.length > MAX_BASE64) return { whole: `(user data, ${value.length} characters of base64: more than ${MAX_DECODED_BYTES} bytes, not decoded)` };
    try {
        const text = userDataText(Buffer.from(b64, "base64"));
        return { parts: isMimeDocument(text) ? mimeParts(text) : [wholePart(text)], bytes: Buffer.byteLength(text) };
    } catch (e) {
        if (!(e instanceof MimeError)) throw e;
        return { whole: `(user data, ${value.length} characters of base64, that cannot be read: ${e.message})` };
    }
}

const summary = (v: View): string =>
    "whole" in v ? v.whole : v.parts.length === 0 ? "(no user data)" : `(user data: ${v.parts.length} part${v.parts.length === 1 ? "" : "s"}, ${v.bytes} bytes decoded)`;

const masked = (path: string, v: unknown): unknown => (v !== undefined && path.split(".").some((k) => SECRET_KEY.test(k)) ? SECRET : v);
const maskedLine = (s: string | undefined): string | undefined => (s !== undefined && SECRET_LINE.test(s) ? SECRET : s);

/**
 * A user-data setting of a definition (`plan --against` compares definitions) as a change may show
 * it: `[secret]` under a credential's name, and in a text (a script or cloud-config of `content`)
 * each line that names one replaced by `[secret]`. `path` is under the template's userData.
 */
export function redacted(path: string, value: unknown): unknown {
    const v = masked(path, value);
    const text = (x: unknown): unknown => (typeof x === "string" ? x.split("\n").map((l) => maskedLine(l)).join("\n") : x);
    return Array.isArray(v) ? v.map(text) : text(v);
}

/** The lines of two texts that differ, by longest common subsequence of the lines (see lineOps). */
function lineDifferences(label: string, before: string, after: string, limit: number): Difference[] {
    const a = before === "" ? [] : before.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
    const b = after === "" ? [] : after.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
    const out: Difference[] = [];
    const push = (path: string, x: string | undefined, y: string | undefined): void => {
        if (out.length >= limit) throw new TooManyChanges(limit);
        out.push({ path: `userData${label} ${path}`, before: maskedLine(x), after: maskedLine(y) });
    };
    for (const hunk of lineHunks(a, b)) {
        // Within a run of changed lines, the n-th removed line pairs with the n-th added one.
        const n = Math.max(hunk.removed.length, hunk.added.length);
        for (let i = 0; i < n; i++) {
            if (i < hunk.added.length) push(`line ${hunk.afterStart + i + 1}`, hunk.removed[i], hunk.added[i]);
            else push(`old line ${hunk.beforeStart + i + 1}`, hunk.removed[i], undefined);
        }
    }
    return out;
}

interface Hunk { beforeStart: number; afterStart: number; removed: string[]; added: string[] }

/**
 * The most cells the line comparison fills (a table of lengths, 4 bytes each): past it, the lines
 * between the common head and tail are taken as one rewritten run. 64 KiB of one-character lines
 * is 32,768 lines a side, whose full table would be a billion cells.
 */
const MAX_CELLS = 4_000_000;

/** Runs of changed lines: the common head and tail set aside, the middle by longest common subsequence. */
function lineHunks(a: string[], b: string[]): Hunk[] {
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    const x = a.slice(head, a.length - tail);
    const y = b.slice(head, b.length - tail);
    if (x.length === 0 && y.length === 0) return [];
    if ((x.length + 1) * (y.length + 1) > MAX_CELLS) return [{ beforeStart: head, afterStart: head, removed: x, added: y }];
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--) {
        for (let j = y.length - 1; j >= 0; j--) {
            lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
        }
    }
    const hunks: Hunk[] = [];
    let open: Hunk | undefined;
    let i = 0, j = 0;
    const at = (): Hunk => (open ??= { beforeStart: head + i, afterStart: head + j, removed: [], added: [] });
    while (i < x.length || j < y.length) {
        if (i < x.length && j < y.length && x[i] === y[j]) {
            if (open) hunks.push(open);
            open = undefined;
            i++;
            j++;
        } else if (j < y.length && (i === x.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
            at().added.push(y[j++]);
        } else {
            at().removed.push(x[i++]);
        }
    }
    if (open) hunks.push(open);
    return hunks;
}

/** Two parts of one label: key by key when both parse, else line by line. */
function partDifferences(label: string, before: Part | undefined, after: Part | undefined, limit: number): Difference[] {
    const keyed = (before === undefined || before.fields !== undefined) && (after === undefined || after.fields !== undefined);
    if (keyed) {
        return differences(before?.fields ?? {}, after?.fields ?? {}, `userData${label}`, limit)
            .map((d) => ({ ...d, before: masked(d.path, d.before), after: masked(d.path, d.after) }));
    }
    return lineDifferences(label, before?.text ?? "", after?.text ?? "", limit);
}

/**
 * What differs between two user data inputs (base64, as a launch template holds them): paths
 * `userData[<part type>].<key path>`, `userData[<part type>] line N`, or `userData.<key path>` and
 * `userData line N` for a user data that is not MIME. A side that cannot be decoded makes one
 * difference of the whole (its summary); so does a re-encoding whose parts read the same.
 */
export function userDataDifferences(before: unknown, after: unknown, isUnknown?: (v: unknown) => boolean, limit = Infinity): Difference[] {
    const b = viewOf(before, isUnknown);
    const a = viewOf(after, isUnknown);
    if ("whole" in b || "whole" in a) return [{ path: "userData", before: summary(b), after: summary(a) }];
    const labels = [...new Set([...b.parts, ...a.parts].map((p) => p.label))];
    const out: Difference[] = [];
    for (const label of labels) {
        out.push(...partDifferences(label, b.parts.find((p) => p.label === label), a.parts.find((p) => p.label === label), limit - out.length));
    }
    if (out.length === 0) {
        // The parts read the same; the bytes differ (a MIME header, the boundary, the order of parts).
        return [{ path: "userData", before: summary(b), after: `${summary(a)}, its parts unchanged` }];
    }
    return out;
}
