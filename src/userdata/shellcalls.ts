// The commands a shell script runs, as bash would parse them — not the text it contains: mvdan/sh's
// parser (the mvdan-sh package, its GopherJS build; synchronous, which the review needs), so that a
// comment, an echo, a heredoc or a sed over /etc/eks/bootstrap.sh is not mistaken for a call of it.

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

/** The words of every simple command of the script (anywhere: functions, conditions, subshells); undefined words expand. Undefined when bash syntax does not parse. */
export function commandsOf(script: string): (string | undefined)[][] | undefined {
    const s = sh();
    let file: ShNode;
    try {
        file = s.NewParser().Parse(script, "user-data");
    } catch {
        return undefined;
    }
    const commands: (string | undefined)[][] = [];
    s.Walk(file, (node) => {
        if (node && s.NodeType(node) === "CallExpr" && (node.Args?.length ?? 0) > 0) commands.push(node.Args!.map((w) => literal(s, w)));
        return true;
    });
    return commands;
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
