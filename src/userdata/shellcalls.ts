// The commands a shell script runs, as bash would parse them — not the text it contains: mvdan/sh's
// parser (the mvdan-sh package, its GopherJS build; synchronous, which the review needs), so that a
// comment, an echo, a heredoc or a sed over /etc/eks/bootstrap.sh is not mistaken for a call of it.
import { memoize } from "../base/memo";

/** The part of mvdan-sh's API (mvdan/sh's syntax package) used here; the package has no types. */
interface Part { Value: string; Parts?: Part[] }
interface Word { Parts: Part[] }
interface ShNode { Args?: Word[] }
interface Syntax {
    NewParser(): { Parse(src: string, name: string): ShNode };
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
    NodeType(node: unknown): string;
}
let syntax: Syntax | undefined;

/** Loaded on first use: 1.5 MB of JavaScript that only Amazon Linux 2 content needs. */
function sh(): Syntax {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return syntax ??= (require("mvdan-sh") as { syntax: Syntax }).syntax;
}

/** A word's text when it is literal (plain, single- or double-quoted without expansions); undefined when it expands. */
function literal(s: Syntax, word: Word): string | undefined {
    let out = "";
    for (const part of word.Parts) {
        const type = s.NodeType(part);
        if (type === "Lit" || type === "SglQuoted") out += part.Value;
        else if (type === "DblQuoted") {
            for (const inner of part.Parts ?? []) {
                if (s.NodeType(inner) !== "Lit") return undefined;
                out += inner.Value;
            }
        } else return undefined;
    }
    return out;
}

/** Commands that run the command in their arguments. */
const WRAPPERS = new Set(["sudo", "env", "exec", "nohup", "time", "command", "bash", "sh", "source", ".", "timeout", "nice", "xargs"]);

/** What a script runs and writes, as bash reads it. */
interface ScriptReading {
    /** The words of every simple command (anywhere: functions, conditions, subshells); undefined words expand. */
    commands: (string | undefined)[][];
    /** The files its redirections write (`>`, `>>`, `>|`, `<>`, `&>`, `&>>`, `>&`); undefined targets expand. */
    writes: (string | undefined)[];
}

let writingOperators: ReadonlySet<number> | undefined;
/**
 * The parser's codes for the redirections that write, learnt from the parser itself: its GopherJS build
 * exposes them only as numbers (mvdan/sh's RedirOperator), so they are read off a probe script rather
 * than copied from the Go source, where a new release could renumber them.
 */
function writing(s: Syntax): ReadonlySet<number> {
    if (writingOperators !== undefined) return writingOperators;
    const ops = new Set<number>();
    s.Walk(s.NewParser().Parse("a > f\na >> f\na >| f\na <> f\na &> f\na &>> f\na >& f\n", "probe"), (node) => {
        if (node && s.NodeType(node) === "Redirect") ops.add((node as { Op: number }).Op);
        return true;
    });
    return (writingOperators = ops);
}

/** Undefined when bash syntax does not parse. */
export function readScript(script: string): ScriptReading | undefined {
    const s = sh();
    let file: ShNode;
    try {
        file = s.NewParser().Parse(script, "user-data");
    } catch {
        return undefined;
    }
    const writes = writing(s);
    const reading: ScriptReading = { commands: [], writes: [] };
    s.Walk(file, (node) => {
        const type = node ? s.NodeType(node) : undefined;
        if (type === "CallExpr" && (node!.Args?.length ?? 0) > 0) reading.commands.push(node!.Args!.map((w) => literal(s, w)));
        const redirect = node as { Op?: number; Word?: Word } | null;
        if (type === "Redirect" && writes.has(redirect!.Op!) && redirect!.Word !== undefined) reading.writes.push(literal(s, redirect!.Word));
        return true;
    });
    return reading;
}

/** The command a call runs, past wrappers (sudo, env, bash, …) and their options or assignments. */
export function commandRun(words: (string | undefined)[]): { command: string | undefined; args: (string | undefined)[] } {
    let i = 0;
    while (i < words.length && words[i] !== undefined && WRAPPERS.has(words[i]!)) {
        i++;
        while (i < words.length && words[i] !== undefined && (/^-/.test(words[i]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || /^\d+[smhd]?$/.test(words[i]!))) i++;
    }
    return { command: words[i], args: words.slice(i + 1) };
}

/** What a script does to the node's bootstrap and kubelet, from the commands it runs (shellcalls.ts). */
export interface ScriptEffects {
    callsBootstrap: boolean;
    /** The arguments of each bootstrap.sh call (undefined: an argument that expands); empty when the script did not parse. */
    bootstrapCalls: readonly (readonly (string | undefined)[])[];
    startsKubelet: boolean;
    editsKubeletConfig: boolean;
}

const BOOTSTRAP_PATHS = new Set(["/etc/eks/bootstrap.sh", "bootstrap.sh", "./bootstrap.sh"]);
const KUBELET_CONFIG = /kubelet-config\.json|\/etc\/kubernetes\/kubelet\/|\/etc\/systemd\/system\/kubelet/;
const KUBELET_UNIT = /^kubelet(\.service)?$/;
/** When bash syntax does not parse, the text decides (the conservative reading this module had before). */
const TEXT_BOOTSTRAP = /\/etc\/eks\/bootstrap\.sh|\bbootstrap\.sh\b/;
const TEXT_KUBELET = /systemctl\s+(start|restart|enable)\s+kubelet/;

/**
 * Remembered by script text: parsing with mvdan-sh costs ~0.8 ms and ~0.5 MB of garbage per script, and a
 * stack's node groups mostly share their scripts (measured: the custom-AMI benchmark's 100 groups with one
 * hardening script spent 80 ms parsing). The result is shared: read-only.
 */
export const scriptEffects: (script: string) => Readonly<ScriptEffects> = memoize(effectsOf);

function effectsOf(script: string): ScriptEffects {
    const reading = readScript(script);
    if (reading === undefined) {
        return { callsBootstrap: TEXT_BOOTSTRAP.test(script), bootstrapCalls: [], startsKubelet: TEXT_KUBELET.test(script), editsKubeletConfig: KUBELET_CONFIG.test(script) };
    }
    const bootstrapCalls: (string | undefined)[][] = [];
    const effects: ScriptEffects = { callsBootstrap: false, bootstrapCalls, startsKubelet: false, editsKubeletConfig: false };
    // A write to the configuration by redirection (cat > …, echo >> …) is an edit as much as sed -i is.
    if (reading.writes.some((target) => target !== undefined && KUBELET_CONFIG.test(target))) effects.editsKubeletConfig = true;
    for (const words of reading.commands) {
        const { command, args } = commandRun(words);
        if (command === undefined) continue;
        if (BOOTSTRAP_PATHS.has(command)) {
            effects.callsBootstrap = true;
            bootstrapCalls.push(args);
        }
        const verbs = args.filter((a): a is string => a !== undefined);
        if (command === "kubelet" || command === "/usr/bin/kubelet"
            || (command === "systemctl" && verbs.some((a) => ["start", "restart", "enable", "reload-or-restart"].includes(a)) && verbs.some((a) => KUBELET_UNIT.test(a)))
            || (command === "service" && KUBELET_UNIT.test(verbs[0] ?? "") && ["start", "restart"].includes(verbs[1] ?? ""))) {
            effects.startsKubelet = true;
        }
        if (!["echo", "printf", "cat", "ls", "test", "["].includes(command) && verbs.some((a) => KUBELET_CONFIG.test(a))) effects.editsKubeletConfig = true;
    }
    return effects;
}
