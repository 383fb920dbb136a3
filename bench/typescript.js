#!/usr/bin/env node
// npm run bench:typescript — the TypeScript door and the policy pack through the real engine: `pulumi
// preview` of a TypeScript program run inline by the Automation API (the CLI built by
// scripts/build-tools.sh, a file backend, `aws` served by the mock in tests/e2e/support/awsmock.ts —
// the same set-up as tests/e2e), this process being the program's language runtime.
//
// TypeScript door: N ManagedNodeGroups (examples/plans/al2023.yaml) against the N launch templates
// and node groups they create written raw (the plan command's inputs and options), and, as context,
// "parented": those raw pairs each under a bare ComponentResource that registers outputs — the extra
// resource and outputs a component has, with none of its logic.
// Policy pack: N = 10 raw pairs beside 200 unrelated resources (security groups), previewed with the
// pack (its executable form, policy/pulumi-analyzer-eks-nodegroup) and without; beside them, three
// packs started the same way (the same SDK stand-ins and decoding once) that bound what the pack can
// cost: the empty pack (@pulumi/policy serving no policy: what any pack costs), the floor pack (as
// many stack policies as ours, doing nothing: what one policy per rule costs in @pulumi/policy), and
// "one policy" (every rule of ours run by a single stack policy: what giving up per-rule enforcement
// levels would buy); and each pack's start-up apart: launch to the port it prints.
//
// Cases alternate within each run, after one warm-up each; medians and spread (min–max) of wall time
// and of the CPU time of the whole process tree: this process (the program), the CLI and what it
// reaped (the pack), and the aws mock. Writes the "TypeScript door" and "Policy pack" sections of
// bench/results.md (BENCH_OUT to write elsewhere).
//
// Needs the CLI on PATH: PATH="$(scripts/build-tools.sh pulumi | tail -n 1):$PATH".
// BENCH_TS_SIZES=1,10 BENCH_TS_RUNS=1 BENCH_POLICY_RUNS=1 for a quick run (CI); BENCH_TS_PARTS=pack
// (or door) for one part only (the other section of bench/results.md is left as it is).
"use strict";
require("tsx/cjs"); // the e2e support modules are TypeScript
const fs = require("fs");
const os = require("os");
const path = require("path");
const { median, spread, writeSection } = require("./stats");
const { launch } = require("./launch");
const { engine, POLICY_ANALYZER, requireCli } = require("../tests/e2e/support/engine");

const ROOT = path.resolve(__dirname, "..");
const SIZES = (process.env.BENCH_TS_SIZES ?? "1,10,50").split(",").map(Number);
const RUNS = Number(process.env.BENCH_TS_RUNS ?? 5);
const POLICY_RUNS = Number(process.env.BENCH_POLICY_RUNS ?? 9);
const OUT = process.env.BENCH_OUT ?? path.join(__dirname, "results.md");
const PARTS = (process.env.BENCH_TS_PARTS ?? "door,pack").split(",");
const DEFINITION = path.join(ROOT, "examples/plans/al2023.yaml");
const POLICY_PAIRS = 10, UNRELATED = 200;
const TARGETS = { n50: 1.10, perGroup: 1.2, pack: 1.15, packReadyMs: 250 };

/** CPU seconds of a process from /proc: its own (utime, stime) and its reaped children's (cutime, cstime). */
function procCpu(pid) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const tick = 100; // USER_HZ on Linux
    return { own: (Number(f[11]) + Number(f[12])) / tick, children: (Number(f[13]) + Number(f[14])) / tick };
}

/** This process (all threads), what it reaped (the CLI and what the CLI reaped), and the mock. */
function treeCpu(mockPid) {
    const self = process.cpuUsage();
    return (self.user + self.system) / 1e6 + procCpu(process.pid).children + procCpu(mockPid).own;
}

async function timed(mockPid, fn) {
    const cpu0 = treeCpu(mockPid), t0 = process.hrtime.bigint();
    await fn();
    return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: treeCpu(mockPid) - cpu0 };
}

// --- the programs --------------------------------------------------------------------------------

function inputs() {
    const definition = require("yaml").parse(fs.readFileSync(DEFINITION, "utf8"));
    const { validate } = require(path.join(ROOT, "bin/validate"));
    return validate(definition, { name: "al2023" }).then((plan) => {
        const lt = plan.resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate");
        const ng = plan.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup");
        return { definition, lt: lt.inputs, ng: ng.inputs, ngOptions: ng.options };
    });
}

/**
 * A pack started as ours is (the SDK stand-ins, the user-data parsers deferred, decoding once) serving
 * the `policies` expression: what @pulumi/policy itself costs with those policies.
 */
function comparisonPack(dir, name, policies) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    dir = path.join(dir, name);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.1.0" }));
    fs.writeFileSync(path.join(dir, "index.js"), [
        `const lazy = require(${JSON.stringify(path.join(ROOT, "bin/base/lazysdk"))});`,
        "lazy.deferUnusedSdkModules(); lazy.deferUserDataParsers();",
        `const { PolicyPack } = require(${JSON.stringify(require.resolve("@pulumi/policy"))});`,
        `require(${JSON.stringify(path.join(ROOT, "bin/policy/decodeonce"))}).decodeEachResourceOnce();`,
        `new PolicyPack(${JSON.stringify(name)}, { policies: ${policies} });`,
    ].join("\n") + "\n");
    const exe = path.join(dir, `pulumi-analyzer-${name}`);
    fs.writeFileSync(exe, `#!/bin/sh\ncd ${JSON.stringify(dir)} || exit 1\nexec node ./index.js "$@"\n`, { mode: 0o755 });
    return exe;
}

/** The three packs beside ours: no policy, as many that do nothing, and all our rules in one policy. */
function comparisonPacks(dir, count) {
    const ours = JSON.stringify(path.join(ROOT, "bin/policy"));
    return {
        empty: comparisonPack(dir, "empty", "[]"),
        floor: comparisonPack(dir, "floor", `Array.from({ length: ${count} }, (_, i) => ({ name: "floor-" + i, description: "does nothing", enforcementLevel: "advisory", validateStack() {} }))`),
        // Advisory: the bench's stack draws warnings only, and a mandatory one would fail the preview.
        one: comparisonPack(dir, "one", `((each) => [{ name: "all-rules", description: "every rule", enforcementLevel: "advisory", ` +
            `validateStack: (args, report) => { for (const p of each) p.validateStack(args, report); } }])(require(${ours}).policies)`),
    };
}

/** The raw pair a team writes without the component; `parent` when under a bare component. */
function rawPair(aws, x, i, parent) {
    const lt = new aws.ec2.LaunchTemplate(`lt${i}`, x.lt, { parent });
    // The plan's options but its replacementTrigger (a description, not a resource option).
    const ng = new aws.eks.NodeGroup(`ng${i}`, { ...x.ng, launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) } }, { deleteBeforeReplace: x.ngOptions.deleteBeforeReplace, parent });
    return { lt, ng };
}

function programs(x) {
    return {
        raw: (n) => async () => {
            const aws = require("@pulumi/aws");
            for (let i = 0; i < n; i++) rawPair(aws, x, i);
        },
        component: (n) => async () => {
            const { ManagedNodeGroup } = require(path.join(ROOT, "bin"));
            for (let i = 0; i < n; i++) new ManagedNodeGroup(`ng${i}`, x.definition);
        },
        parented: (n) => async () => {
            const aws = require("@pulumi/aws");
            const pulumi = require("@pulumi/pulumi");
            for (let i = 0; i < n; i++) {
                const parent = new pulumi.ComponentResource("bench:index:Parent", `ng${i}`);
                const { lt, ng } = rawPair(aws, x, i, parent);
                parent.registerOutputs({ launchTemplateId: lt.id, launchTemplateVersion: lt.latestVersion, nodeGroupName: ng.nodeGroupName, nodeGroupArn: ng.arn, status: ng.status });
            }
        },
        unrelatedBeside: () => async () => {
            const aws = require("@pulumi/aws");
            for (let i = 0; i < POLICY_PAIRS; i++) rawPair(aws, x, i);
            for (let i = 0; i < UNRELATED; i++) new aws.ec2.SecurityGroup(`sg${i}`, { description: `unrelated ${i}`, vpcId: "vpc-0a1b2c3d4e5f60718" });
        },
    };
}

// --- measuring -----------------------------------------------------------------------------------

async function main() {
    requireCli();
    const [mockChild, mockPort] = await launch(process.execPath, ["--require", "tsx/cjs", path.join(ROOT, "tests/e2e/support/awsmock.ts")]);
    const mock = { port: mockPort, stop: () => mockChild.kill() };
    const e = await engine(mock, "eks-nodegroup-bench");
    const lines = [];
    const say = (l = "") => { lines.push(l); process.stdout.write(l + "\n"); };
    const load = os.loadavg().map((l) => l.toFixed(1)).join(", ");
    try {
        const x = await inputs();
        const p = programs(x);
        // The TypeScript door.
        const door = {};
        for (const n of PARTS.includes("door") ? SIZES : []) {
            const kinds = ["raw", "component", "parented"];
            const stacks = {};
            for (const kind of kinds) stacks[kind] = await e.stack(`${kind}-${n}`, p[kind](n));
            for (const kind of kinds) await stacks[kind].preview(); // warm-up
            const m = { raw: [], component: [], parented: [] };
            for (let run = 0; run < RUNS; run++) {
                for (let k = 0; k < kinds.length; k++) {
                    const kind = kinds[(run + k) % kinds.length];
                    m[kind].push(await timed(mockChild.pid, () => stacks[kind].preview()));
                }
            }
            door[n] = m;
            process.stderr.write(`N=${n}: ${kinds.map((k) => `${k} ${median(m[k].map((s) => s.wall)).toFixed(2)} s`).join(", ")}\n`);
        }
        // The policy pack: with ÷ without (and the comparison packs), then each pack's start-up alone.
        let pack, ready;
        if (PARTS.includes("pack")) {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-nodegroup-bench-packs-"));
            const packs = { with: POLICY_ANALYZER, ...comparisonPacks(dir, require(path.join(ROOT, "bin/policy")).policies.length) };
            const stack = await e.stack("policy", p.unrelatedBeside());
            const cases = { without: () => stack.preview() };
            for (const [kind, exe] of Object.entries(packs)) cases[kind] = () => stack.preview({ policyPacks: [exe] });
            const kinds = Object.keys(cases);
            for (const run of Object.values(cases)) await run(); // warm-up
            pack = Object.fromEntries(kinds.map((k) => [k, []]));
            for (let run = 0; run < POLICY_RUNS; run++) {
                for (let k = 0; k < kinds.length; k++) {
                    const kind = kinds[(run + k) % kinds.length];
                    pack[kind].push(await timed(mockChild.pid, cases[kind]));
                }
            }
            const starts = Object.entries(packs);
            ready = Object.fromEntries(starts.map(([k]) => [k, []]));
            for (let i = 0; i < Math.max(POLICY_RUNS, 5); i++) {
                for (let k = 0; k < starts.length; k++) {
                    const [key, exe] = starts[(i + k) % starts.length];
                    const [child, , ms] = await launch(exe, ["127.0.0.1:0"]);
                    child.kill();
                    ready[key].push(ms);
                }
            }
            fs.rmSync(dir, { recursive: true, force: true });
        }
        report(say, door, pack, ready, load, os.loadavg().map((l) => l.toFixed(1)).join(", "));
    } finally {
        mock.stop();
        e.dispose();
    }
    const cut = lines.indexOf("## Policy pack (real engine)");
    if (PARTS.includes("door")) writeSection(OUT, "## TypeScript door (real engine)", lines.slice(0, cut));
    if (PARTS.includes("pack")) writeSection(OUT, "## Policy pack (real engine)", lines.slice(cut));
}

const met = (ok) => (ok ? "met" : "NOT met");

function report(say, door, pack, ready, loadBefore, loadAfter) {
    const wall = (m, kind) => median(m[kind].map((s) => s.wall));
    const cpu = (m, kind) => median(m[kind].map((s) => s.cpu));
    const cell = (m, kind) => `${wall(m, kind).toFixed(2)} (${spread(m[kind].map((s) => s.wall))})`;
    const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}; load average ${loadBefore} at the start, ${loadAfter} at the end`;
    say("## TypeScript door (real engine)");
    say();
    say("`npm run bench:typescript` — `pulumi preview` of a TypeScript program run inline by the Automation API, `aws` mocked " +
        `(tests/e2e/support/awsmock.ts): N ManagedNodeGroups (examples/plans/al2023.yaml) against the N launch templates and node groups they create written raw; ` +
        `parented: each raw pair under a bare ComponentResource registering outputs (the component's extra resource, none of its logic). ${RUNS} alternating runs after a warm-up; ${machine}. ` +
        "CPU: the whole process tree (the program, the CLI, the aws mock).");
    say();
    say("| N | raw wall s (spread) | component wall s (spread) | parented wall s (spread) | component ÷ raw | parented ÷ raw | component ÷ parented | raw CPU s | component CPU s | parented CPU s |");
    say("|---|---|---|---|---|---|---|---|---|---|");
    const sizes = Object.keys(door).map(Number);
    for (const n of sizes) {
        const m = door[n];
        say(`| ${n} | ${cell(m, "raw")} | ${cell(m, "component")} | ${cell(m, "parented")} | ${(wall(m, "component") / wall(m, "raw")).toFixed(2)}× | ` +
            `${(wall(m, "parented") / wall(m, "raw")).toFixed(2)}× | ${(wall(m, "component") / wall(m, "parented")).toFixed(2)}× | ` +
            `${cpu(m, "raw").toFixed(2)} | ${cpu(m, "component").toFixed(2)} | ${cpu(m, "parented").toFixed(2)} |`);
    }
    say();
    if (door[50]) {
        const r = wall(door[50], "component") / wall(door[50], "raw");
        say(`- component ÷ raw at N = 50: ${r.toFixed(2)}× (target ≤ ${TARGETS.n50}×; parented ${(wall(door[50], "parented") / wall(door[50], "raw")).toFixed(2)}×): **${met(r <= TARGETS.n50)}**`);
    }
    const lo = Math.min(...sizes), hi = Math.max(...sizes);
    if (hi > lo) {
        const per = (kind) => (wall(door[hi], kind) - wall(door[lo], kind)) / (hi - lo);
        const r = per("component") / per("raw");
        say(`- cost per extra node group, N = ${lo} → ${hi}: component ${(per("component") * 1000).toFixed(1)} ms, raw ${(per("raw") * 1000).toFixed(1)} ms, ` +
            `parented ${(per("parented") * 1000).toFixed(1)} ms (${(per("parented") / per("raw")).toFixed(2)}×): ${r.toFixed(2)}× raw's (target ≤ ${TARGETS.perGroup}×): **${met(r <= TARGETS.perGroup)}**`);
    }
    say();
    say("## Policy pack (real engine)");
    say();
    if (pack === undefined) return;
    say(`\`npm run bench:typescript\` (\`BENCH_TS_PARTS=pack\` for this part alone) — \`pulumi preview\` of a TypeScript program (Automation API, inline, \`aws\` mocked) declaring ${POLICY_PAIRS} raw launch template + node group ` +
        `pairs beside ${UNRELATED} unrelated resources (security groups), without a pack and with the pack (executable form, policy/pulumi-analyzer-eks-nodegroup); ` +
        `beside them three packs started as ours is (SDK stand-ins, parsers deferred, decoding once): the empty pack (@pulumi/policy serving no policy: what any pack costs), ` +
        `the floor pack (as many stack policies as ours that do nothing: what one policy per rule costs in @pulumi/policy) and "one policy" (all our rules run by a single stack policy). ` +
        `${POLICY_RUNS} alternating runs after a warm-up; ${machine}. CPU: the whole process tree (the program, the CLI and the pack it starts, the aws mock). ` +
        "Pack ready: from launching the executable to the port it prints (the engine waits for that before the program runs).");
    say();
    say("| case | wall s (spread) | CPU s (spread) | wall ÷ without | CPU ÷ without | ready ms (spread) |");
    say("|---|---|---|---:|---:|---|");
    const label = { without: "without a pack", with: "with the pack", empty: "empty pack", floor: "floor pack", one: "one policy, every rule" };
    const ms = (k) => (ready[k] ? `${median(ready[k]).toFixed(0)} (${Math.min(...ready[k]).toFixed(0)}–${Math.max(...ready[k]).toFixed(0)})` : "");
    const ratio = (kind) => [wall(pack, kind) / wall(pack, "without"), cpu(pack, kind) / cpu(pack, "without")];
    for (const kind of Object.keys(label).filter((k) => pack[k])) {
        const [w, c] = ratio(kind);
        say(`| ${label[kind]} | ${cell(pack, kind)} | ${cpu(pack, kind).toFixed(2)} (${spread(pack[kind].map((s) => s.cpu))}) | ${w.toFixed(2)}× | ${c.toFixed(2)}× | ${ms(kind)} |`);
    }
    say();
    const [w, c] = ratio("with"), [ew, ec] = ratio("empty"), [fw, fc] = ratio("floor"), [ow, oc] = ratio("one");
    const floorNote = ew > TARGETS.pack ? `; below what any pack can do here: the empty pack alone is ${ew.toFixed(2)}× wall, ${ec.toFixed(2)}× CPU` : `; the empty pack ${ew.toFixed(2)}× wall, ${ec.toFixed(2)}× CPU`;
    say(`- with ÷ without: ${w.toFixed(2)}× wall, ${c.toFixed(2)}× CPU (target ≤ ${TARGETS.pack}× wall${floorNote}; the floor pack ${fw.toFixed(2)}× wall, ${fc.toFixed(2)}× CPU; ` +
        `one policy ${ow.toFixed(2)}× wall, ${oc.toFixed(2)}× CPU): **${met(w <= TARGETS.pack)}**`);
    say(`- the pack over the floor pack (our rules' own cost): ${(wall(pack, "with") / wall(pack, "floor")).toFixed(2)}× wall, ${(cpu(pack, "with") / cpu(pack, "floor")).toFixed(2)}× CPU`);
    say(`- pack ready after launch: ${median(ready.with).toFixed(0)} ms (${spread(ready.with.map((v) => v / 1000))} s over ${ready.with.length}; the empty pack ${median(ready.empty).toFixed(0)} ms, ` +
        `the floor pack ${median(ready.floor).toFixed(0)} ms) (target ≤ ${TARGETS.packReadyMs} ms): **${met(median(ready.with) <= TARGETS.packReadyMs)}**`);
}

main().catch((err) => { process.stderr.write(`${err.stack ?? err}\n`); process.exitCode = 1; });
