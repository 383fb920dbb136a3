// MIME multipart user data, as cloud-init and nodeadm read it. Writing is ours (a few lines of
// RFC 2046 framing with a deterministic boundary, so unchanged input renders byte-identical user
// data and the launch template does not churn); reading uses postal-mime.
import PostalMime from "postal-mime";
import { MaybePromise } from "../model/maybe";

export interface MimePart {
    contentType: string;
    content: string;
}

// LF, as cloud-init's own make-mime writes: cloud-init hands each part's bytes to the node as they
// are, and a shell part with CRLF endings fails on its "#!/bin/bash\r" interpreter line.
const LF = "\n";

/**
 * The user's content as MIME parts: a MIME document's parts (read later: postal-mime is
 * asynchronous), or the whole text as one part of the type `contentTypeOf` gives it.
 */
export function userParts(content: string | undefined, contentTypeOf: (text: string) => string = sniffContentType): MaybePromise<MimePart[]> {
    if (content === undefined || content.trim() === "") return [];
    if (isMimeDocument(content)) return parseMime(content);
    return [{ contentType: contentTypeOf(content), content }];
}

/** True when `text` is a MIME document (what cloud-init treats as multipart user data). */
export function isMimeDocument(text: string): boolean {
    const head = text.slice(0, text.search(/\r?\n\r?\n/) >>> 0);
    return /^content-type:\s*multipart\//im.test(head) || (/^mime-version:/im.test(head) && /^content-type:/im.test(head));
}

/** The parts of a MIME multipart document, nested multiparts flattened. */
export async function parseMime(text: string): Promise<MimePart[]> {
    const email = await PostalMime.parse(text);
    const parts: MimePart[] = email.attachments.map((a) => ({
        contentType: a.mimeType.toLowerCase(),
        content: typeof a.content === "string" ? a.content : Buffer.from(a.content as ArrayBuffer).toString("utf8"),
    }));
    if (email.text !== undefined && email.text.trim() !== "") parts.unshift({ contentType: "text/plain", content: email.text });
    return parts;
}

/** A boundary that occurs in none of the parts: the same for the same parts, so the template does not churn. */
function boundaryFor(parts: MimePart[]): string {
    for (let n = 0; ; n++) {
        const boundary = n === 0 ? "==EKS-NODEGROUP==" : `==EKS-NODEGROUP-${n}==`;
        if (!parts.some((p) => p.content.includes(boundary))) return boundary;
    }
}

/** Writes a multipart/mixed document with a quoted boundary (nodeadm requires a valid parameter). */
export function writeMime(parts: MimePart[]): string {
    const boundary = boundaryFor(parts);
    const lines = ["MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${boundary}"`, ""];
    for (const part of parts) {
        const body = part.content.replace(/\r\n/g, LF);
        lines.push(`--${boundary}`, `Content-Type: ${part.contentType}; charset="${/^[\x00-\x7f]*$/.test(body) ? "us-ascii" : "utf-8"}"`, "", body.endsWith(LF) ? body.slice(0, -1) : body);
    }
    lines.push(`--${boundary}--`, "");
    return lines.join(LF);
}

/** The MIME type cloud-init would give a single, non-MIME user-data text, from its first line. */
export function sniffContentType(text: string): string {
    const first = text.trimStart().split(/\r?\n/, 1)[0];
    if (first.startsWith("#cloud-config")) return "text/cloud-config";
    if (first.startsWith("#cloud-boothook")) return "text/cloud-boothook";
    if (first.startsWith("#include")) return "text/x-include-url";
    return "text/x-shellscript";
}
