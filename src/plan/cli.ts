#!/usr/bin/env node
// eks-nodegroup: `plan FILE [--json]` shows what a node group definition would create, offline.
// Exit codes: 0 valid, 1 rule errors, 2 unreadable input or usage.
import { readFileSync } from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { formatPlan, planJson } from "./printer";
import { planNodeGroup } from "./runner";
import { rulesMarkdown } from "./rulesdoc";

const USAGE = `Usage:
  eks-nodegroup plan FILE [--json]   plan a ManagedNodeGroup defined in FILE (YAML or JSON args)
  eks-nodegroup rules                print the rule catalogue (Markdown)

Exit codes: 0 valid, 1 the definition breaks a rule, 2 unreadable input.`;

class InputError extends Error {}

function readArgs(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) throw new InputError(`${file} is not valid YAML or JSON:\n${doc.errors.map((e) => e.message).join("\n")}`);
    const value = doc.toJS() as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new InputError(`${file} must hold a mapping of ManagedNodeGroup args (cluster, nodeRoleArn, subnetIds, scalingConfig, ...).`);
    }
    return value as Record<string, unknown>;
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
        process.stderr.write(`eks-nodegroup: ${e.message}\n`);
        return 2;
    }
    const plan = await planNodeGroup(path.basename(file).replace(/\.(ya?ml|json)$/i, ""), args);
    process.stdout.write(json ? planJson(plan, file) : formatPlan(plan, file));
    return plan.valid ? 0 : 1;
}

if (require.main === module) {
    // exitCode, not exit(): the mock runtime settles its last registrations before the process ends.
    main(process.argv.slice(2)).then(
        (code) => { process.exitCode = code; },
        (e: Error) => {
            process.stderr.write(`eks-nodegroup: internal error: ${e.stack ?? e.message}\n`);
            process.exitCode = 3;
        },
    );
}
