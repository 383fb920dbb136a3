// An impact, for a person: the overall effect first, then each change with its effect and why.
import { Change, Impact } from "./classify";

const shown = (v: unknown): string => (v === undefined ? "(unset)" : typeof v === "string" ? v : JSON.stringify(v));

function changeLines(c: Change): string[] {
    return [`  ${c.effect.padEnd(20)} ${c.path}: ${shown(c.before)} → ${shown(c.after)}`, `  ${" ".repeat(20)} ${c.why}`];
}

export function formatImpact(title: string, impact: Impact): string {
    const out = [`${title}: ${impact.effect.toUpperCase()}`, `  ${impact.summary}`];
    if (impact.changes.length > 0) out.push("", ...impact.changes.flatMap(changeLines));
    return out.join("\n") + "\n";
}
