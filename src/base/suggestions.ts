// "Did you mean": the one place a name or value that is not among the known ones gets the one it
// was probably meant to be — setting names (args-schema, overrides, kubelet fields), instance
// types, and every enum a rule checks (amiType, osFamily, capacityType, taint effects, ...).

function distance(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
        }
    }
    return d[a.length][b.length];
}

/** Names longer than this get no suggestion: the edit distance costs their length times each candidate's. */
const MAX_SUGGESTED_NAME = 64;
/** Suggestions for at most this many unknown names per definition; the rest are reported without one. */
export const MAX_SUGGESTIONS = 20;
/** A prefix that starts, or a distance that ties, more names than this suggests none (it says too little). */
const MAX_PREFIX_SUGGESTIONS = 3;

/** `min_size`, `MinSize`, `min-size` → `minsize`: spellings of one name in other languages' conventions. */
const folded = (name: string) => name.replace(/[-_]/g, "").toLowerCase();

/**
 * The names a name was probably meant to be, best first: the same name in another case or
 * convention (`min_size`), a near spelling (`minSzie`), or the start of exactly one or a few names
 * (`min` → `minSize`; `max` in updateConfig → maxUnavailable, maxUnavailablePercentage).
 */
export function closest(name: string, candidates: readonly string[], budget: { left: number }): string[] {
    if (name.length > MAX_SUGGESTED_NAME || budget.left <= 0) return [];
    budget.left--;
    const same = candidates.filter((c) => folded(c) === folded(name));
    if (same.length > 0) return same;
    const scored = candidates.map((c) => [c, distance(name, c)] as const);
    const best = Math.min(...scored.map(([, d]) => d));
    // Two names as near as each other (io3: io1, io2) are both named; more say too little.
    const nearest = scored.filter(([, d]) => d === best).map(([c]) => c);
    if (best <= Math.max(2, Math.floor(name.length / 3)) && nearest.length <= MAX_PREFIX_SUGGESTIONS) return nearest;
    if (folded(name).length < 3) return [];
    const started = candidates.filter((c) => folded(c).startsWith(folded(name)));
    return started.length <= MAX_PREFIX_SUGGESTIONS ? started : [];
}

/** "; did you mean a?" / "; did you mean a or b?" — with the path of each — or "". */
export function didYouMean(path: (name: string) => string, names: string[]): string {
    if (names.length === 0) return "";
    const shown = names.map(path);
    return `; did you mean ${shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`}?`;
}

/**
 * For a value outside an enum that is a near miss, "did you mean X?" (and, when only the letter
 * case differs, that the values are case-sensitive); undefined for anything else, where each site
 * lists the values in its own words. `shown` writes a value as the message does.
 */
export function meantValue(value: unknown, values: readonly string[], shown: (v: string) => string = (v) => v): string | undefined {
    if (typeof value !== "string") return undefined;
    const meant = closest(value, values, { left: 1 });
    if (meant.length === 0) return undefined;
    const caseOnly = meant.length === 1 && meant[0].toLowerCase() === value.toLowerCase();
    return `did you mean ${meant.map(shown).join(" or ")}?${caseOnly ? " The values are case-sensitive." : ""}`;
}

/** "; did you mean X?" for a near miss of an enum value, else "." — to end a message that already lists the values. */
export const meantOrStop = (value: unknown, values: readonly string[]): string => {
    const meant = meantValue(value, values);
    return meant === undefined ? "." : `; ${meant}`;
};
