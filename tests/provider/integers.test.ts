// Every property schema.json types `integer` (declared `Integer` in src/args.ts) is refused with a
// fraction by a rule at its own path: the SDKs of the other languages send whole numbers, but a
// TypeScript program or a YAML one can send 2.5, and EKS or EC2 would refuse it at deploy.
import { expect } from "chai";
import { readFileSync } from "fs";
import { SCHEMA_FILE } from "../../src/provider";
import { review } from "../../src/model/review";
import { baseArgs } from "../support/harness";

interface Property { type?: string; $ref?: string; items?: Property }
interface SchemaObject { properties?: Record<string, Property>; inputProperties?: Record<string, Property> }
const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as { resources: Record<string, SchemaObject>; types: Record<string, SchemaObject> };

/** Paths (`a.b`, `a[].b` for list items) of every integer property reachable from the component's inputs. */
function integerPaths(properties: Record<string, Property>, prefix: string, seen: Set<string>): string[] {
    const paths: string[] = [];
    for (const [name, property] of Object.entries(properties)) {
        let p: Property = property;
        let path = `${prefix}${name}`;
        while (p.items) { p = p.items; path += "[]"; }
        if (p.type === "integer") paths.push(path);
        if (p.$ref && !seen.has(p.$ref)) {
            const type = schema.types[p.$ref.replace("#/types/", "")];
            if (type?.properties) paths.push(...integerPaths(type.properties, `${path}.`, new Set([...seen, p.$ref])));
        }
    }
    return paths;
}

/** baseArgs with a value at the path (list items as a one-element list), intermediate objects created. */
function withValue(path: string, value: unknown): Record<string, unknown> {
    const args = baseArgs() as unknown as Record<string, unknown>;
    let at: Record<string, unknown> = args;
    const parts = path.split(".");
    parts.forEach((part, i) => {
        const list = part.endsWith("[]");
        const key = part.replace(/\[\]$/, "");
        const last = i === parts.length - 1;
        if (last) { at[key] = list ? [value] : value; return; }
        const next: Record<string, unknown> = { ...(at[key] as object | undefined) };
        at[key] = list ? [next] : next;
        at = next;
    });
    return args;
}

describe("integer properties", () => {
    const paths = integerPaths(Object.values(schema.resources)[0].inputProperties ?? {}, "", new Set());

    it("are found in schema.json (the Integer declarations reached the schema)", () => {
        expect(paths).to.include.members(["scalingConfig.minSize", "launchTemplate.rootVolume.sizeGib", "launchTemplate.dataVolumes[].sizeGib"]);
        expect(paths.length).to.be.greaterThan(20);
    });

    for (const path of integerPaths(Object.values(schema.resources)[0].inputProperties ?? {}, "", new Set())) {
        it(`${path}: a fraction is refused at that path`, async () => {
            const findings = (await review(withValue(path, 2.5))).findings;
            const at = path.replace(/\[\]/g, "[0]");
            const here = findings.filter((f) => f.severity === "error" && f.path === at);
            expect(here.length, `findings: ${JSON.stringify(findings.map((f) => [f.ruleId, f.path, f.message]))}`).to.be.greaterThan(0);
        });
    }
});
