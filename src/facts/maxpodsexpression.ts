// userData.maxPodsExpression read as nodeadm reads it, so that an expression nodeadm would drop is
// refused at preview instead of running the node with a max-pods nobody chose.
//
// nodeadm (github.com/awslabs/amazon-eks-ami/nodeadm at v0.0.0-20260213141146-147b13ea3f4a, the
// version scripts/build-tools.sh pins; cel-go v0.27.0), internal/kubelet/eni_max_pods.go,
// evaluateCustomMaxPodsExpression: cel.NewEnv with three cel.IntType variables (default_enis,
// ips_per_eni, max_pods) and no other option; env.Compile; program.Eval with the instance's default
// card ENIs, IPv4 addresses per ENI and max_pods = default_enis * (ips_per_eni - 1) + 2; then the
// result's ConvertToType(cel.IntType), kept only when 1 <= n <= 2^31-1. It never looks at the
// compiled output type. On any failure (compile error, evaluation error such as division by zero,
// a value it cannot convert, or one out of range) CalcMaxPods logs a warning and returns the ENI
// formula instead: the node comes up, with a max-pods the user did not choose.
//
// We refuse what fails to compile there, a result whose type is not int (nodeadm would convert a
// double by truncation, a string by parsing, a timestamp to seconds: we ask for int(...) so the
// conversion is written), and an expression that fails on every instance type in our table. One
// that fails on some types only (max_pods - 10 on a type with max_pods 4) is not a property of the
// text: it passes here.
//
// The CEL implementation is @marcbachmann/cel-js (parser, type checker and evaluator, no
// dependencies). It is an ES module: loaded with require(), which Node 20.19+ allows for a module
// without top-level await, and only when an expression is checked (about 20 ms). Where its reading
// differs from cel-go's, the checks after its own close the gap: see celGoDifference.
import type { ASTNode, Environment } from "@marcbachmann/cel-js";
import { networkShapes } from "./instancetypes";
import { memoize } from "../base/memo";

/** The variables nodeadm declares, each cel.IntType. */
export const MAX_PODS_VARIABLES = ["default_enis", "ips_per_eni", "max_pods"] as const;

/** nodeadm keeps a value only when 0 < n <= math.MaxInt32. */
const MAX_INT32 = 2n ** 31n - 1n;
const INT64_MAX = 2n ** 63n - 1n;
/** cel-go's parser gives up past this depth (parser.go, maxRecursionDepth's default). */
const CEL_GO_MAX_DEPTH = 250;

const FALLBACK = "nodeadm would log a warning and run the node with the ENI formula's max-pods instead";
const EXAMPLE = "e.g. max_pods < 110 ? max_pods : 110";

type Cel = typeof import("@marcbachmann/cel-js");
let environment: Environment | undefined;

function cel(): Environment {
    if (environment) return environment;
    let lib: Cel;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        lib = require("@marcbachmann/cel-js") as Cel;
    } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "ERR_REQUIRE_ESM") {
            throw new Error(`checking userData.maxPodsExpression needs Node.js 20.19 or later (it loads an ES module with require()); this is ${process.version}`);
        }
        throw e;
    }
    // cel-go's default: a list or map literal of mixed types is a list(dyn) or map(dyn, dyn), not an error.
    environment = new lib.Environment({ homogeneousAggregateLiterals: false });
    for (const name of MAX_PODS_VARIABLES) environment.registerVariable(name, "int");
    return environment;
}

type Node = ASTNode & { checkedType?: { name: string } };

/** Children of an AST node (the library keeps them in args, by operator). */
function children(n: Node): Node[] {
    const args = n.args as unknown;
    if (n.op === "value" || n.op === "id") return [];
    if (n.op === "call") return (args as [string, Node[]])[1];
    if (n.op === "rcall") return [(args as [string, Node, Node[]])[1], ...(args as [string, Node, Node[]])[2]];
    if (n.op === "." || n.op === ".?") return [(args as [Node, string])[0]];
    if (n.op === "map") return (args as [Node, Node][]).flat();
    if (n.op === "list") return args as Node[];
    if (n.op === "!_" || n.op === "-_") return [args as Node];
    return args as Node[];
}

/** The source with string and bytes literals blanked, so that a parenthesis inside one is not counted (ranges are UTF-16 offsets). */
function masked(text: string, root: Node): string {
    const units = text.split("");
    const visit = (n: Node) => {
        if (n.op === "value" && (typeof n.args === "string" || n.args instanceof Uint8Array)) units.fill(" ", n.start, n.end);
        children(n).forEach(visit);
    };
    visit(root);
    return units.join("");
}

/** Whether the node's source is wrapped in its own parentheses (the library drops them from the tree). */
function parenthesized(source: string, n: Node): boolean {
    let i = n.start - 1;
    while (i >= 0 && (source[i] === " " || source[i] === "(")) {
        if (source[i] === "(") {
            let depth = 0;
            for (let j = i; j < source.length; j++) {
                if (source[j] === "(") depth++;
                else if (source[j] === ")" && --depth === 0) {
                    if (j >= n.end) return true;
                    break;
                }
            }
        }
        i--;
    }
    return false;
}

const RELATIONS = new Set(["<", "<=", ">", ">=", "in"]);
const EQUALITIES = new Set(["==", "!="]);
const ORDERINGS = new Set(["<", "<=", ">", ">="]);
const NUMBERS = new Set(["int", "uint", "double"]);
/** The parse nodes cel-go's parser counts toward its recursion limit (parser.go, Visit). */
const COUNTED = new Set(["?:", "==", "!=", "<", "<=", ">", ">=", "in", "+", "-", "*", "/", "%", ".", "rcall", "[]"]);

/**
 * Where the library accepts what cel-go refuses (or reads it otherwise), found on the checked tree:
 * each of these was seen to differ by tests/tools/realtools.test.ts, which runs both.
 */
function celGoDifference(text: string, root: Node): string | undefined {
    const source = masked(text, root);
    let problem: string | undefined;
    const at = (n: Node) => `at character ${n.start + 1}`;
    const depth = (n: Node, parent: Node | undefined): number => {
        if (problem) return 0;
        if (n.op === "value" && typeof n.args === "bigint") {
            const literal = source.slice(n.start, n.end);
            if (/^0X/.test(literal)) problem = `writes the hex number ${literal} ${at(n)}; CEL writes hex with a lower-case 0x`;
            // cel-go reads -9223372036854775808 as one literal; any other int past int64 is "invalid int literal".
            const negated = parent?.op === "-_" && /^-\s*$/.test(source.slice(parent.start, n.start));
            if (n.args > INT64_MAX && !(negated && n.args === INT64_MAX + 1n)) problem = `has the int ${literal} ${at(n)}, past CEL's 64-bit int`;
        }
        if (n.op === "?:") {
            const middle = (n.args as Node[])[1];
            if (middle.op === "?:" && !parenthesized(source, middle)) {
                problem = `has a conditional inside a conditional's ? branch without parentheses ${at(middle)}; CEL's grammar needs them: a ? (b ? c : d) : e`;
            }
        }
        if (EQUALITIES.has(n.op) || RELATIONS.has(n.op)) {
            const right = (n.args as Node[])[1];
            if (RELATIONS.has(right.op) && !parenthesized(source, right)) {
                problem = `mixes comparisons without parentheses ${at(n)}; CEL reads ==, !=, <, <=, >, >= and in at one precedence from the left, so put parentheses where you mean them`;
            }
        }
        if (ORDERINGS.has(n.op)) {
            const [left, right] = (n.args as Node[]).map((a) => a.checkedType?.name);
            if (left && right && left !== right && NUMBERS.has(left) && NUMBERS.has(right)) {
                problem = `compares ${left} with ${right} ${at(n)}; nodeadm's CEL has no such overload (convert one side: double(...) or int(...))`;
            }
        }
        const below = Math.max(0, ...children(n).map((c) => depth(c, n)));
        return below + (COUNTED.has(n.op) ? 1 : 0);
    };
    const deepest = depth(root, undefined);
    if (problem) return problem;
    if (deepest > CEL_GO_MAX_DEPTH) return `nests ${deepest} operators deep; nodeadm's CEL parser stops at ${CEL_GO_MAX_DEPTH}`;
    return undefined;
}

/** What nodeadm's ConvertToType would do with a result of this type, for the message. */
function resultProblem(type: string): string {
    const converts: Record<string, string> = {
        double: "nodeadm would truncate it toward zero; write int(...) around it if that is what you mean",
        uint: "write it as an int, without the u suffix",
        string: "nodeadm would parse the string on the node; write the number itself",
        "google.protobuf.Timestamp": "nodeadm would take its seconds since 1970; write an int",
        "google.protobuf.Duration": "nodeadm would take its nanoseconds; write an int",
        dyn: "its type is known only on the node; wrap it in int(...)",
    };
    const fix = converts[type] ?? `nodeadm cannot convert it and ${FALLBACK.replace(/^nodeadm /, "")}. Make every branch a number, ${EXAMPLE}`;
    return `has a result of type ${type}, where nodeadm needs an int: ${fix}`;
}

/** A type error's fix, by what the checker found. */
function typeFix(summary: string): string {
    if (/\b(double|uint)\b/.test(summary)) return "default_enis, ips_per_eni and max_pods are ints, and CEL mixes int with double or uint only through int(...), double(...) or uint(...)";
    if (/'(min|max)\(/.test(summary)) return `CEL's standard library has no min or max: write a conditional, ${EXAMPLE}`;
    return "nodeadm declares default_enis, ips_per_eni and max_pods, each an int, and CEL's standard functions";
}

/** A max-pods value as nodeadm would keep it (1 to 2^31-1), or why it would not. */
type Outcome = bigint | string;

function evaluate(run: (context: Record<string, bigint>) => unknown, enis: number, ips: number): Outcome {
    // nodeadm's calculateStandardMaxPods, the same file: no cap.
    const context = { default_enis: BigInt(enis), ips_per_eni: BigInt(ips), max_pods: BigInt(enis * (ips - 1) + 2) };
    try {
        const value = run(context);
        if (typeof value !== "bigint") return `evaluates to a ${typeof value}`;
        if (value < 1n || value > MAX_INT32) return `evaluates to ${value}, and nodeadm keeps only 1 to ${MAX_INT32}`;
        return value;
    } catch (e) {
        return `fails to evaluate (${(e as { summary?: string }).summary ?? String(e)})`;
    }
}

type Checked = { problem: string } | { run: (context: Record<string, bigint>) => unknown };

/**
 * cel-go reads a run of the same unary operator as a whole (parser.go, VisitNegate and VisitLogicalNot):
 * an even run is no operator at all (--3u is the uint 3, !!1 the int 1), an odd run one operator;
 * and its grammar has no - right before ! or ! right before - (unary: '!'+ member | '-'+ member).
 * The library applies each operator, so the run is blanked to what cel-go reads before the library
 * sees it; offsets stay as written, for the messages.
 */
function collapseUnaryRuns(text: string, root: Node): { text: string } | { problem: string } {
    const units = text.split("");
    let problem: string | undefined;
    const adjacent = (op: Node, next: Node) => /^\s*$/.test(text.slice(op.start + 1, next.start));
    const visit = (n: Node): void => {
        if (n.op === "-_" || n.op === "!_") {
            const run = [n];
            let inner = n.args as Node;
            while (inner.op === n.op && adjacent(run[run.length - 1], inner)) {
                run.push(inner);
                inner = inner.args as Node;
            }
            if ((inner.op === "-_" || inner.op === "!_") && adjacent(run[run.length - 1], inner)) {
                problem ??= `has ${n.op[0]} right before ${inner.op[0]} at character ${inner.start + 1}, which CEL's grammar does not allow: put parentheses around the operand`;
            }
            for (const op of run.slice(0, run.length - (run.length % 2))) units[op.start] = " ";
            visit(inner);
            return;
        }
        children(n).forEach(visit);
    };
    visit(root);
    return problem ? { problem } : { text: units.join("") };
}

const compile = memoize((text: string): Checked => {
    const env = cel();
    let parsed: ReturnType<Environment["parse"]>;
    try {
        parsed = env.parse(text);
        const collapsed = collapseUnaryRuns(text, parsed.ast as Node);
        if ("problem" in collapsed) return { problem: `${collapsed.problem}; ${FALLBACK}` };
        if (collapsed.text !== text) parsed = env.parse(collapsed.text);
    } catch (e) {
        const { summary, range } = e as { summary?: string; range?: { start: number } };
        const where = range ? ` at character ${range.start + 1}` : "";
        return { problem: `does not parse as CEL: ${summary ?? String(e)}${where}; ${FALLBACK}. Write CEL over default_enis, ips_per_eni and max_pods, ${EXAMPLE}` };
    }
    const checked = parsed.check();
    if (!checked.valid) {
        const error = checked.error as { code?: string; summary?: string; range?: { start: number } } | undefined;
        const summary = error?.summary ?? "type error";
        const where = error?.range ? ` at character ${error.range.start + 1}` : "";
        if (error?.code === "unknown_variable") {
            return { problem: `${summary.replace(/^Unknown variable: (.*)$/, "names $1")}${where}, which nodeadm does not declare; ${FALLBACK}. ` +
                "nodeadm declares only default_enis, ips_per_eni and max_pods, each an int" };
        }
        return { problem: `does not type-check as CEL: ${summary}${where}; ${FALLBACK}. ${typeFix(summary)}` };
    }
    const difference = celGoDifference(parsed.ast.input, parsed.ast as Node);
    if (difference) return { problem: `${difference}; ${FALLBACK}` };
    if (checked.type !== "int") return { problem: resultProblem(checked.type ?? "unknown") };
    return { run: (c) => parsed(c) };
});

/**
 * What nodeadm would set max-pods to on an instance with these variables (its default card's ENIs
 * and IPv4 addresses per ENI), or why it would use the ENI formula instead.
 */
export function maxPodsOf(text: string, enis: number, ipsPerEni: number): Outcome {
    const checked = compile(text);
    return "problem" in checked ? checked.problem : evaluate(checked.run, enis, ipsPerEni);
}

/**
 * Why nodeadm would not use the expression, or undefined when it would (on some instance type).
 * Length and control characters are checked by the caller (grammar.ts).
 */
export function celMaxPodsProblem(text: string): string | undefined {
    const checked = compile(text);
    if ("problem" in checked) return checked.problem;
    const shapes = networkShapes();
    const outcomes = shapes.map((s) => evaluate(checked.run, s.enis, s.ipv4PerEni));
    if (outcomes.every((o) => typeof o === "string")) {
        const { enis, ipv4PerEni } = shapes[0];
        return `${outcomes[0]} with default_enis ${enis} and ips_per_eni ${ipv4PerEni}, and fails on every other instance type ` +
            `in the instance table too; ${FALLBACK}. Keep the result from 1 to ${MAX_INT32}, ${EXAMPLE}`;
    }
    return undefined;
}
