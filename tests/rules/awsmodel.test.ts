// Coverage as a property of the table (src/data/aws-constraints.json, from AWS's EKS and EC2 models):
// every constrained member names a real @pulumi/aws input, the component's args hold it as EC2 and
// EKS take it (or the rule knows where they do not), and a value breaking each constraint — too
// long, too many, too large, not in the enum, a reserved prefix — is reported at its path through
// the whole catalogue, in the component (the test harness) and in the policy pack alike, by the
// generated family or by the hand-written rule that owns the member.
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { AWS_CONSTRAINTS_TABLE, AwsConstraint, CONSTRAINED_PATHS, awsConstraint } from "../../src/facts/awsconstraints";
import { policyFor } from "../../src/policy";
import { catalogue } from "../../src/rules";
import { OWNED as OVERRIDE_OWNED } from "../../src/facts/overrides";
import { CHECKED, COMPONENT_PATHS, OWNED, positions, problemOf } from "../../src/rules/awsmodel";
import { withValuesWithheld } from "../../src/base/values";
import { AWS_DIR } from "../support/awsdeclarations";
import { baseArgs, run } from "../support/harness";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, stack, validate } from "../support/policy";

const ROOT = path.resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require("../../schema.json") as { resources: Record<string, { inputProperties: Record<string, Spec> }>; types: Record<string, Spec> };
interface Spec { type?: string; $ref?: string; items?: Spec; additionalProperties?: Spec; properties?: Record<string, Spec>; enum?: unknown[] }

interface Segment { name: string; each?: string }
const segmentsOf = (p: string): Segment[] => p.split(".").map((part) => {
    const m = /^(\w+)(\[\]|\{key\}|\{value\})?$/.exec(part)!;
    return { name: m[1], each: m[2] };
});

// --- @pulumi/aws's declarations, read as text -------------------------------------------------

const INPUTS = readFileSync(path.join(AWS_DIR, "types/input.d.ts"), "utf8");

function interfaceBody(text: string, header: string, close: string): string {
    const start = text.indexOf(header);
    if (start < 0) throw new Error(`no ${header}`);
    const body = text.slice(start + header.length);
    return `${body.slice(0, body.indexOf(close))}\n`;
}

/** The type text of a property of an interface body (it may span lines). */
function propertyType(body: string, name: string): string | undefined {
    const m = new RegExp(`^(\\s+)${name}\\??: ([\\s\\S]*?);\\n`, "m").exec(body);
    return m?.[2];
}

/** Whether a table path (after its side) names inputs of the pinned @pulumi/aws, element and map marks included. */
function declared(side: "nodeGroup" | "launchTemplate", rest: string): boolean {
    let body = side === "nodeGroup"
        ? interfaceBody(readFileSync(path.join(AWS_DIR, "eks/nodeGroup.d.ts"), "utf8"), "export interface NodeGroupArgs {", "\n}")
        : interfaceBody(readFileSync(path.join(AWS_DIR, "ec2/launchTemplate.d.ts"), "utf8"), "export interface LaunchTemplateArgs {", "\n}");
    const segs = segmentsOf(rest);
    for (let i = 0; i < segs.length; i++) {
        const type = propertyType(body, segs[i].name);
        if (type === undefined) return false;
        if (segs[i].each === "[]" && !/\[\]/.test(type)) return false;
        if ((segs[i].each === "{key}" || segs[i].each === "{value}") && !/\[key: string\]/.test(type)) return false;
        if (i === segs.length - 1) return true;
        const nested = /inputs\.(\w+)\.(\w+)/.exec(type);
        if (nested === null) return false;
        const namespace = INPUTS.slice(INPUTS.indexOf(`export declare namespace ${nested[1]} {`));
        body = interfaceBody(namespace, `\n    interface ${nested[2]} {`, "\n    }");
    }
    return true;
}

// --- the component's schema -----------------------------------------------------------------

const deref = (s: Spec): Spec => (s.$ref?.startsWith("#/types/") ? schema.types[s.$ref.slice("#/types/".length)] : s);

/** The schema of a component args path (table syntax), or undefined where the args have no such setting. */
function componentSpec(argPath: string): Spec | undefined {
    let spec: Spec | undefined = { properties: schema.resources["eks-nodegroup:index:ManagedNodeGroup"].inputProperties };
    for (const s of segmentsOf(argPath)) {
        spec = deref(spec!).properties?.[s.name];
        if (spec === undefined) return undefined;
        spec = deref(spec);
        if (s.each === "[]") spec = spec.items && deref(spec.items);
        else if (s.each === "{value}") spec = spec.additionalProperties && deref(spec.additionalProperties);
        else if (s.each === "{key}") spec = spec.additionalProperties ? { type: "string" } : undefined;
        if (spec === undefined) return undefined;
    }
    return spec;
}

/** The component's setting takes the model's values as they are: strings for strings (its enum within the model's), whole numbers, maps, lists. */
function sameVocabulary(spec: Spec, c: AwsConstraint): boolean {
    if (c.type === "string") {
        if (spec.type !== "string") return false;
        return spec.enum === undefined || c.enum === undefined || spec.enum.every((e) => c.enum!.includes((e as { value: string }).value));
    }
    if (c.type === "integer") return spec.type === "integer";
    if (c.type === "map") return spec.type === "object" && spec.additionalProperties !== undefined;
    return spec.type === "array";
}

const COMPONENT_LAUNCH_TEMPLATE_KEYS = new Set(Object.keys(schema.types["eks-nodegroup:index:LaunchTemplate"].properties ?? {}));
const COMPONENT_NODE_GROUP_KEYS = new Set(Object.keys(schema.resources["eks-nodegroup:index:ManagedNodeGroup"].inputProperties));

/**
 * Where the component's args hold a table path: its args path (table syntax, the node group's
 * prefix dropped), "override" for an input the component does not type (given in the overrides,
 * in AWS's names), or null where no user value of the model's form reaches AWS, or undefined where
 * the component writes the input from settings of its own (an override of it is refused by
 * overrides-inputs, which names them: blockDeviceMappings from rootVolume and dataVolumes).
 */
function componentHome(tablePath: string): string | "override" | null | undefined {
    if (Object.hasOwn(COMPONENT_PATHS, tablePath)) return COMPONENT_PATHS[tablePath];
    // The Subject's user data is the args' content (decoded text in both doors).
    if (tablePath === "launchTemplate.userData") return "launchTemplate.userData.content";
    const [side, ...rest] = tablePath.split(".");
    const top = segmentsOf(rest.join("."))[0].name;
    if (side === "launchTemplate") {
        if (COMPONENT_LAUNCH_TEMPLATE_KEYS.has(top)) return tablePath;
        return Object.hasOwn(OVERRIDE_OWNED.launchTemplate, top) ? undefined : "override";
    }
    if (COMPONENT_NODE_GROUP_KEYS.has(top)) return rest.join(".");
    return Object.hasOwn(OVERRIDE_OWNED.nodeGroup, top) ? undefined : "override";
}

// --- values that break each constraint ----------------------------------------------------------

interface Breaking { what: string; value: unknown }

function breaking(c: AwsConstraint): Breaking[] {
    const out: Breaking[] = [];
    if (c.minLength !== undefined && c.minLength > 0) out.push({ what: "too short", value: "" });
    if (c.maxLength !== undefined) out.push({ what: "too long", value: "a".repeat(c.maxLength + 1) });
    if (c.maxBytes !== undefined) out.push({ what: "too many bytes", value: "a".repeat(c.maxBytes + 1) });
    if (c.reservedPrefix !== undefined) out.push({ what: "reserved prefix", value: `${c.reservedPrefix.toUpperCase()}x` });
    if (c.enum !== undefined) out.push({ what: "not in the enum", value: "not-in-the-model" });
    if (c.pattern !== undefined) out.push({ what: "against the pattern", value: "!" });
    if (c.min !== undefined) out.push({ what: "too small", value: c.min - 1 });
    if (c.max !== undefined) out.push({ what: "too large", value: c.max + 1 });
    if (c.maxItems !== undefined) {
        const n = c.maxItems + 1;
        out.push({ what: "too many", value: c.type === "map" ? Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"])) : Array.from({ length: n }, () => "a") });
    }
    // minItems: an empty list or map is not sent (the provider omits it); no member states more than one.
    if (c.minItems !== undefined) expect(c.minItems, "a minimum count above one").to.be.at.most(1);
    return out;
}

/**
 * What a value needs beside it for its owner to judge it: a throughput is gp3's (ebs-volumes checks
 * each type's range, and a volume of no stated type has none to check against).
 */
const BESIDE: Record<string, Record<string, unknown>> = {
    "launchTemplate.blockDeviceMappings[].ebs.throughput": { volumeType: "gp3" },
};

/** A props object holding `value` at a table path (after its side), and the concrete path it sits at. */
function build(rest: string, value: unknown, beside: Record<string, unknown> = {}): { props: Record<string, unknown>; at: string } {
    const segs = segmentsOf(rest);
    let at = "";
    const make = (i: number): unknown => {
        if (i === segs.length) return value;
        const s = segs[i];
        at += `${at === "" ? "" : "."}${s.name}`;
        if (s.each === "[]") {
            at += "[0]";
            return { [s.name]: [make(i + 1)] };
        }
        if (s.each === "{key}") {
            at += `["${value as string}"]`;
            return { [s.name]: { [value as string]: "v" } };
        }
        if (s.each === "{value}") {
            at += '["k"]';
            return { [s.name]: { k: make(i + 1) } };
        }
        return { [s.name]: make(i + 1), ...(i === segs.length - 1 ? beside : {}) };
    };
    const nested = make(0) as Record<string, unknown>;
    return { props: nested, at };
}

const covers = (reported: string, at: string) => reported === at || at.startsWith(`${reported}.`) || at.startsWith(`${reported}[`);
const checkerOf = (tablePath: string) => OWNED[tablePath] ?? (tablePath.startsWith("nodeGroup.") ? "ng-api-limits" : "lt-api-limits");

describe("the AWS model constraints table", () => {
    it("was generated for the @pulumi/aws that package.json pins for development, from named botocore models (run scripts/awssdk aws-constraints)", () => {
        const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
        expect(AWS_CONSTRAINTS_TABLE.pulumiAws).to.equal(pkg.devDependencies["@pulumi/aws"]);
        expect(AWS_CONSTRAINTS_TABLE.sources).to.have.length(2);
        for (const s of AWS_CONSTRAINTS_TABLE.sources) expect(s).to.match(/^botocore \d+\.\d+\.\d+ \(PyPI\) botocore\/data\/(eks|ec2)\/\d{4}-\d\d-\d\d\/service-2\.json\.gz, operations .* \(uploaded \d{4}-\d\d-\d\d; /);
        expect(CONSTRAINED_PATHS.length).to.be.greaterThan(50);
    });

    it("names inputs the pinned @pulumi/aws declares, at every path", () => {
        const missing = CONSTRAINED_PATHS.filter((p) => {
            const [side, ...rest] = p.split(".");
            return !declared(side as "nodeGroup" | "launchTemplate", rest.join("."));
        });
        expect(missing).to.deep.equal([]);
    });

    it("the rules the table names as owners exist and say they read the member", () => {
        for (const [p, id] of Object.entries(OWNED)) {
            expect(CONSTRAINED_PATHS, p).to.include(p);
            expect(catalogue.map((r) => r.id), p).to.include(id);
        }
        // Every constrained member is checked: by its owner, or by the generated family.
        for (const p of CONSTRAINED_PATHS) expect(Object.hasOwn(OWNED, p) !== CHECKED.includes(p), p).to.equal(true);
    });

    it("the component holds each member as AWS takes it, or COMPONENT_PATHS says where it does not", () => {
        for (const p of CONSTRAINED_PATHS) {
            const home = componentHome(p);
            const c = awsConstraint(p);
            if (home === "override" || home === undefined) continue; // AWS's names and values, as the pack's; or not the user's
            if (home === null) {
                // Not the user's to get wrong in the model's form: the component writes it, or takes another type and converts it.
                const spec = componentSpec(p);
                expect(spec === undefined || !sameVocabulary(spec, c), `${p}: the component takes it as AWS does; check it`).to.equal(true);
                continue;
            }
            const spec = componentSpec(home);
            // A setting the component's args cannot express is refused by args-schema (an unknown name).
            if (spec !== undefined) expect(sameVocabulary(spec, c), `${p} at ${home}: ${JSON.stringify(spec)}`).to.equal(true);
        }
    });

    it("positions finds every element and key, and skips what is not known", () => {
        const subject = { nodeGroup: { taints: [{ key: "a" }, { key: "b" }], tags: { x: "1", y: "2" } } };
        expect(positions(subject, "nodeGroup.taints[].key").map((p) => p.path)).to.deep.equal(["nodeGroup.taints[0].key", "nodeGroup.taints[1].key"]);
        expect(positions(subject, "nodeGroup.tags{key}").map((p) => p.value)).to.deep.equal(["x", "y"]);
        expect(positions(subject, "nodeGroup.tags{value}").map((p) => p.path)).to.deep.equal(['nodeGroup.tags["x"]', 'nodeGroup.tags["y"]']);
        expect(positions({ nodeGroup: { taints: "nope" } }, "nodeGroup.taints[].key")).to.deep.equal([]);
    });

    it("accepts the limits themselves, and messages in the pack show no string", () => {
        for (const p of CONSTRAINED_PATHS) {
            const c = awsConstraint(p);
            if (c.maxLength !== undefined) expect(problemOf("a".repeat(c.maxLength), c, "x"), p).to.equal(undefined);
            if (c.min !== undefined) expect(problemOf(c.min, c, "x"), p).to.equal(undefined);
            if (c.max !== undefined) expect(problemOf(c.max, c, "x"), p).to.equal(undefined);
            for (const e of c.enum ?? []) expect(problemOf(e, c, "x"), p).to.equal(undefined);
            if (c.enum !== undefined) expect(withValuesWithheld(() => problemOf("secret-value", c, "x"))).to.not.contain("secret-value");
        }
    });
});

describe("every AWS model constraint is checked, in both doors", () => {
    for (const tablePath of CONSTRAINED_PATHS) {
        const c = awsConstraint(tablePath);
        const [side, ...restParts] = tablePath.split(".");
        const rest = restParts.join(".");
        const checker = checkerOf(tablePath);
        for (const b of breaking(c)) {
            it(`pack: ${tablePath} ${b.what} → ${checker}`, async () => {
                if (c.pattern !== undefined && b.what === "against the pattern") expect(new RegExp(c.pattern, "u").test(b.value as string)).to.equal(false);
                const { props, at } = build(rest, b.value, BESIDE[tablePath]);
                const lt = side === "launchTemplate" ? merge(BASE_LAUNCH_TEMPLATE, props) : BASE_LAUNCH_TEMPLATE;
                const ng = side === "nodeGroup" ? merge(BASE_NODE_GROUP, props) : BASE_NODE_GROUP;
                const rule = catalogue.find((r) => r.id === checker)!;
                const reported = (await validate(policyFor(rule), stack(lt, ng))).map((v) => /^\[[^\]]+\] (.+?): /.exec(v.message)?.[1] ?? "");
                expect(reported.some((r) => covers(r, at)), `${at} in ${JSON.stringify(reported)}`).to.equal(true);
            });
            const home = componentHome(tablePath);
            if (home === null || home === undefined || (home !== "override" && componentSpec(home) === undefined)) continue;
            it(`component: ${tablePath} ${b.what} → ${checker}`, async () => {
                const args = home === "override"
                    ? { [side === "nodeGroup" ? "nodeGroupOverrides" : "launchTemplateOverrides"]: build(rest, b.value).props }
                    : build(home, b.value).props;
                const at = home === "override"
                    ? `${side === "nodeGroup" ? "nodeGroupOverrides" : "launchTemplateOverrides"}.${build(rest, b.value).at}`
                    : build(home, b.value).at;
                const shownAt = at;
                const r = await run(() => merge(baseArgs(), args), { preview: true });
                const reported = r.review.findings.filter((f) => f.ruleId === checker || f.ruleId === "args-schema")
                    .map((f) => f.path.replace(/^nodeGroup\./, "").replace(/^launchTemplate\.userData$/, "launchTemplate.userData.content"));
                expect(reported.some((p) => covers(p, shownAt)), `${shownAt} in ${JSON.stringify(r.review.findings.map((f) => `${f.ruleId} ${f.path}`))}`).to.equal(true);
            });
        }
    }
});
