// Amazon Linux 2023 kubelet settings checked against kubelet's own configuration type: the
// component's typed nodeConfig.kubeletConfig and the spec.kubelet.config of each NodeConfig in the
// user data's content, key by key, with the table scripts/kubeletconfig writes from k8s.io/kubelet
// (src/data/kubelet-config.json).
//
// What kubelet does with them (k8s.io/kubernetes v1.36.5): nodeadm writes spec.kubelet.config,
// with kind and apiVersion added, as a drop-in file (config.json.d/40-nodeadm.conf; nodeadm
// internal/kubelet/config.go writeKubeletConfig). kubelet reads a drop-in into an untyped map,
// merges it over its configuration as a JSON merge patch, and decodes the result with
// encoding/json into the v1beta1 type (cmd/kubelet/app/server.go mergeKubeletConfigurations):
// - a field the type does not have is dropped without a word (encoding/json ignores unknown
//   fields; the main config file too is decoded leniently when strict decoding fails:
//   pkg/kubelet/kubeletconfig/util/codec/codec.go DecodeKubeletConfiguration) — a warning; a name
//   in another case is matched, but loses to kubelet's own spelling wherever the base holds it;
// - a value of the wrong JSON type (a string for an int32, a number for a string or a duration,
//   an unparsable duration: metav1.Duration's UnmarshalJSON) fails the decode, and kubelet exits
//   with "failed to merge kubelet configs" — an error, as are the values kubelet's validation
//   refuses (ValidateKubeletConfiguration: "failed to validate kubelet configuration") and the
//   reservations server.go cannot parse (parseResourceList);
// - a null is a merge patch's "remove": nothing reaches the decoder.
// nodeadm reads the content's YAML with Go's YAML 1.1 rules (sigs.k8s.io/yaml): `yes` and `on` are
// booleans there, `0x1F` a number; timestamps and `1:30` stay strings. The content is read the same way here.
import { readTable } from "../data/tables";
import { contentNodeConfigs } from "../userdata/al2023";
import { familyProfile, Rule, rulesOfOneWalk, Subject } from "./rule";
import { closest, didYouMean, meantValue } from "../base/suggestions";
import { isUnknown, obj, show, str } from "../base/values";

/** One field of kubelet's configuration type as kubelet decodes it (src/data/kubelet-config.json). */
export interface KubeletField {
    kind: "string" | "bool" | "int32" | "int64" | "float" | "duration" | "time" | "object" | "list" | "stringList" | "int32List"
        | "stringMap" | "quantityMap" | "boolMap" | "stringListMap" | "resourceList" | "typeMeta";
    range?: [number, number];
    minimum?: number;
    minimumBy?: string;
    enum?: string[];
    keys?: string[];
    pointer?: boolean;
    deprecated?: boolean;
    settable?: boolean;
    items?: KubeletField;
    fields?: Record<string, KubeletField>;
    external?: string;
}

export interface KubeletConfigTable {
    kubernetesVersion: string;
    sources: { module: string; file: string; published: string }[];
    fields: Record<string, KubeletField>;
}

export const KUBELET_CONFIG = readTable<KubeletConfigTable>("kubelet-config.json");

/** What nodeadm writes as the drop-in's kind and apiVersion (internal/kubelet/config.go defaultKubeletSubConfig); kubelet refuses any other (server.go). */
const TYPE_META: Record<string, string> = { kind: "KubeletConfiguration", apiVersion: "kubelet.config.k8s.io/v1beta1" };

const FIELDS_RULE = "userdata-kubelet-config-fields";
const VALUES_RULE = "userdata-kubelet-config-values";

export interface KubeletConfigProblem {
    ruleId: typeof FIELDS_RULE | typeof VALUES_RULE;
    path: string;
    message: string;
    /** The value does not decode into kubelet's type (as opposed to a validation or parsing kubelet does after). */
    decode?: true;
}
type Problem = KubeletConfigProblem;

/** Where a config is: the Subject path of a key, and how a message names a key path. */
interface Place {
    path: (keys: string[]) => string;
    name: (keys: string[]) => string;
}

const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

const version = `Kubernetes ${KUBELET_CONFIG.kubernetesVersion}`;
const FAILS = "kubelet decodes its configuration into typed fields and does not start when one does not decode";

// Go's time.ParseDuration: "0", or one or more decimal numbers each with a unit, optionally signed.
const DURATION = /^[-+]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
// Go's time.Parse(time.RFC3339, …): date, T, time with optional fraction, Z or an offset.
const RFC3339 = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
// apimachinery resource.ParseQuantity: a signed decimal with a binary (Ki…Ei), decimal (n…E) or exponent suffix.
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** What a value of the field must be, for messages. */
function expected(f: KubeletField): string {
    switch (f.kind) {
        case "string": return "a string";
        case "bool": return "true or false";
        case "int32": case "int64": return `a whole number (${f.kind}, ${f.range![0]} to ${f.range![1]})`;
        case "float": return "a number";
        case "duration": return "a Go duration string such as \"30s\" or \"1h30m\"";
        case "time": return "an RFC 3339 time such as \"2026-01-01T00:00:00Z\"";
        case "object": return "a map";
        case "resourceList": return "a map of resource quantities (numbers, or strings such as \"1Gi\")";
        case "list": return "a list of maps";
        case "stringList": return "a list of strings";
        case "int32List": return "a list of whole numbers";
        case "stringMap": return "a map of strings";
        case "quantityMap": return "a map of resource quantities written as strings (such as \"100m\" or \"1Gi\")";
        case "boolMap": return "a map of true or false";
        case "stringListMap": return "a map of lists of strings";
        default: return "nothing (it is not settable)";
    }
}

const isMap = (v: unknown): v is Record<string, unknown> => obj(v) !== undefined && !(v instanceof Date);
// An int64's bounds read as ±2^63 in a double, and a double that large is written out as a decimal past
// them ("-9223372036854776000", which Go refuses): at a bound that is no safe integer, the number is outside.
const isInt = (v: unknown, f: KubeletField): boolean => typeof v === "number" && Number.isInteger(v)
    && (Number.isSafeInteger(v) ? v >= f.range![0] && v <= f.range![1] : v > f.range![0] && v < f.range![1]);

class Walk {
    readonly problems: Problem[] = [];
    readonly suggestions = { left: 20 };
    constructor(readonly place: Place, readonly skipTop: (key: string) => boolean) {}

    private add(ruleId: Problem["ruleId"], keys: string[], message: string, decode?: true) {
        this.problems.push({ ruleId, path: this.place.path(keys), message, ...(decode ? { decode } : {}) });
    }

    private wrong(keys: string[], f: KubeletField, v: unknown, fix: string) {
        this.add(VALUES_RULE, keys, `${this.place.name(keys)} must be ${expected(f)}, got ${show(v)}: ${FAILS}. ${fix}`, true);
    }

    /** Every key of a KubeletConfiguration map (or a nested struct's). */
    fields(config: Record<string, unknown>, spec: Record<string, KubeletField>, keys: string[]) {
        const known = Object.keys(spec).filter((k) => spec[k].kind !== "typeMeta");
        for (const key of Object.keys(config)) {
            const at = [...keys, key];
            if (keys.length === 0 && this.skipTop(key)) continue;
            const v = config[key];
            const f = own(spec, key);
            if (f === undefined) {
                // encoding/json matches a name in another case too, but the merged configuration also holds kubelet's own
                // spelling wherever kubelet has a value for the field, and that one is read last (the keys are sorted).
                const cased = known.find((k) => k.toLowerCase() === key.toLowerCase());
                if (cased !== undefined) {
                    this.add(FIELDS_RULE, at, `${this.place.name(at)} is spelt ${this.place.name([...keys, cased])} in kubelet's KubeletConfiguration ` +
                        `(${version}): kubelet reads another case only where its own configuration holds no value for the field, so this ` +
                        `setting may have no effect. Write ${this.place.name([...keys, cased])}.`);
                    continue;
                }
                const meant = closest(key, known, this.suggestions);
                // A name the table does not know is the user's: the policy pack may not print it (show withholds it).
                this.add(FIELDS_RULE, at, `${this.place.name(at)} is not a field of kubelet's KubeletConfiguration (${version}): kubelet ` +
                    `drops a field it does not know without a word, so this setting would have no effect${didYouMean((m) => this.place.name([...keys, m]), meant) || ". Check the name (it is case-sensitive) against kubelet's configuration reference."}`);
                continue;
            }
            if (v === null || v === undefined || isUnknown(v)) continue;
            this.value(at, f, v);
        }
    }

    private value(keys: string[], f: KubeletField, v: unknown) {
        const name = this.place.name(keys);
        if (f.deprecated) {
            this.add(FIELDS_RULE, keys, `${name} is deprecated in kubelet's KubeletConfiguration (${version}): it no longer has any effect. Remove it.`);
        }
        switch (f.kind) {
            case "typeMeta": {
                const want = TYPE_META[keys[keys.length - 1]];
                if (keys.length === 1 && v !== want) {
                    this.add(VALUES_RULE, keys, `${name} must be ${JSON.stringify(want)} or absent, got ${show(v)}: nodeadm writes the settings as a ` +
                        `kubelet drop-in file with this ${keys[0]}, and kubelet refuses a drop-in of another kind or apiVersion and does not start. Remove it.`);
                }
                return;
            }
            case "string":
                if (typeof v !== "string") return this.wrong(keys, f, v, "Quote the value.");
                // Each typed enum is refused outside its values when kubelet starts: memoryReservationPolicy and
                // imagePullCredentialsVerificationPolicy by validation.go, configMapAndSecretChangeDetectionStrategy by
                // kubelet.go NewMainKubelet, authorization.mode by cmd/kubelet/app/auth.go BuildAuthz.
                if (f.enum !== undefined && v !== "" && !f.enum.includes(v)) {
                    this.add(VALUES_RULE, keys, `${name} is ${show(v)}, which is none of the values kubelet's type declares for it ` +
                        `(${f.enum.join(", ")}): kubelet refuses any other and does not start. ${meantValue(v, f.enum) ?? "Use one of those (names are case-sensitive)."}`);
                }
                return;
            case "bool":
                if (typeof v !== "boolean") return this.wrong(keys, f, v, "Write true or false, without quotes.");
                return;
            case "int32": case "int64":
                if (!isInt(v, f)) return this.wrong(keys, f, v, "Write a whole number, without quotes.");
                // Zero in a field that is no pointer is its unset value, which kubelet's defaulting fills in.
                if (f.minimum !== undefined && (v as number) < f.minimum && !(v === 0 && !f.pointer)) {
                    this.add(VALUES_RULE, keys, `${name} must be at least ${f.minimum}, got ${show(v)}: kubelet's validation refuses less, and kubelet does not start.`);
                }
                return;
            case "float":
                if (typeof v !== "number" || !Number.isFinite(v)) return this.wrong(keys, f, v, "Write a number, without quotes.");
                return;
            case "time":
                // metav1.Time's UnmarshalJSON: time.Parse with RFC 3339.
                if (typeof v !== "string" || !RFC3339.test(v)) return this.wrong(keys, f, v, "Write a time such as \"2026-01-01T00:00:00Z\".");
                // validation.go ValidateKubeletConfiguration: "invalid configuration: taint.TimeAdded is not nil".
                if (keys.length === 2 && /^registerWithTaints\[\d+\]$/.test(keys[0]) && keys[1] === "timeAdded") {
                    this.add(VALUES_RULE, keys, `${name} is set: kubelet's validation refuses a taint to register with that carries ` +
                        "timeAdded, and kubelet does not start. Remove it (the API server sets it for NoExecute taints).");
                }
                return;
            case "duration":
                if (typeof v !== "string" || !DURATION.test(v)) return this.wrong(keys, f, v, "Write a duration with its unit, such as \"30s\", \"5m\" or \"1h30m\".");
                return;
            case "object":
                if (!isMap(v)) return this.wrong(keys, f, v, "Write a map of its fields.");
                if (f.fields !== undefined) this.fields(v, f.fields, keys);
                return;
            case "list":
                if (!Array.isArray(v)) return this.wrong(keys, f, v, "Write a list.");
                v.forEach((item, i) => {
                    if (item === null || isUnknown(item)) return;
                    const at = [...keys.slice(0, -1), `${keys[keys.length - 1]}[${i}]`];
                    this.value(at, f.items!, item);
                });
                return;
            case "stringList":
                if (!Array.isArray(v) || v.some((e) => typeof e !== "string" && !isUnknown(e))) return this.wrong(keys, f, v, "Quote each element.");
                return;
            case "int32List":
                if (!Array.isArray(v) || v.some((e) => !isInt(e, f) && !isUnknown(e))) return this.wrong(keys, f, v, "Write whole numbers, without quotes.");
                return;
            case "stringMap": case "boolMap": case "stringListMap": case "quantityMap": case "resourceList":
                return this.map(keys, f, v);
        }
    }

    private map(keys: string[], f: KubeletField, v: unknown) {
        if (!isMap(v)) return this.wrong(keys, f, v, "Write a map.");
        const fits = (e: unknown): boolean => {
            if (e === null || isUnknown(e)) return true;
            switch (f.kind) {
                case "boolMap": return typeof e === "boolean";
                case "stringListMap": return Array.isArray(e) && e.every((s) => typeof s === "string" || isUnknown(s));
                // resource.Quantity decodes a number or a quantity string.
                case "resourceList": return typeof e === "number" || (typeof e === "string" && QUANTITY.test(e));
                default: return typeof e === "string";
            }
        };
        const bad = Object.values(v).find((e) => !fits(e));
        if (bad !== undefined) {
            const fix = f.kind === "resourceList" ? "Write each quantity as a number or a quantity string such as \"1Gi\"."
                : f.kind === "boolMap" ? "Write true or false, without quotes." : "Quote each value.";
            return this.add(VALUES_RULE, keys, `${this.place.name(keys)} must be ${expected(f)}, and holds ${show(bad)}: ${FAILS}. ${fix}`, true);
        }
        if (f.kind !== "quantityMap") return;
        // server.go parseResourceList: only these resources, each a non-negative quantity, or kubelet does not start.
        for (const [resource, q] of Object.entries(v)) {
            if (typeof q !== "string") continue;
            if (!f.keys!.includes(resource)) {
                this.add(VALUES_RULE, keys, `${this.place.name(keys)} reserves ${show(resource)}, but kubelet reserves only ${f.keys!.join(", ")} ` +
                    "and does not start with another. Remove it.");
            } else if (!QUANTITY.test(q) || q.startsWith("-")) {
                this.add(VALUES_RULE, keys, `${this.place.name([...keys, resource])} must be a non-negative resource quantity such as "100m" or "1Gi", got ${show(q)}: ` +
                    "kubelet does not start when a reservation does not parse.");
            }
        }
    }
}

/** The spec.kubelet.config of each NodeConfig in the content, read with Go's YAML 1.1 rules as nodeadm reads them. */
export function contentKubeletConfigs(content: string): Record<string, unknown>[] {
    return contentNodeConfigs(content).map((c) => obj(obj(obj(c.spec)?.kubelet)?.config)).filter((c) => c !== undefined);
}

const USER_DATA = "launchTemplate.userData";
const TYPED = `${USER_DATA}.nodeConfig.kubeletConfig`;

/** A key path as a message shows it: names of the table as they are, the user's own through show(). */
function shown(keys: string[]): string {
    let spec: Record<string, KubeletField> | undefined = KUBELET_CONFIG.fields;
    return keys.map((k) => {
        const m = /^(.*?)(\[\d+\])?$/.exec(k)!;
        const f: KubeletField | undefined = spec === undefined ? undefined : own(spec, m[1]);
        spec = f?.fields ?? f?.items?.fields;
        return f === undefined ? show(m[1]) + (m[2] ?? "") : k;
    }).join(".");
}

/** The problems of one KubeletConfiguration map given as nodeConfig.kubeletConfig, owned keys included. */
export function kubeletConfigProblems(config: Record<string, unknown>): KubeletConfigProblem[] {
    const walk = new Walk({ path: (keys) => `${TYPED}.${keys.join(".")}`, name: (keys) => `${TYPED}.${keys.join(".")}` }, () => false);
    walk.fields(config, KUBELET_CONFIG.fields, []);
    return walk.problems;
}

function problemsOf(s: Subject): Problem[] {
    const problems: Problem[] = [];
    // The families whose kubelet settings are a NodeConfig's (nodeadm): Amazon Linux 2023.
    const profile = familyProfile(s);
    if (profile?.typedSettings === "nodeConfig") {
        // In the component's door, keys the component owns are refused by userdata-owned-settings already.
        const owns = profile.owns.kubeletConfig ?? {};
        const skip = (key: string) => s.component !== undefined && owns[key] !== undefined;
        const typed = obj(obj(s.component?.kubelet?.nodeConfig)?.kubeletConfig);
        if (typed !== undefined) {
            const walk = new Walk({ path: (keys) => `${TYPED}.${keys.join(".")}`, name: (keys) => `${TYPED}.${keys.join(".")}` }, skip);
            walk.fields(typed, KUBELET_CONFIG.fields, []);
            problems.push(...walk.problems);
        }
        const content = str(s.launchTemplate.userData);
        for (const config of content === undefined ? [] : contentKubeletConfigs(content)) {
            const walk = new Walk({ path: () => USER_DATA, name: (keys) => `spec.kubelet.config.${shown(keys)} in a NodeConfig of the content` }, skip);
            walk.fields(config, KUBELET_CONFIG.fields, []);
            problems.push(...walk.problems);
        }
    }
    return problems;
}

export const kubeletConfigRules: Rule[] = rulesOfOneWalk(problemsOf, [USER_DATA, `${USER_DATA}.nodeConfig.kubeletConfig`], [
    { id: FIELDS_RULE, severity: "warning", summary:
        "Amazon Linux 2023 kubelet settings (nodeConfig.kubeletConfig, a NodeConfig's spec.kubelet.config) with a field kubelet's KubeletConfiguration does not have (kubelet drops it; with the closest name), or a deprecated one (it has no effect)." },
    { id: VALUES_RULE, severity: "error", summary:
        "Amazon Linux 2023 kubelet settings whose value kubelet cannot decode (a string for a number, a duration without its unit, a number for a string), outside the values of a typed enum, below a minimum kubelet's validation refuses, a reservation of a resource kubelet cannot reserve, or a kind or apiVersion other than kubelet's: kubelet does not start." },
]);
