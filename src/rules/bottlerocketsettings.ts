// Bottlerocket settings checked against Bottlerocket's own settings models (src/data/bottlerocket-settings.json,
// written by scripts/bottlerocketsettings.js from the aws-k8s variants' settings plugins and
// bottlerocket-settings-models): the user's TOML content and the typed bottlerocketSettings, key by key.
//
// What Bottlerocket does with them: early-boot-config sends the user data's settings to the API as one PATCH
// (bottlerocket-core-kit sources/early-boot-config/early-boot-config/src/main.rs submit_user_data), which the
// API deserializes into the variant's settings model. Every model struct is #[model], which adds serde's
// deny_unknown_fields (bottlerocket-settings-models model-derive, "Structs have a #[serde(...)] attribute added
// to deny unknown fields"), and each modeled type refuses what it cannot parse; a refused PATCH fails
// early-boot-config, which preconfigured.target requires (packages/early-boot-config/early-boot-config.service),
// so the node is never configured and never joins.
// - A value of the wrong type, or an integer outside its Rust type's range: refused by every release — an error.
// - A key the table's model does not have, or a string outside an enum: refused by the release the table was
//   read from, but Bottlerocket adds settings and values in later releases (host-containers' command,
//   kubernetes.single-process-oom-kill came after it), so the component cannot tell a misspelling from a key
//   newer than its table — a warning, with the closest name.
import { parse as parseToml } from "smol-toml";
import { readTable } from "../data/tables";
import { familyProfile, Rule, rulesOfOneWalk, Subject } from "./rule";
import { closest, didYouMean } from "../base/suggestions";
import { isUnknown, obj, show, str } from "../base/values";

/** One setting's type in Bottlerocket's model (src/data/bottlerocket-settings.json). */
export interface BottlerocketSetting {
    kind: "bool" | "integer" | "string" | "list" | "map" | "struct" | "any";
    range?: [number, number];
    enum?: string[];
    items?: BottlerocketSetting;
    keys?: BottlerocketSetting;
    values?: BottlerocketSetting;
    fields?: Record<string, BottlerocketSetting>;
    closed?: boolean;
    type?: string;
}

export interface BottlerocketSettingsTable {
    sources: string[];
    unchecked: string[];
    sections: Record<string, { spec: BottlerocketSetting; variants: string[] }>;
}

export const BOTTLEROCKET_SETTINGS = readTable<BottlerocketSettingsTable>("bottlerocket-settings.json");

const FIELDS_RULE = "userdata-bottlerocket-settings-fields";
const VALUES_RULE = "userdata-bottlerocket-settings-values";
const USER_DATA = "launchTemplate.userData";
const TYPED = `${USER_DATA}.bottlerocketSettings`;

interface Problem { ruleId: typeof FIELDS_RULE | typeof VALUES_RULE; path: string; message: string }

const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);
const isMap = (v: unknown): v is Record<string, unknown> => obj(v) !== undefined && !(v instanceof Date);
const MODEL = "Bottlerocket's settings model (bottlerocket-settings-models v0.5.0)";
const REFUSED = "Bottlerocket's API refuses the settings, early-boot-config fails, and the node never joins";

function expected(f: BottlerocketSetting): string {
    switch (f.kind) {
        case "bool": return "true or false";
        case "integer": return `a whole number from ${f.range![0]} to ${f.range![1]}`;
        case "string": return "a string";
        case "list": return "a list";
        default: return "a table";
    }
}

/** Whether a value is of the setting's kind (the container of a list or table; its elements are walked). */
function fits(f: BottlerocketSetting, v: unknown): boolean {
    switch (f.kind) {
        case "bool": return typeof v === "boolean";
        case "integer": return typeof v === "number" && Number.isInteger(v)
            // An i64's bounds are no safe integers: a number that large is outside.
            && (Number.isSafeInteger(f.range![0]) ? v >= f.range![0] : v > f.range![0])
            && (Number.isSafeInteger(f.range![1]) ? v <= f.range![1] : v < f.range![1]);
        case "string": return typeof v === "string";
        case "list": return Array.isArray(v);
        case "map": case "struct": return isMap(v);
        default: return true;
    }
}

/** A key path: each key as it is (for the property path) and as a message may show it (the user's own names through show()). */
interface Keys { raw: string[]; shown: string[] }
const under = (keys: Keys, raw: string, known: boolean): Keys => ({ raw: [...keys.raw, raw], shown: [...keys.shown, known ? raw : show(raw)] });
const indexed = (keys: Keys, i: number): Keys => ({
    raw: [...keys.raw.slice(0, -1), `${keys.raw[keys.raw.length - 1]}[${i}]`],
    shown: [...keys.shown.slice(0, -1), `${keys.shown[keys.shown.length - 1]}[${i}]`],
});

class Walk {
    readonly problems: Problem[] = [];
    readonly suggestions = { left: 20 };
    constructor(readonly path: (keys: string[]) => string, readonly name: (keys: string[]) => string) {}

    private add(ruleId: Problem["ruleId"], keys: Keys, message: string) {
        this.problems.push({ ruleId, path: this.path(keys.raw), message });
    }

    /** The keys of a table that has a closed set of them (a model struct, or `settings` itself). */
    fields(value: Record<string, unknown>, spec: Record<string, BottlerocketSetting>, keys: Keys) {
        const known = Object.keys(spec);
        for (const key of Object.keys(value)) {
            const f = own(spec, key);
            if (f === undefined) {
                const meant = closest(key, known, this.suggestions);
                // A name the table does not know is the user's: the policy pack may not print it (show withholds it).
                this.add(FIELDS_RULE, under(keys, key, false), `${this.name(under(keys, key, false).shown)} is not a setting of ${MODEL}: ${REFUSED} ` +
                    `— unless the key is newer than that release${didYouMean((m) => this.name([...keys.shown, m]), meant) || ". Check the name against Bottlerocket's settings reference (names are kebab-case)."}`);
                continue;
            }
            this.value(under(keys, key, true), f, value[key]);
        }
    }

    value(keys: Keys, f: BottlerocketSetting, v: unknown) {
        if (v === undefined || v === null || isUnknown(v) || f.kind === "any") return;
        const name = this.name(keys.shown);
        if (!fits(f, v)) {
            const fix = f.kind === "string" ? "Quote the value." : f.kind === "integer" || f.kind === "bool" ? "Write it without quotes." : "";
            return this.add(VALUES_RULE, keys, `${name} must be ${expected(f)}, got ${show(v)}: ${MODEL} does not read it, so ${REFUSED}. ${fix}`.trim());
        }
        if (f.kind === "string" && f.enum !== undefined && !f.enum.includes(v as string)) {
            this.add(FIELDS_RULE, keys, `${name} is ${show(v)}, none of the values ${MODEL} accepts (${f.enum.map((e) => JSON.stringify(e)).join(", ")}): ` +
                `${REFUSED} — unless a newer release added it. Use one of those (they are case-sensitive).`);
        }
        if (f.kind === "list") (v as unknown[]).forEach((e, i) => this.value(indexed(keys, i), f.items!, e));
        if (f.kind === "struct") {
            if (f.closed) this.fields(v as Record<string, unknown>, f.fields!, keys);
            else for (const [k, e] of Object.entries(v as Record<string, unknown>)) if (own(f.fields!, k)) this.value(under(keys, k, true), f.fields![k], e);
        }
        if (f.kind === "map") {
            for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
                if (f.keys?.enum !== undefined && !f.keys.enum.includes(k)) {
                    this.add(FIELDS_RULE, under(keys, k, false), `${this.name(under(keys, k, false).shown)}: ${show(k)} is none of the keys ${MODEL} accepts in ${name} ` +
                        `(${f.keys.enum.join(", ")}): ${REFUSED} — unless a newer release added it.`);
                    continue;
                }
                this.value(under(keys, k, false), f.values!, e);
            }
        }
    }
}

const SECTIONS: Record<string, BottlerocketSetting> = Object.fromEntries(Object.entries(BOTTLEROCKET_SETTINGS.sections).map(([k, s]) => [k, s.spec]));

/** The problems of a `settings` table (what follows `settings.`), as the content's TOML or the typed settings hold it. */
function settingsProblems(settings: Record<string, unknown>, walk: Walk): Problem[] {
    walk.fields(settings, SECTIONS, { raw: ["settings"], shown: ["settings"] });
    return walk.problems;
}

function problemsOf(s: Subject): Problem[] {
    const problems: Problem[] = [];
    if (familyProfile(s)?.typedSettings === "bottlerocketSettings") {
        const typed = obj(s.component?.kubelet?.bottlerocketSettings);
        if (typed !== undefined) {
            problems.push(...settingsProblems(typed, new Walk((keys) => [TYPED, ...keys.slice(1)].join("."), (keys) => [TYPED, ...keys.slice(1)].join("."))));
        }
        const content = str(s.launchTemplate.userData);
        let toml: Record<string, unknown> | undefined;
        try {
            toml = content?.trim() ? parseToml(content) : undefined;
        } catch {
            toml = undefined; // userdata-format reports it
        }
        const settings = obj(toml?.settings);
        if (settings !== undefined) {
            problems.push(...settingsProblems(settings, new Walk(() => USER_DATA, (keys) => `${keys.join(".")} in the user data's TOML`)));
        }
    }
    return problems;
}

export const bottlerocketSettingsRules: Rule[] = rulesOfOneWalk(problemsOf, [USER_DATA, TYPED], [
    { id: FIELDS_RULE, severity: "warning", summary:
        "Bottlerocket settings (TOML content, bottlerocketSettings) with a key, or a value of an enum, that Bottlerocket's settings model (v0.5.0) does not have: its API refuses them and the node never joins, unless a newer release added them (with the closest name)." },
    { id: VALUES_RULE, severity: "error", summary:
        "Bottlerocket settings whose value is not of the type Bottlerocket's settings model gives the key (a string for a number or a boolean, a number for a string, a value for a table) or an integer outside its range: the API refuses the settings and the node never joins." },
]);
