// An impact, for a person: the overall effect first, then each change with its effect and why.
import { Change, Difference, Impact } from "./classify";

const shown = (v: unknown): string => (v === undefined ? "(unset)" : typeof v === "string" ? v : JSON.stringify(v));

const line = (c: { path: string; before: unknown; after: unknown }): string => `${c.path}: ${shown(c.before)} → ${shown(c.after)}`;
const MARGIN = `  ${" ".repeat(20)} `;

/** A change, then (plan --against) the children's inputs it changes where they say more than the change itself, then why. */
function changeLines(c: Change): string[] {
    const restates = (i: Difference): boolean => /^(launchTemplate|nodeGroup)\./.test(i.path) && i.path.slice(i.path.indexOf(".") + 1) === c.path
        && shown(i.before) === shown(c.before) && shown(i.after) === shown(c.after);
    const inputs = (c.inputs ?? []).filter((i) => !restates(i));
    return [`  ${c.effect.padEnd(20)} ${line(c)}`, ...inputs.map((i) => MARGIN + line(i)), MARGIN + c.why];
}

export function formatImpact(title: string, impact: Impact): string {
    const out = [`${title}: ${impact.effect.toUpperCase()}`, `  ${impact.summary}`];
    if (impact.changes.length > 0) out.push("", ...impact.changes.flatMap(changeLines));
    return out.join("\n") + "\n";
}
