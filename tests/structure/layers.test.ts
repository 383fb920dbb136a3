// The rooms of src/ as floors, lowest first: a module may import from its own room and from rooms on
// lower floors, never from a room above it or beside it. So data flows one way (args → resolve →
// spec → review → builders → children), a primitive needs nothing of the pipeline, and no two
// rooms import each other. README.md's Layout section describes each room.
import { expect } from "chai";
import { readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "../../src");

/** Floors, lowest first; rooms on one floor may not import each other. */
const FLOORS: string[][] = [
    ["base"], // primitives and value guards: maybe, memo, unknown, values, paths, token, deferred
    ["args", "data"], // the public args; generated tables
    ["facts"], // instance types, AMI types, EBS, max-pods, defaults, grammars of boot values, AWS inputs
    ["userdata"], // one renderer per OS family, MIME, the owner map
    ["rules"], // the rule catalogue
    ["model"], // the pipeline: resolve → spec → review; diagnostics
    ["build"], // launch template and node group inputs, the children
    ["component", "cluster"], // ManagedNodeGroup; fromEksCluster
    ["validate"], // validate(args) and the mock runtime it runs in
    ["impact"], // what a change does to running nodes
    ["plan", "policy", "provider", "index", "testing"], // the doors
];

function roomOf(file: string): string {
    const first = path.relative(SRC, file).split(path.sep)[0];
    return first.replace(/\.ts$/, "");
}

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return sources(full);
        return name.endsWith(".ts") ? [full] : [];
    });
}

/** Every relative module a file names: static imports and exports, require(), import() and `typeof import()`. */
function relativeSpecifiers(text: string): string[] {
    const found: string[] = [];
    const re = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)"(\.{1,2}\/[^"]*)"/g;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push(m[1]);
    return found;
}

describe("the rooms of src/ as floors", () => {
    const floorOf = new Map<string, number>();
    FLOORS.forEach((rooms, i) => rooms.forEach((room) => floorOf.set(room, i)));
    const files = sources(SRC);

    it("every room in src/ has a floor", () => {
        const rooms = new Set(files.map(roomOf));
        expect([...rooms].filter((r) => !floorOf.has(r)), "rooms missing from FLOORS").to.deep.equal([]);
    });

    it("no import runs upward or sideways", () => {
        const wrong: string[] = [];
        for (const file of files) {
            const from = roomOf(file);
            for (const spec of relativeSpecifiers(readFileSync(file, "utf8"))) {
                const target = path.resolve(path.dirname(file), spec);
                if (!target.startsWith(SRC + path.sep)) continue; // schema.json, package.json
                const to = roomOf(target);
                if (to === from) continue;
                if (!(floorOf.get(to)! < floorOf.get(from)!)) wrong.push(`${path.relative(SRC, file)} imports ${spec} (${from} → ${to})`);
            }
        }
        expect(wrong).to.deep.equal([]);
    });

    it("the check sees an upward import (so it can fail)", () => {
        const text = 'import { review } from "../model/review";';
        const [spec] = relativeSpecifiers(text);
        const from = roomOf(path.join(SRC, "rules/x.ts"));
        const to = roomOf(path.resolve(path.join(SRC, "rules"), spec));
        expect(floorOf.get(to)! < floorOf.get(from)!).to.equal(false);
    });
});
