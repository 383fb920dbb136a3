#!/usr/bin/env node
// eks-nodegroup: `plan FILE [--json]` shows what a node group definition would create, offline;
// `plan NEW --against OLD` and `impact PREVIEW.json` what a change does to the running nodes;
// `validate FILE|-` checks the inputs another language's mock runtime recorded (the SDKs' testing helpers).
// Exit codes: 0 valid, 1 rule errors, 2 unreadable input or usage, 3 --fail-on reached, 4 internal error.
// First, before anything loads @pulumi/pulumi (validate runs the component under the SDK's mocks):
// the SDK files plan never uses are stood in for (src/base/lazysdk.ts). TypeScript keeps the order
// of these statements in its CommonJS output, so the call runs before the imports below it.
import { deferUnusedSdkModules } from "../base/lazysdk";
deferUnusedSdkModules();
import { readFileSync, statSync } from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { UNSAFE_CHARACTERS } from "../facts/grammar";
import { planAgainst } from "../impact/against";
import { Effect, rank, worst } from "../impact/classify";
import { formatImpact } from "../impact/format";
import { GroupImpact, impactOfPreview } from "../impact/preview";
import { PreviewError } from "../impact/steps";
import { nestsDeeperThan } from "./nesting";
import { formatPlan, planJson } from "./printer";
import { validate } from "../validate/index";
import { rulesMarkdown } from "./rulesdoc";
import { argsFromWire } from "./wire";

const USAGE = `Usage:
  eks-nodegroup plan FILE [--json]                 plan a ManagedNodeGroup defined in FILE (YAML or JSON args)
  eks-nodegroup plan NEW --against OLD [--json] [--fail-on rolling|replace]
                                                   what changing the definition from OLD to NEW does to the nodes
  eks-nodegroup impact PREVIEW.json [--json] [--fail-on rolling|replace]
                                                   the same, from \`pulumi preview --json\` output (every node group in it)
  eks-nodegroup validate FILE|- [--name NAME] [--json]
                                                   check a ManagedNodeGroup's inputs as a language's mocks record
                                                   them (Pulumi's wire form: secret envelopes, the unknown marker;
                                                   '-' reads standard input); prints the plan as JSON
  eks-nodegroup rules                              print the rule catalogue (Markdown)

Effects: none, in-place, rolling (every node replaced), replace (a new group beside the old),
replace-delete-first (the old group deleted first: an outage for what runs only there).
Exit codes: 0 valid, 1 the definition breaks a rule, 2 unreadable input or usage,
3 the change is at least the --fail-on effect, 4 internal error.`;

class InputError extends Error {}

/** A definition is a few kilobytes; EC2 takes 16 KB of user data. Anything past this is not a node group. */
export const MAX_INPUT_BYTES = 1 << 20;
/** Aliases a definition may expand (a YAML alias bomb multiplies them). */
const MAX_ALIASES = 100;
/** The args nest five levels deep; typed settings a few more. */
const MAX_DEPTH = 32;

/** The bytes of `file`, refused past `maxBytes` (`limit` words the refusal) or when it cannot be read. */
function readBounded(file: string, maxBytes: number, limit: (max: number) => string): Buffer {
    try {
        const size = statSync(file).size;
        if (size > maxBytes) throw new InputError(`${file} is ${size} bytes; ${limit(maxBytes)}`);
        return readFileSync(file);
    } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
}

/** Standard input, refused past `maxBytes` (a pipe has no size to check first). */
async function readStdin(maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    try {
        for await (const chunk of process.stdin) {
            total += (chunk as Buffer).length;
            if (total > maxBytes) throw new InputError(`standard input is more than ${maxBytes} bytes; a node group definition is at most ${maxBytes}`);
            chunks.push(chunk as Buffer);
        }
    } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return Buffer.concat(chunks);
}

/** The args in `file`, YAML or JSON. */
function readArgs(file: string): Record<string, unknown> {
    return parseArgs(readBounded(file, MAX_INPUT_BYTES, (max) => `a node group definition is at most ${max}`), file);
}

/** The args in `bytes` (read from `file`, which the messages name), YAML or JSON. */
function parseArgs(bytes: Buffer, file: string): Record<string, unknown> {
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
    if (nestsDeeperThan(value, MAX_DEPTH)) throw new InputError(`${file} nests values more than ${MAX_DEPTH} levels deep; a node group definition does not`);
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

interface Options { json: boolean; against?: string; failOn?: Effect; name?: string; files: string[] }

/** Flags and operands, or a usage error. */
function parseOptions(rest: string[]): Options | undefined {
    const options: Options = { json: false, files: [] };
    for (let i = 0; i < rest.length; i++) {
        const a = rest[i];
        if (a === "--json") options.json = true;
        else if (a === "--against" && i + 1 < rest.length && options.against === undefined) options.against = rest[++i];
        else if (a === "--fail-on" && (rest[i + 1] === "rolling" || rest[i + 1] === "replace") && options.failOn === undefined) options.failOn = rest[++i] as Effect;
        else if (a === "--name" && i + 1 < rest.length && rest[i + 1] !== "" && options.name === undefined) options.name = rest[++i];
        else if (a.startsWith("--")) return undefined;
        else options.files.push(a);
    }
    return options.files.length === 1 ? options : undefined;
}

function reportInputError(e: unknown): number {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`eks-nodegroup: ${visible(e.message)}\n`);
    return 2;
}

const failed = (effect: Effect, failOn: Effect | undefined): boolean => failOn !== undefined && rank(effect) >= rank(failOn);

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "rules") {
        process.stdout.write(rulesMarkdown());
        return 0;
    }
    const options = parseOptions(rest);
    const usable = options !== undefined && (options.name === undefined || command === "validate") && (
        command === "plan" ? options.failOn === undefined || options.against !== undefined
            : command === "impact" ? options.against === undefined
                : command === "validate" && options.against === undefined && options.failOn === undefined);
    if (!usable) {
        process.stderr.write(USAGE + "\n");
        return command === "--help" || command === "-h" ? 0 : 2;
    }
    const file = options.files[0];
    if (command === "impact") {
        let groups: GroupImpact[];
        try {
            groups = impactOfPreview(readPreview(file));
        } catch (e) {
            return reportInputError(e instanceof PreviewError ? new InputError(`${file} is not what \`pulumi preview --json\` writes: ${e.message}`) : e);
        }
        if (options.json) process.stdout.write(JSON.stringify({ source: file, groups }, null, 2) + "\n");
        else process.stdout.write(visible(groups.length === 0 ? `No node group changes in ${file}.\n` : groups.map((g) => formatImpact(`${g.kind} "${g.name}"`, g.impact)).join("\n")));
        return failed(worst(groups.map((g) => g.impact.effect)), options.failOn) ? 3 : 0;
    }
    if (command === "validate") {
        const source = file === "-" ? "standard input" : file;
        let args: Record<string, unknown>;
        try {
            const wire = file === "-" ? parseArgs(await readStdin(MAX_INPUT_BYTES), source) : readArgs(file);
            try {
                args = argsFromWire(wire);
            } catch (e) {
                throw new InputError(`${source} holds a value Pulumi's wire form does not: ${(e as Error).message}`);
            }
        } catch (e) {
            return reportInputError(e);
        }
        const plan = await validate(args, { name: options.name ?? resourceName(file) });
        process.stdout.write(planJson(plan, source));
        return plan.valid ? 0 : 1;
    }
    let args: Record<string, unknown>;
    let oldArgs: Record<string, unknown> | undefined;
    try {
        args = readArgs(file);
        if (options.against !== undefined) oldArgs = readArgs(options.against);
    } catch (e) {
        return reportInputError(e);
    }
    if (oldArgs === undefined) {
        const plan = await validate(args, { name: resourceName(file) });
        process.stdout.write(options.json ? planJson(plan, file) : visible(formatPlan(plan, file)));
        return plan.valid ? 0 : 1;
    }
    const { before, after, impact } = await planAgainst(resourceName(file), oldArgs, args);
    if (!before.valid) {
        process.stderr.write(visible(`eks-nodegroup: ${options.against} (the definition to compare against) breaks a rule; fix it, or plan it alone to see which:\n` +
            before.diagnostics.filter((d) => d.severity === "error").map((d) => `  [${d.ruleId}] ${d.property}: ${d.message}`).join("\n") + "\n"));
        return 2;
    }
    if (options.json) {
        process.stdout.write(planJson(after, file, after.valid ? impact : undefined));
    } else {
        process.stdout.write(visible(formatPlan(after, file)));
        if (after.valid) process.stdout.write("\n" + visible(formatImpact(`Impact of ${options.against} → ${file}`, impact)));
    }
    if (!after.valid) return 1;
    return failed(impact.effect, options.failOn) ? 3 : 0;
}

/**
 * A `pulumi preview --json` document, refused past MAX_PREVIEW_BYTES or MAX_PREVIEW_DEPTH. JSON.parse
 * itself is safe at any depth (V8's parser keeps its own stack: 200,000 levels parse in under 50 ms);
 * what comes after it recurses, so the depth is checked before anything else walks the value.
 */
function readPreview(file: string): unknown {
    const text = readBounded(file, MAX_PREVIEW_BYTES, (max) => `at most ${max} are read`).toString("utf8");
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw new InputError(`${file} is not the JSON \`pulumi preview --json\` writes: ${(e as Error).message}`);
    }
    if (nestsDeeperThan(value, MAX_PREVIEW_DEPTH)) {
        throw new InputError(`${file} nests values more than ${MAX_PREVIEW_DEPTH} levels deep; a preview does not (its steps' inputs are a resource's)`);
    }
    return value;
}

/**
 * A stack's preview holds every resource's inputs twice: far more than one definition (a preview of
 * 30,000 node groups and their templates is 31 MiB). Parsing is linear, but not cheap at the limit:
 * 64 MiB of `{},{},…` takes JSON.parse about 35 s and 2.3 GB on a 2-core machine.
 */
const MAX_PREVIEW_BYTES = 64 << 20;
/**
 * Resource inputs nest a few levels (a node group's four, a Kubernetes CRD's schema a few dozen).
 * The limit keeps what walks a preview recursively (classifying a change, JSON.stringify) far from
 * the stack's end, which those walks reach at about 3,000 levels.
 */
export const MAX_PREVIEW_DEPTH = 256;

if (require.main === module) {
    // exitCode, not exit(): the mock runtime settles its last registrations before the process ends.
    main(process.argv.slice(2)).then(
        (code) => { process.exitCode = code; },
        (e: Error) => {
            // A bug, not the input's fault: say so, without a stack trace (EKS_NODEGROUP_DEBUG=1 prints it).
            process.stderr.write(`eks-nodegroup: internal error (please report it): ${visible(String(e?.message ?? e))}\n`);
            if (process.env.EKS_NODEGROUP_DEBUG) process.stderr.write(`${e?.stack}\n`);
            process.exitCode = 4;
        },
    );
}
