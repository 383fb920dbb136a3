// MIME multipart user data, as cloud-init and nodeadm read it.
//
// The user's own MIME document reaches the node unchanged: its bytes, headers (Merge-Type,
// Content-Disposition, …), transfer encodings and gzip parts are kept, and the component's parts
// are inserted between its delimiter lines (before the first part, or before the closing line).
// A plain-text user data becomes one part whose body is the text as written. Reading parses the
// structure (RFC 2046 delimiters) to classify and inspect parts; header parameters are read with
// `content-type` (jshttp's parser); bodies are decoded as cloud-init decodes them (base64,
// quoted-printable, gzip). postal-mime, an e-mail parser, was used before: it merges text/plain
// parts and drops headers, which is e-mail's model, not cloud-init's.
import { parse as parseContentType } from "content-type";
import { gunzipSync } from "zlib";

export interface MimePart {
    /** Lower-case type/subtype. */
    contentType: string;
    /** The decoded body (transfer encoding undone, gzip inflated), as UTF-8 text. */
    content: string;
    /** Lower-case header names to their unfolded values (parts read from a document). */
    headers?: Record<string, string>;
}

export interface MimeDocument {
    text: string;
    boundary: string;
    /** Offsets in `text` of the first delimiter line and of the closing delimiter line. */
    firstDelimiter: number;
    closeDelimiter: number;
    /** Every leaf part, nested multiparts flattened in order. */
    parts: MimePart[];
}

// LF, as cloud-init's own make-mime writes: cloud-init hands each part's bytes to the node as they
// are, and a shell part with CRLF endings fails on its "#!/bin/bash\r" interpreter line.
const LF = "\n";
const MAX_DEPTH = 8;
const MAX_PARTS = 500;
/**
 * What the component and the policy pack read of one user data, all parts together, decoded and
 * inflated: 64 KiB, four times EC2's 16 KiB limit on the raw user data (gzip parts let more than 16
 * KiB fit; real documents stay well below four times that). It bounds the work: the shell parser
 * reads ~25 ms per KiB on a busy 2-core machine, so 64 KiB is about 2 s, where one 16 KiB document of
 * gzip parts could otherwise inflate to hundreds of MiB (tests/security/bounded.test.ts).
 */
export const MAX_DECODED_BYTES = 64 * 1024;
/** RFC 2045 token characters: what a boundary may use unquoted (nodeadm reads any other as plain YAML). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 2046 bchars, 1 to 70 of them, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export class MimeError extends Error {}

/**
 * True when a consumer reads `text` as MIME: cloud-init when "mime-version:" is in its first 4096
 * bytes (cloudinit/user_data.py convert_string), nodeadm when its headers say multipart. readMime
 * then requires both, so the two never read one user data differently.
 */
export function isMimeDocument(text: string): boolean {
    const head = text.slice(0, text.search(/\r?\n\r?\n/) >>> 0);
    return /mime-version:/i.test(text.slice(0, 4096)) || /^content-type:\s*multipart\//im.test(head);
}

/** Header block and body of an entity: headers end at the first empty line. */
function splitEntity(text: string): { headers: Record<string, string>; body: string } {
    const m = /\r?\n\r?\n/.exec(text);
    const headerText = text.startsWith("\n") || text.startsWith("\r\n") ? "" : m ? text.slice(0, m.index) : text;
    const body = text.startsWith("\n") ? text.slice(1) : text.startsWith("\r\n") ? text.slice(2) : m ? text.slice(m.index + m[0].length) : "";
    const headers: Record<string, string> = Object.create(null);
    for (const line of headerText.replace(/\r?\n[ \t]/g, " ").split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        headers[name] ??= line.slice(colon + 1).trim();
    }
    return { headers, body };
}

function boundaryOf(header: string): string | undefined {
    const parsed = parseContentType(header);
    if (!parsed.type.toLowerCase().startsWith("multipart/")) return undefined;
    const boundary = parsed.parameters.boundary;
    if (boundary === undefined) throw new MimeError("its multipart Content-Type has no boundary parameter");
    if (!BOUNDARY.test(boundary)) throw new MimeError(`its boundary ${JSON.stringify(boundary)} is not 1 to 70 MIME boundary characters`);
    if (!TOKEN.test(boundary) && !/boundary\s*=\s*"/i.test(header)) {
        throw new MimeError(`its boundary ${JSON.stringify(boundary)} must be quoted (boundary="${boundary}"): nodeadm reads the document as plain YAML otherwise`);
    }
    return boundary;
}

interface Delimiters { starts: number[]; lineEnds: number[]; close: number }

/** Offsets of the delimiter lines `--boundary` and of the closing `--boundary--`, in one pass. */
function delimiters(text: string, boundary: string, from: number): Delimiters {
    const marker = `--${boundary}`;
    const starts: number[] = [];
    const lineEnds: number[] = [];
    let pos = from;
    while (pos <= text.length) {
        const nl = text.indexOf("\n", pos);
        const end = nl < 0 ? text.length : nl;
        const line = text.slice(pos, end).replace(/\r$/, "");
        if (line.startsWith(marker)) {
            const rest = line.slice(marker.length);
            if (/^--[ \t]*$/.test(rest)) return { starts, lineEnds, close: pos };
            if (/^[ \t]*$/.test(rest)) {
                starts.push(pos);
                lineEnds.push(nl < 0 ? text.length : nl + 1);
            }
        }
        if (nl < 0) break;
        pos = nl + 1;
    }
    throw new MimeError(`it has no closing --${boundary}-- line`);
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
    switch ((encoding ?? "7bit").toLowerCase()) {
        case "base64": return Buffer.from(body.replace(/[\r\n\t ]/g, ""), "base64");
        case "quoted-printable":
            return Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
        case "7bit": case "8bit": case "binary": return Buffer.from(body, "utf8");
        default: throw new MimeError(`a part has the transfer encoding ${JSON.stringify(encoding)}, which cloud-init does not read`);
    }
}

/** cloud-init's gzip content types (cloudinit/user_data.py DECOMP_TYPES): inflated, then sniffed. */
const GZIP_TYPES = new Set(["application/gzip", "application/gzip-compressed", "application/gzipped", "application/x-compress",
    "application/x-compressed", "application/x-gunzip", "application/x-gzip", "application/x-gzip-compressed"]);

/** The bytes still to be read of one document (see MAX_DECODED_BYTES). */
interface Budget { left: number }

const overBudget = (): MimeError =>
    new MimeError(`its parts decode and inflate to more than ${MAX_DECODED_BYTES} bytes in all (EC2 takes 16 KiB of user data; ` +
        "the component reads at most four times that), so it cannot be checked; put large files on S3 or in the AMI");

function take(budget: Budget, bytes: number): void {
    budget.left -= bytes;
    if (budget.left < 0) throw overBudget();
}

function textOf(bytes: Buffer, budget: Budget): string {
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        let inflated: Buffer;
        try {
            // Inflating stops one byte past what the budget allows: no part inflates further than that.
            inflated = gunzipSync(bytes, { maxOutputLength: budget.left + 1 });
        } catch (e) {
            if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw overBudget();
            throw new MimeError(`a gzip part does not inflate: ${(e as Error).message}`);
        }
        take(budget, inflated.length);
        return inflated.toString("utf8");
    }
    take(budget, bytes.length);
    return bytes.toString("utf8");
}

/**
 * User data as EC2 hands it to the node, as text: inflated when the whole of it is gzip (cloud-init
 * inflates it so), within MAX_DECODED_BYTES like every part. What `impact` reads a template's
 * decoded user data with, before isMimeDocument/readMime.
 */
export function userDataText(bytes: Buffer): string {
    return textOf(bytes, { left: MAX_DECODED_BYTES });
}

function leaves(entity: string, depth: number, into: MimePart[], budget: Budget): void {
    if (depth > MAX_DEPTH) throw new MimeError(`it nests multiparts more than ${MAX_DEPTH} deep`);
    const { headers, body } = splitEntity(entity);
    const type = headers["content-type"] ?? "text/plain";
    const boundary = boundaryOf(type);
    if (boundary !== undefined) {
        partsBetween(body, delimiters(body, boundary, 0), depth + 1, into, budget);
        return;
    }
    if (into.length >= MAX_PARTS) throw new MimeError(`it has more than ${MAX_PARTS} parts`);
    const declared = parseContentType(type).type.toLowerCase();
    into.push({ contentType: GZIP_TYPES.has(declared) ? "text/plain" : declared, content: textOf(decodeBody(body, headers["content-transfer-encoding"]), budget), headers });
}

/** Reads each part between the delimiters `d` of `text` into `into`. */
function partsBetween(text: string, d: Delimiters, depth: number, into: MimePart[], budget: Budget): void {
    d.starts.forEach((_, i) => leaves(text.slice(d.lineEnds[i], lineBefore(text, d.starts[i + 1] ?? d.close)), depth, into, budget));
}

/** The offset where the line break before `offset` starts (that break belongs to the delimiter). */
function lineBefore(text: string, offset: number): number {
    if (offset > 0 && text[offset - 1] === "\n") return offset - (offset > 1 && text[offset - 2] === "\r" ? 2 : 1);
    return offset;
}

/** Reads a MIME multipart document: its boundary, where parts may be inserted, and its leaf parts. */
export function readMime(text: string): MimeDocument {
    const { headers, body } = splitEntity(text);
    const boundary = boundaryOf(headers["content-type"] ?? "");
    if (boundary === undefined) throw new MimeError("it says mime-version:, but its Content-Type header is not multipart (cloud-init would read it as MIME, nodeadm as plain YAML)");
    if (headers["mime-version"] === undefined) throw new MimeError("its headers have no MIME-Version: 1.0 (nodeadm would read it as MIME, cloud-init as plain text)");
    const bodyStart = text.length - body.length;
    const d = delimiters(text, boundary, bodyStart);
    if (d.starts.length === 0) throw new MimeError("it has no parts");
    const parts: MimePart[] = [];
    // The delimiters found once serve both: where parts may be inserted, and which parts there are.
    partsBetween(text, d, 1, parts, { left: MAX_DECODED_BYTES });
    return { text, boundary, firstDelimiter: d.starts[0], closeDelimiter: d.close, parts };
}

/** The parts of the user's content: a MIME document's leaves, or the whole text as one part of the type `contentTypeOf` gives it. */
export function userParts(content: string | undefined, contentTypeOf: (text: string) => string = sniffContentType): MimePart[] {
    if (content === undefined || content.trim() === "") return [];
    // A plain text past the budget is not read either (userdata-size reports it: it is over EC2's limit too).
    if (Buffer.byteLength(content, "utf8") > MAX_DECODED_BYTES) throw overBudget();
    if (isMimeDocument(content)) return readMime(content).parts;
    return [{ contentType: contentTypeOf(content), content }];
}

/** A boundary that occurs in none of the parts, found in one pass over each: the same for the same parts, so the template does not churn. */
function boundaryFor(parts: MimePart[]): string {
    const taken = new Set<number>();
    for (const p of parts) {
        for (const m of p.content.matchAll(/==EKS-NODEGROUP(?:-(\d{1,6}))?==/g)) taken.add(m[1] === undefined ? 0 : Number(m[1]));
    }
    let n = 0;
    while (taken.has(n)) n++;
    return n === 0 ? "==EKS-NODEGROUP==" : `==EKS-NODEGROUP-${n}==`;
}

/** One part framed for `boundary`: its body is `content` exactly (the line break before the next delimiter belongs to the delimiter). */
function framed(part: MimePart, boundary: string): string {
    const marker = `--${boundary}`;
    if (part.content.split(/\r?\n/).some((line) => line.startsWith(marker))) {
        throw new MimeError(`a generated part holds a line starting with ${marker}, the user data's boundary; choose another boundary`);
    }
    const charset = /^[\x00-\x7f]*$/.test(part.content) ? "us-ascii" : "utf-8";
    return [marker, `Content-Type: ${part.contentType}; charset="${charset}"`, "", part.content].join(LF) + LF;
}

/** Writes a multipart/mixed document with a quoted boundary (nodeadm requires a valid parameter). */
export function writeMime(parts: MimePart[]): string {
    const boundary = boundaryFor(parts);
    return ["MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${boundary}"`, "", ""].join(LF)
        + parts.map((p) => framed(p, boundary)).join("") + `--${boundary}--${LF}`;
}

/**
 * The user's content with the generated parts added: `first` before the user's parts, `last`
 * after them. A MIME document is kept byte for byte, the parts inserted between its delimiters;
 * plain text becomes the first part of a new document, its body unchanged.
 */
export function withParts(content: string | undefined, contentTypeOf: (text: string) => string, first: MimePart[], last: MimePart[]): string | undefined {
    if (content === undefined || content.trim() === "") return first.length + last.length === 0 ? undefined : writeMime([...first, ...last]);
    if (!isMimeDocument(content)) return writeMime([...first, { contentType: contentTypeOf(content), content }, ...last]);
    const doc = readMime(content);
    if (first.length + last.length === 0) return content;
    const insert = (parts: MimePart[]) => parts.map((p) => framed(p, doc.boundary)).join("");
    return content.slice(0, doc.firstDelimiter) + insert(first)
        + content.slice(doc.firstDelimiter, doc.closeDelimiter) + insert(last) + content.slice(doc.closeDelimiter);
}

/**
 * The MIME type cloud-init gives a text from how it starts (for a non-MIME user data, and for
 * text/plain parts); text/plain when nothing matches: cloud-init then runs nothing.
 */
export function sniffContentType(text: string): string {
    const start = text.trimStart().slice(0, 64).toLowerCase();
    for (const [prefix, type] of STARTS_WITH) if (start.startsWith(prefix)) return type;
    return "text/plain";
}

// cloud-init's handlers' prefixes (cloudinit/handlers/__init__.py INCLUSION_TYPES_MAP), longest first.
const STARTS_WITH: [string, string][] = [
    ["#cloud-config-archive", "text/cloud-config-archive"],
    ["#cloud-config-jsonp", "text/cloud-config-jsonp"],
    ["#cloud-config", "text/cloud-config"],
    ["#cloud-boothook", "text/cloud-boothook"],
    ["#include-once", "text/x-include-once-url"],
    ["#include", "text/x-include-url"],
    ["#part-handler", "text/part-handler"],
    ["#upstart-job", "text/upstart-job"],
    ["## template: jinja", "text/jinja2"],
    ["#!", "text/x-shellscript"],
];

/** The part's type as cloud-init acts on it: text/plain and text/x-shellscript parts are sniffed from their content (TYPE_NEEDED). */
export function effectiveType(part: MimePart): string {
    if (part.contentType === "text/plain" || part.contentType === "text/x-not-multipart") return sniffContentType(part.content);
    if (part.contentType === "text/x-shellscript") {
        const sniffed = sniffContentType(part.content);
        return sniffed === "text/plain" ? part.contentType : sniffed;
    }
    return part.contentType;
}

/** Why cloud-init would not run a shell part as written, or undefined. */
export function shellPartProblem(part: MimePart): string | undefined {
    if (effectiveType(part) !== "text/x-shellscript") return undefined;
    if (!part.content.startsWith("#!")) return "a text/x-shellscript part does not start with #! (cloud-init executes the part, and a file without an interpreter line fails); start it with #!/bin/bash";
    if (/^#![^\n]*\r/.test(part.content)) return "a shell part's #! line ends in CR (Windows line endings): the interpreter \"bash\\r\" does not exist; save it with LF line endings";
    return undefined;
}
