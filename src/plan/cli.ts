#!/usr/bin/env node
// eks-nodegroup: `plan FILE [--json]` shows what a node group definition would create, offline.
// Exit codes: 0 valid, 1 rule errors, 2 unreadable input or usage.
import { readFileSync, statSync } from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { UNSAFE_CHARACTERS } from "../grammar";
import { formatPlan, planJson } from "./printer";
import { planNodeGroup } from "./runner";
import { rulesMarkdown } from "./rulesdoc";

const USAGE = `Usage:
  eks-nodegroup plan FILE [--json]   plan a ManagedNodeGroup defined in FILE (YAML or JSON args)
  eks-nodegroup rules                print the rule catalogue (Markdown)

Exit codes: 0 valid, 1 the definition breaks a rule, 2 unreadable input.`;

class InputError extends Error {}

/** A definition is a few kilobytes; EC2 takes 16 KB of user data. Anything past this is not a node group. */
export const MAX_INPUT_BYTES = 1 << 20;
/** Aliases a definition may expand (a YAML alias bomb multiplies them). */
const MAX_ALIASES = 100;
/** The args nest five levels deep; typed settings a few more. */
const MAX_DEPTH = 32;

function tooDeep(value: unknown, depth = 0): boolean {
    if (typeof value !== "object" || value === null) return false;
    if (depth >= MAX_DEPTH) return true;
    return Object.values(value).some((v) => tooDeep(v, depth + 1));
}

function readArgs(file: string): Record<string, unknown> {
    let bytes: Buffer;
    try {
        const size = statSync(file).size;
        if (size > MAX_INPUT_BYTES) throw new InputError(`${file} is ${size} bytes; a node group definition is at most ${MAX_INPUT_BYTES}`);
        bytes = readFileSync(file);
    } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let text: string;
    try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(`${file} is not UTF-8 text`);
    }
    let value: unknown;
    try {
        const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
        if (doc.errors.length > 0) throw new InputError(`${file} is not valid YAML or JSON:\n${doc.errors.map((e) => e.message).join("\n")}`);
        value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
        if (e instanceof InputError) throw e;
        // The parser's own limits: too many aliases (ReferenceError), nesting past the stack (RangeError).
        throw new InputError(`${file} cannot be read as a definition: ${(e as Error).message.split("\n")[0]}`);
    }
    if (tooDeep(value)) throw new InputError(`${file} nests values more than ${MAX_DEPTH} levels deep; a node group definition does not`);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new InputError(`${file} must hold a mapping of ManagedNodeGroup args (cluster, nodeRoleArn, subnetIds, scalingConfig, ...).`);
    }
    return value as Record<string, unknown>;
}

/** The component's name: the file's base name without extension, in characters a URN takes plainly. */
function resourceName(file: string): string {
    const base = path.basename(file).replace(/\.(ya?ml|json)$/i, "").replace(/[^A-Za-z0-9._-]/g, "-");
    return base === "" || /^[.-]+$/.test(base) ? "nodegroup" : base;
}

/** The characters no rendered value may hold (grammar.ts), but line breaks and tabs, which a plan lays out with. */
const SHOWN_AS_ESCAPES = new RegExp(`(?![\\n\\t])[${UNSAFE_CHARACTERS}]`, "g");

/**
 * Control and invisible characters shown as escapes: a terminal would act on them (an ANSI sequence
 * can hide a line of user data), and a person reviewing a plan must see every byte that boots.
 */
export function visible(text: string): string {
    return text.replace(SHOWN_AS_ESCAPES, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}}`);
}

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "rules") {
        process.stdout.write(rulesMarkdown());
        return 0;
    }
    const json = rest.includes("--json");
    const files = rest.filter((a) => a !== "--json");
    if (command !== "plan" || files.length !== 1 || rest.some((a) => a.startsWith("--") && a !== "--json")) {
        process.stderr.write(USAGE + "\n");
        return command === "--help" || command === "-h" ? 0 : 2;
    }
    const file = files[0];
    let args: Record<string, unknown>;
    try {
        args = readArgs(file);
    } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`eks-nodegroup: ${visible(e.message)}\n`);
        return 2;
    }
    const plan = await planNodeGroup(resourceName(file), args);
    process.stdout.write(json ? planJson(plan, file) : visible(formatPlan(plan, file)));
    return plan.valid ? 0 : 1;
}

if (require.main === module) {
    // exitCode, not exit(): the mock runtime settles its last registrations before the process ends.
    main(process.argv.slice(2)).then(
        (code) => { process.exitCode = code; },
        (e: Error) => {
            // A bug, not the input's fault: say so, without a stack trace (EKS_NODEGROUP_DEBUG=1 prints it).
            process.stderr.write(`eks-nodegroup: internal error (please report it): ${visible(String(e?.message ?? e))}\n`);
            if (process.env.EKS_NODEGROUP_DEBUG) process.stderr.write(`${e?.stack}\n`);
            process.exitCode = 3;
        },
    );
}
