// The @pulumi/aws the user's project has installed, read at run time: its version, for messages
// that name one, and the inputs of the two resources the component creates, from the installed
// module's own constructor (`resourceInputs["name"] = args?.name`, the code Pulumi's codegen emits
// for every input). When either cannot be read, the table of src/facts/awsinputs.ts stands in and
// the message says which version that table is from.
import * as fs from "fs";
import * as path from "path";
import { AWS_TABLE_VERSION, LAUNCH_TEMPLATE_INPUT_NAMES, NODE_GROUP_INPUT_NAMES } from "./awsinputs";

export type AwsResource = "launchTemplate" | "nodeGroup";

const MODULE: Record<AwsResource, string> = { launchTemplate: "ec2/launchTemplate.js", nodeGroup: "eks/nodeGroup.js" };
const TABLE: Record<AwsResource, ReadonlySet<string>> = { launchTemplate: LAUNCH_TEMPLATE_INPUT_NAMES, nodeGroup: NODE_GROUP_INPUT_NAMES };

/** The inputs of one resource and where they were read: `(@pulumi/aws 7.44.0)` or the table's words. */
export interface AwsInputs { names: ReadonlySet<string>; source: string }

/** An input as the generated constructor copies it from its args (`args?.x` now, `args ? args.x : undefined` in older codegen). */
const INPUT = /resourceInputs\["([A-Za-z_$][\w$]*)"\]\s*=\s*args(?:\?\.|\s*\?\s*args\.)\1\b/g;

/** The installed @pulumi/aws's directory and version, resolved from the user's program (the working directory), then from this package. */
function installed(from: readonly string[]): { dir: string; version: string } | undefined {
    try {
        const manifest = require.resolve("@pulumi/aws/package.json", { paths: [...from] });
        const version = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: unknown }).version;
        return typeof version === "string" ? { dir: path.dirname(manifest), version } : undefined;
    } catch {
        return undefined;
    }
}

function read(from: readonly string[]): Record<AwsResource, AwsInputs> {
    const aws = installed(from);
    const table = (why: string): string => `(inputs of @pulumi/aws ${AWS_TABLE_VERSION}, this package's table: ${why})`;
    const one = (which: AwsResource): AwsInputs => {
        if (aws === undefined) return { names: TABLE[which], source: table("no installed @pulumi/aws was found") };
        let code: string;
        try {
            code = fs.readFileSync(path.join(aws.dir, MODULE[which]), "utf8");
        } catch {
            return { names: TABLE[which], source: table(`the installed @pulumi/aws ${aws.version} has no ${MODULE[which]}`) };
        }
        const names = new Set([...code.matchAll(INPUT)].map((m) => m[1]));
        if (names.size === 0) return { names: TABLE[which], source: table(`the installed @pulumi/aws ${aws.version}'s ${MODULE[which]} could not be read`) };
        return { names, source: `(@pulumi/aws ${aws.version})` };
    };
    return { launchTemplate: one("launchTemplate"), nodeGroup: one("nodeGroup") };
}

/** The working directory (the user's program; gone if it was deleted), then this package. */
function searchPaths(): string[] {
    try {
        return [process.cwd(), __dirname];
    } catch {
        return [__dirname];
    }
}

const cache = new Map<string, Record<AwsResource, AwsInputs>>();

/**
 * The inputs of aws.ec2.LaunchTemplate or aws.eks.NodeGroup in the @pulumi/aws installed where
 * `from` resolves it (by default the working directory — the user's program — then this package),
 * read once per process.
 */
export function awsInputs(which: AwsResource, from: readonly string[] = searchPaths()): AwsInputs {
    const key = from.join("\0");
    let found = cache.get(key);
    if (found === undefined) cache.set(key, (found = read(from)));
    return found[which];
}
