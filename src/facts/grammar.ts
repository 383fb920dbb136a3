// The grammar of every value the component writes into boot code (user data runs as root on every
// node): each function says why a value does not match, or undefined when it does. The rules
// (src/rules/bootvalues.ts) report these at preview; the renderers call them again before they
// write a value (the second wall beside quoting), so no code path renders what the rules refuse.
// Pure functions of one value, shared by rules/ and userdata/.
import * as ipaddr from "ipaddr.js";
import { celMaxPodsProblem } from "./maxpodsexpression";
import { memoize } from "../base/memo";

/**
 * Characters no rendered value may hold, and that `plan` shows as escapes: C0/C1 controls, DEL, the
 * Unicode line and paragraph separators (YAML 1.1 and JavaScript treat U+0085, U+2028 and U+2029 as
 * line breaks), and format characters a reviewer cannot see (zero-width, bidi embeddings,
 * overrides and isolates U+2066–U+2069, the BOM).
 */
export const UNSAFE_CHARACTERS = "\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff";
const UNSAFE = new RegExp(`[${UNSAFE_CHARACTERS}]`);

export function controlProblem(text: string): string | undefined {
    const m = UNSAFE.exec(text);
    return m ? `holds the control character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : undefined;
}

const DNS_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const PORT = /^[1-9]\d{0,4}$/;

/** EKS API server endpoints: `https://host[:port]`, host a DNS name or an IPv4 address, nothing else. */
export const endpointProblem = memoize((text: string): string | undefined => {
    const m = /^https:\/\/([^/:]+)(?::([^/]*))?$/.exec(text);
    if (m === null) return "must be https://HOST or https://HOST:PORT with no path, query, user info or spaces";
    const [, host, port] = m;
    if (!IPV4.test(host) && (host.length > 253 || !host.split(".").every((l) => DNS_LABEL.test(l)))) {
        return `has the host ${JSON.stringify(host)}, which is not a DNS name (letters, digits and -, in dot-separated labels) or an IPv4 address`;
    }
    if (port !== undefined && (!PORT.test(port) || Number(port) > 65535)) return `has the port ${JSON.stringify(port)}, which is not 1 to 65535`;
    return undefined;
});

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PEM = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\r?\n?(-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\r?\n?)*$/;

/** The cluster CA as aws.eks.Cluster's certificateAuthority.data holds it: one line of base64 of PEM certificates. */
export const certificateAuthorityProblem = memoize((text: string): string | undefined => {
    if (text.length === 0) return "is empty";
    if (!BASE64.test(text)) return "is not one line of standard base64 (A-Z, a-z, 0-9, +, /, = padding; no spaces or line breaks)";
    if (!PEM.test(Buffer.from(text, "base64").toString("latin1"))) return "is base64, but not of PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)";
    return undefined;
});

/** EKS's cluster name rule (CreateCluster): 1–100 characters, a letter or digit first, then letters, digits, - and _. */
export function clusterNameProblem(text: string): string | undefined {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(text)) return "must start with a letter or digit and use only letters, digits, - and _";
    if (text.length > 100) return `is ${text.length} characters long; EKS allows 100`;
    return undefined;
}

export interface Cidr {
    address: ipaddr.IPv4 | ipaddr.IPv6;
    prefix: number;
}

const PREFIX = /^(0|[1-9]\d{0,2})$/;

/**
 * A CIDR in canonical form only: IPv4 as four decimal octets without leading zeros, IPv6 in
 * RFC 5952 form (lower case, shortest), no zone, the prefix in decimal, the host bits zero.
 * `010.100.0.0/16` (octal to some readers), `10.100/16` and `/016` are refused, not read.
 */
export const parseCidr = memoize((text: string): Cidr | { problem: string } => {
    const slash = text.indexOf("/");
    if (slash < 0) return { problem: "has no /PREFIX" };
    const addressText = text.slice(0, slash);
    const prefixText = text.slice(slash + 1);
    const v6 = addressText.includes(":");
    const bits = v6 ? 128 : 32;
    if (!PREFIX.test(prefixText) || Number(prefixText) > bits) return { problem: `has the prefix ${JSON.stringify(prefixText)}, which is not 0 to ${bits} in decimal` };
    const prefix = Number(prefixText);
    let address: ipaddr.IPv4 | ipaddr.IPv6;
    if (v6) {
        if (!ipaddr.IPv6.isValid(addressText) || addressText.includes("%") || addressText.includes(".")) return { problem: "is not an IPv6 address without zone" };
        address = ipaddr.IPv6.parse(addressText);
        if (address.toRFC5952String() !== addressText) return { problem: `is not in canonical form (write ${address.toRFC5952String()}/${prefix})` };
    } else {
        if (!IPV4.test(addressText)) return { problem: "is not four decimal octets 0–255 without leading zeros" };
        address = ipaddr.IPv4.parse(addressText);
    }
    const network = networkOf(address, prefix);
    if (network.toString() !== address.toString()) {
        return { problem: `has host bits set (the network is ${v6 ? (network as ipaddr.IPv6).toRFC5952String() : network.toString()}/${prefix})` };
    }
    return { address, prefix };
});

function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): ipaddr.IPv4 | ipaddr.IPv6 {
    const bytes = address.toByteArray();
    for (let i = 0; i < bytes.length; i++) {
        const keep = Math.max(0, Math.min(8, prefix - i * 8));
        bytes[i] &= (0xff << (8 - keep)) & 0xff;
    }
    return ipaddr.fromByteArray(bytes);
}

export function isCidr(parsed: Cidr | { problem: string }): parsed is Cidr {
    return !("problem" in parsed);
}

/** Characters a kubelet flag's value may use: enough for every kubelet flag, nothing a shell, systemd or PowerShell reads. */
const FLAG = /^--[a-z0-9][a-z0-9-]*(=[A-Za-z0-9._:/=,<>@+~*%-]*)?$/;
export const MAX_FLAG_LENGTH = 4096;

/**
 * `--name[=value]`: no whitespace, quotes, backslashes, `$`, backticks, `;`, `&`, `|`, control or
 * non-ASCII characters. `%` is refused where systemd reads the flags as a unit file (Amazon Linux
 * 2's bootstrap.sh writes them into a drop-in, where `%` starts a specifier).
 */
export function kubeletFlagProblem(text: string, percentAllowed: boolean): string | undefined {
    if (text.length > MAX_FLAG_LENGTH) return `is ${text.length} characters long; at most ${MAX_FLAG_LENGTH}`;
    if (!FLAG.test(text)) {
        return "is not --name or --name=value (name: lower-case letters, digits and -; value: letters, digits and . _ : / = , < > @ + ~ * % -, " +
            "no spaces, quotes, backslashes, $, backticks, ;, &, | or control characters)";
    }
    if (!percentAllowed && text.includes("%")) {
        return "holds %, which systemd reads as a specifier in the drop-in Amazon Linux 2's bootstrap.sh writes; set the value in kubelet's config instead";
    }
    return undefined;
}

/** kubelet reads --max-pods as an int32. */
export const MAX_PODS_LIMIT = 2 ** 31 - 1;

export function maxPodsProblem(value: unknown): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PODS_LIMIT) {
        return `must be a whole number from 1 to ${MAX_PODS_LIMIT}`;
    }
    return undefined;
}

export const MAX_PODS_EXPRESSION_LENGTH = 1024;

/**
 * nodeadm's max-pods CEL expression, parsed, type-checked and evaluated as nodeadm does it
 * (src/facts/maxpodsexpression.ts, which loads its CEL library on first use). Control and invisible
 * characters are refused first, as in every value rendered into user data.
 */
export const maxPodsExpressionProblem = memoize((text: string): string | undefined => {
    if (text.trim().length === 0) return `is empty; nodeadm would use the ENI formula. Write CEL over default_enis, ips_per_eni and max_pods, e.g. max_pods < 110 ? max_pods : 110`;
    if (text.length > MAX_PODS_EXPRESSION_LENGTH) return `is ${text.length} characters long; at most ${MAX_PODS_EXPRESSION_LENGTH}`;
    const control = controlProblem(text);
    if (control) return `${control}; write the expression on one line, without control or invisible characters`;
    return celMaxPodsProblem(text);
});

/** EKS's limit on a node group's instance types (CreateNodegroup instanceTypes). */
export const MAX_NODE_GROUP_INSTANCE_TYPES = 20;

/** EC2 instance type names: family (lower-case letters, digits, -) dot size, e.g. m6i.large, u-6tb1.112xlarge. */
export function instanceTypeProblem(text: string): string | undefined {
    if (text.length > 64 || !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(text)) return "is not an EC2 instance type name (FAMILY.SIZE, e.g. m6i.large)";
    return undefined;
}

/** Keys of typed settings that reach NodeConfig YAML or Bottlerocket TOML (kubelet fields, sysctl names, label keys). */
export function settingKeyProblem(key: string): string | undefined {
    if (key.length === 0 || key.length > 253 || !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key)) {
        return "is not a setting name (a letter or digit, then letters, digits, . _ / -; at most 253 characters)";
    }
    return undefined;
}

/** String values of typed settings: no control characters; for Bottlerocket (EKS refuses escaped quotes) no quotes or backslashes. */
export function settingTextProblem(text: string, toml: boolean): string | undefined {
    const control = controlProblem(text);
    if (control) return control;
    if (toml && /["\\]/.test(text)) return "holds a double quote or backslash, which TOML escapes and EKS then refuses";
    return undefined;
}

/** Keys that would reach an object's prototype machinery when copied by assignment. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** `v` when it is one of an enum's values, else undefined. */
export function enumValue<T extends string>(values: Record<string, T>, v: unknown): T | undefined {
    return (Object.values(values) as unknown[]).includes(v) ? (v as T) : undefined;
}

/** Throws when a value reaches a renderer that its rule refuses: the second wall, never expected to fire. */
export function ensure(problem: string | undefined, what: string): void {
    if (problem !== undefined) throw new Error(`refusing to render ${what}: it ${problem}`);
}

/** A Kubernetes version's major and minor ("1.33", "1.33.2"); undefined for anything else. */
export function kubernetesMinor(v: unknown): [number, number] | undefined {
    const m = typeof v === "string" ? /^(\d+)\.(\d+)(\.\d+)?$/.exec(v) : null;
    return m === null ? undefined : [Number(m[1]), Number(m[2])];
}
