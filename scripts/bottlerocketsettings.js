#!/usr/bin/env node
// Writes src/data/bottlerocket-settings.json: the settings Bottlerocket's API accepts on its EKS variants,
// read from Bottlerocket's own settings models (Rust source, read as text at pinned commits; never built
// or copied):
// - bottlerocket-os/bottlerocket sources/settings-plugins/aws-k8s{,-nvidia}/src/lib.rs: the sections of
//   `settings` each variant has (a #[model(rename = "settings")] struct of settings-model types);
// - bottlerocket-os/bottlerocket-settings-sdk bottlerocket-settings-models/: each section's #[model]
//   struct (settings-extensions/*/src/lib.rs, settings-models/src/*.rs) and the modeled types its fields
//   use (modeled-types/src/*.rs): strings (string_impls_for!), string enums (a serde enum, or a TryFrom
//   that `matches!` the input against literals), integers and their Rust widths.
//
// Usage: node scripts/bottlerocketsettings.js --bottlerocket DIR --settings-sdk DIR > src/data/bottlerocket-settings.json
// where each DIR is a git clone (or mirror) of the repository holding the pinned commit.
//
// The reader understands the few forms the models use and nothing more: a field of a type it does not
// understand is written as kind "any" (unchecked) and listed on stderr, never guessed.
"use strict";
const { execFileSync } = require("child_process");

const PINS = {
    bottlerocket: { repo: "github.com/bottlerocket-os/bottlerocket", commit: "91632ff50cafaae1d5b3710a8f799141b5966595", date: "2024-10-24" },
    sdk: { repo: "github.com/bottlerocket-os/bottlerocket-settings-sdk", commit: "72db7c6ccea7238c61072f6f8212240c29d8ae8c", date: "2024-09-10", release: "bottlerocket-settings-models v0.5.0" },
};
const VARIANTS = ["aws-k8s", "aws-k8s-nvidia"];
const MODELS = "bottlerocket-settings-models";

function arg(name) {
    const i = process.argv.indexOf(name);
    if (i < 0 || !process.argv[i + 1]) throw new Error(`give ${name} DIR (a git clone holding the pinned commit)`);
    return process.argv[i + 1];
}
const dirs = { bottlerocket: arg("--bottlerocket"), sdk: arg("--settings-sdk") };
function show(which, path) {
    return execFileSync("git", ["-C", dirs[which], "show", `${PINS[which].commit}:${path}`], { encoding: "utf8", maxBuffer: 1 << 26 });
}
function list(which, under) {
    return execFileSync("git", ["-C", dirs[which], "ls-tree", "-r", "--name-only", PINS[which].commit, under], { encoding: "utf8" }).split("\n").filter(Boolean);
}

const kebab = (snake) => snake.replace(/_/g, "-");
const caseOf = (variant, rule) => rule === "lowercase" ? variant.toLowerCase()
    : rule === "kebab-case" ? variant.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase() : variant;

/** The body between the brace after `from` and its match. */
function braced(text, from) {
    const open = text.indexOf("{", from);
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) return text.slice(open + 1, i);
    }
    throw new Error("unbalanced braces");
}

/** The attribute lines directly above `at`. */
function attributesBefore(text, at) {
    const lines = text.slice(0, at).split("\n");
    lines.pop();
    const attrs = [];
    while (lines.length > 0 && /^\s*(#\[|\/\/)/.test(lines[lines.length - 1])) attrs.unshift(lines.pop());
    return attrs.join("\n");
}

/** Fields of a struct body: `name: Type,` at depth 0; a field its own deserializer reads is marked. */
function fieldsOf(body) {
    const clean = body.replace(/\/\/[^\n]*/g, "");
    const out = [];
    let depth = 0, cur = "";
    for (const ch of clean) {
        if ("<([".includes(ch)) depth++;
        if (">)]".includes(ch)) depth--;
        if (ch === "," && depth === 0) { out.push(cur); cur = ""; } else cur += ch;
    }
    out.push(cur);
    return out.map((f) => f.trim()).filter(Boolean).map((f) => {
        const custom = /deserialize_with/.test(f);
        const bare = f.replace(/#\[(?:[^\[\]]|\[[^\]]*\])*\]/g, "").trim();
        const m = /^(?:pub(?:\([^)]*\))?\s+)?([a-z_][a-z0-9_]*)\s*:\s*(.+)$/s.exec(bare);
        if (!m) throw new Error(`unreadable field: ${f}`);
        return { name: m[1], type: m[2].replace(/\s+/g, " ").trim(), custom };
    });
}

// Every Rust source of the models, by file.
const sources = new Map();
for (const path of list("sdk", MODELS).filter((p) => p.endsWith(".rs") && !p.includes("/tests/") && !p.endsWith("main.rs"))) {
    sources.set(path, show("sdk", path).replace(/#\[cfg\(test\)\][\s\S]*?(?=\n(?:\/\/ =\^|#\[derive|pub |impl |lazy_static|string_impls_for|#\[model)|$)/g, ""));
}

/** Where a type is declared: the file and the offset of its `struct`/`enum` keyword. */
function declaration(name) {
    const found = [];
    for (const [path, text] of sources) {
        const re = new RegExp(`(?:^|\\n)\\s*(?:pub(?:\\([^)]*\\))?\\s+)?(struct|enum)\\s+${name}\\b`, "g");
        let m;
        while ((m = re.exec(text)) !== null) found.push({ path, text, kind: m[1], at: m.index + m[0].indexOf(m[1]) });
    }
    return found.length === 1 ? found[0] : undefined;
}

const unchecked = new Set();
const INTS = { i8: [-128, 127], u8: [0, 255], i16: [-32768, 32767], u16: [0, 65535], i32: [-2147483648, 2147483647], u32: [0, 4294967295], i64: [-9223372036854775808, 9223372036854775807], u64: [0, 18446744073709551615] };

/** The serde names of an enum's variants. */
function enumValues(text, at) {
    const rule = /rename_all\s*=\s*"([^"]+)"/.exec(attributesBefore(text, at))?.[1];
    const body = braced(text, at);
    const values = [];
    const re = /(#\[serde\(rename\s*=\s*"([^"]+)"\)\]\s*)?(?:#\[[^\]]*\]\s*)*([A-Z][A-Za-z0-9]*)\s*(?:,|$|\n)/g;
    let m;
    while ((m = re.exec(body)) !== null) values.push(m[2] ?? caseOf(m[3], rule));
    return values;
}

function typeSpec(type, seen = new Set()) {
    type = type.replace(/^Option<(.+)>$/, "$1");
    if (type === "bool") return { kind: "bool" };
    if (INTS[type]) return { kind: "integer", range: INTS[type] };
    if (type === "String") return { kind: "string" };
    let m = /^Vec<(.+)>$/.exec(type);
    if (m) return { kind: "list", items: typeSpec(m[1], seen) };
    m = /^(?:HashMap|BTreeMap|IndexMap)<([^,]+),\s*(.+)>$/.exec(type);
    if (m) return { kind: "map", keys: typeSpec(m[1], seen), values: typeSpec(m[2], seen) };
    const name = type.split("::").pop();
    const decl = declaration(name);
    if (decl === undefined || seen.has(name)) return unknown(name);
    const attrs = attributesBefore(decl.text, decl.at);
    // A tuple or unit struct has no braced body of fields.
    if (/[(;]/.test(decl.text.slice(decl.at, decl.text.indexOf("{", decl.at)))) return unknown(name);
    if (decl.kind === "enum") {
        if (/untagged/.test(attrs) || !/Deserialize|Scalar/.test(attrs)) return unknown(name);
        return { kind: "string", enum: enumValues(decl.text, decl.at) };
    }
    if (/#\[model/.test(attrs)) {
        const fields = {};
        // A field read by its own deserializer (deserialize_with) takes more forms than its type: not checked.
        for (const f of fieldsOf(braced(decl.text, decl.at))) fields[kebab(f.name)] = f.custom ? unknown(`${name}.${f.name}`) : typeSpec(f.type, new Set([...seen, name]));
        // #[model] adds deny_unknown_fields unless the struct sets its own #[serde(...)] (model-derive).
        return { kind: "struct", closed: !/#\[serde/.test(attrs), fields };
    }
    const inner = fieldsOf(braced(decl.text, decl.at));
    if (new RegExp(`string_impls_for!\\(\\s*${name}\\s*,`).test(decl.text)) {
        // A string newtype: an enum when its TryFrom matches the input against literals or decodes it as a plain serde enum.
        const impl = new RegExp(`impl TryFrom<&str> for ${name}\\b`).exec(decl.text);
        const body = impl ? braced(decl.text, impl.index) : "";
        const literals = /matches!\(\s*\w+\s*,\s*((?:"(?:[^"\\]|\\.)*"\s*\|?\s*)+)\)/.exec(body);
        if (literals) return { kind: "string", enum: [...literals[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((l) => l[1].replace(/\\"/g, "\"")) };
        const plain = /serde_plain::from_str::<(\w+)>/.exec(body);
        if (plain) {
            const e = declaration(plain[1]);
            return e ? { kind: "string", enum: enumValues(e.text, e.at) } : unknown(name);
        }
        return { kind: "string" };
    }
    if (inner.length === 1 && /Scalar/.test(attrs) && INTS[inner[0].type]) {
        // A Scalar integer newtype; its Validate impl may refuse negatives (NonNegativeInteger).
        const validate = new RegExp(`impl Validate for ${name}\\b`).exec(decl.text);
        const nonNegative = validate !== null && /\binner\s*<\s*0\b/.test(braced(decl.text, validate.index));
        return { kind: "integer", range: [nonNegative ? 0 : INTS[inner[0].type][0], INTS[inner[0].type][1]] };
    }
    // A settings struct read as the map it wraps (host-containers, bootstrap-containers: "backwards compatibility").
    const de = new RegExp(`impl<'de> Deserialize<'de> for ${name}\\b`).exec(decl.text);
    if (inner.length === 1 && de && /HashMap::deserialize/.test(braced(decl.text, de.index))) return typeSpec(inner[0].type, new Set([...seen, name]));
    return unknown(name);
}

function unknown(name) {
    unchecked.add(name);
    return { kind: "any", type: name };
}

// The sections of each EKS variant's settings.
const sections = {};
for (const variant of VARIANTS) {
    const text = show("bottlerocket", `sources/settings-plugins/${variant}/src/lib.rs`);
    const at = /#\[model\(rename = "settings"/.exec(text);
    const struct = text.indexOf("struct", at.index);
    for (const f of fieldsOf(braced(text, struct))) {
        const key = kebab(f.name);
        const spec = typeSpec(f.type);
        if (sections[key] !== undefined && JSON.stringify(sections[key].spec) !== JSON.stringify(spec)) throw new Error(`${key}: the variants disagree`);
        sections[key] = { spec, variants: [...(sections[key]?.variants ?? []), variant] };
    }
}
if (unchecked.size > 0) process.stderr.write(`bottlerocketsettings: not checked (types this reader does not understand): ${[...unchecked].sort().join(", ")}\n`);

process.stdout.write(JSON.stringify({
    generatedBy: "scripts/bottlerocketsettings.js (node scripts/bottlerocketsettings.js --bottlerocket DIR --settings-sdk DIR > src/data/bottlerocket-settings.json)",
    sources: [
        `${PINS.bottlerocket.repo}@${PINS.bottlerocket.commit} sources/settings-plugins/{${VARIANTS.join(",")}}/src/lib.rs (committed ${PINS.bottlerocket.date})`,
        `${PINS.sdk.repo}@${PINS.sdk.commit} ${MODELS}/ (${PINS.sdk.release}, committed ${PINS.sdk.date})`,
    ],
    unchecked: [...unchecked].sort(),
    sections,
}, null, 1) + "\n");
