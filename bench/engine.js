#!/usr/bin/env node
// npm run bench:engine — the component against the same raw resources through the real Pulumi engine:
// `pulumi preview` of a YAML program with N ManagedNodeGroups (the component provider) and of one
// with the N launch templates and node groups they create, written out raw (the plan command's
// inputs for examples/plans/al2023.yaml), `aws` served by the mock in tests/e2e/support/awsmock.ts.
// Beside them the floor one Node.js provider process sets: the same YAML program served by
// bench/floor-provider.js, which starts as the real provider does and constructs nothing; and
// "bare": the same provider registering the component's two children with fixed inputs through the
// SDK and nothing else — the component minus its own logic (review, rendering, rules).
// Cases alternate within each run; medians and spread (min–max) of wall time and of the CPU time of
// the whole process tree (GNU time: the CLI, the YAML host, every provider process it reaped); the
// provider's start-up (launch to port) measured apart. Writes the "Real engine" section of
// bench/results.md (BENCH_OUT to write elsewhere).
//
// Needs the CLI and the YAML host on PATH: PATH="$(scripts/build-tools.sh pulumi yaml | tail -n 1):$PATH".
// BENCH_ENGINE_SIZES=1,10 BENCH_ENGINE_RUNS=1 for a quick run (CI).
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SIZES = (process.env.BENCH_ENGINE_SIZES ?? "1,10,50").split(",").map(Number);
const RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 5);
const OUT = process.env.BENCH_OUT ?? path.join(__dirname, "results.md");
const DEFINITION = path.join(ROOT, "examples/plans/al2023.yaml");
// Component ÷ bare at every N: the component against the floor any Node.js provider has (the SDK
// registering the same children). Ratios to raw stay in the table as context: no Node.js provider
// reaches them (issue 28).
const TARGETS = { bare: 1.10, readyMs: 500 };

const { median, spread, writeSection } = require("./stats");
const { launch } = require("./launch");

function requireTools() {
    for (const tool of ["pulumi", "pulumi-language-yaml"]) {
        if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
            throw new Error(`${tool} is not on PATH: PATH="$(scripts/build-tools.sh pulumi yaml | tail -n 1):$PATH" npm run bench:engine`);
        }
    }
}

// --- the programs --------------------------------------------------------------------------------

const yamlText = (v) => JSON.stringify(v); // JSON is YAML, and quotes every string
function writeProgram(dir, name, resources, providerPath) {
    fs.mkdirSync(dir, { recursive: true });
    const lines = [`name: ${name}`, "runtime: yaml"];
    if (providerPath) lines.push("plugins:", "  providers:", "    - name: eks-nodegroup", `      path: ${yamlText(providerPath)}`);
    lines.push("resources:");
    for (const [key, r] of Object.entries(resources)) lines.push(`  ${key}:`, `    type: ${r.type}`, `    properties: ${yamlText(r.properties)}`);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), lines.join("\n") + "\n");
}

function programs(work, n, floorDir, bareDir) {
    const definition = require("yaml").parse(fs.readFileSync(DEFINITION, "utf8"));
    const component = {};
    for (let i = 0; i < n; i++) component[`ng${i}`] = { type: "eks-nodegroup:index:ManagedNodeGroup", properties: definition };
    // The raw resources: what the component creates for this definition, as the plan command shows them.
    const plan = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), "plan", DEFINITION, "--json"], { cwd: ROOT, encoding: "utf8" }));
    const lt = plan.resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate").inputs;
    const ng = plan.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup").inputs;
    const raw = {};
    for (let i = 0; i < n; i++) {
        raw[`lt${i}`] = { type: "aws:ec2/launchTemplate:LaunchTemplate", properties: lt };
        raw[`ng${i}`] = { type: "aws:eks/nodeGroup:NodeGroup", properties: { ...ng, launchTemplate: { id: `\${lt${i}.id}`, version: `\${lt${i}.latestVersion}` } } };
    }
    fs.writeFileSync(path.join(bareDir, "children.json"), JSON.stringify({ lt, ng }));
    const dirs = { raw: path.join(work, `raw-${n}`), component: path.join(work, `component-${n}`), floor: path.join(work, `floor-${n}`), bare: path.join(work, `bare-${n}`) };
    writeProgram(dirs.raw, `bench-raw-${n}`, raw);
    writeProgram(dirs.component, `bench-component-${n}`, component, ROOT);
    writeProgram(dirs.floor, `bench-floor-${n}`, component, floorDir);
    writeProgram(dirs.bare, `bench-bare-${n}`, component, bareDir);
    return dirs;
}

// --- measuring -----------------------------------------------------------------------------------

function preview(dir, env) {
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S", "pulumi", "preview", "--non-interactive", "--stack", "bench", "--cwd", dir], { env, encoding: "utf8" });
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`pulumi preview in ${dir} failed:\n${r.stdout}\n${r.stderr}`);
    return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

async function main() {
    requireTools();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "eks-nodegroup-bench-engine-"));
    const floorDir = path.join(work, "floor-provider");
    fs.mkdirSync(floorDir);
    fs.writeFileSync(path.join(floorDir, "pulumi-resource-eks-nodegroup"), `#!/bin/sh\nexec node ${JSON.stringify(path.join(__dirname, "floor-provider.js"))} "$@"\n`, { mode: 0o755 });
    const bareDir = path.join(work, "bare-provider");
    fs.mkdirSync(bareDir);
    fs.writeFileSync(path.join(bareDir, "pulumi-resource-eks-nodegroup"),
        `#!/bin/sh\nFLOOR_CHILDREN=${JSON.stringify(path.join(bareDir, "children.json"))} exec node ${JSON.stringify(path.join(__dirname, "floor-provider.js"))} "$@"\n`, { mode: 0o755 });
    const [mock, awsPort] = await launch(process.execPath, ["--require", "tsx/cjs", path.join(ROOT, "tests/e2e/support/awsmock.ts")]);
    const env = {
        ...process.env, PULUMI_BACKEND_URL: `file://${work}/backend`, PULUMI_CONFIG_PASSPHRASE: "bench", PULUMI_SKIP_UPDATE_CHECK: "1",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true", PULUMI_DEBUG_PROVIDERS: `aws:${awsPort}`, AWS_EC2_METADATA_DISABLED: "true",
    };
    fs.mkdirSync(`${work}/backend`);
    const lines = [];
    const say = (l = "") => { lines.push(l); process.stdout.write(l + "\n"); };
    try {
        // Provider start-up, apart: launch to port, the real provider and the floor.
        const ready = { provider: [], floor: [] };
        for (let i = 0; i < Math.max(RUNS, 3); i++) {
            for (const [key, cmd] of [["provider", path.join(ROOT, "pulumi-resource-eks-nodegroup")], ["floor", path.join(floorDir, "pulumi-resource-eks-nodegroup")]]) {
                const [child, , ms] = await launch(cmd, []);
                child.kill();
                ready[key].push(ms);
            }
        }
        const results = {};
        for (const n of SIZES) {
            const dirs = programs(work, n, floorDir, bareDir);
            for (const dir of Object.values(dirs)) execFileSync("pulumi", ["stack", "init", "bench", "--cwd", dir, "--non-interactive"], { env, stdio: "pipe" });
            // One warm-up each (plugin discovery, file cache), not counted.
            for (const dir of Object.values(dirs)) preview(dir, env);
            const m = { raw: [], component: [], floor: [], bare: [] };
            const order = ["raw", "component", "floor", "bare"];
            for (let run = 0; run < RUNS; run++) {
                for (let k = 0; k < order.length; k++) {
                    const kind = order[(run + k) % order.length];
                    m[kind].push(preview(dirs[kind], env));
                }
            }
            results[n] = m;
            process.stderr.write(`N=${n}: raw ${median(m.raw.map((x) => x.wall))} s, component ${median(m.component.map((x) => x.wall))} s, floor ${median(m.floor.map((x) => x.wall))} s, bare ${median(m.bare.map((x) => x.wall))} s\n`);
        }
        report(say, results, ready);
    } finally {
        mock.kill();
        fs.rmSync(work, { recursive: true, force: true });
    }
    writeSection(OUT, "## Real engine", lines);
}

function report(say, results, ready) {
    const wall = (n, kind) => median(results[n][kind].map((x) => x.wall));
    say("## Real engine");
    say();
    say(`\`npm run bench:engine\` — \`pulumi preview\` (CLI ${execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim()}, YAML host) of N ManagedNodeGroups ` +
        "(examples/plans/al2023.yaml) against the same N launch templates and node groups written raw, `aws` mocked " +
        `(tests/e2e/support/awsmock.ts), ${RUNS} alternating runs after a warm-up; ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}. ` +
        "Floor: the same component program served by bench/floor-provider.js, a provider process that starts like the real one " +
        "(same modules, the committed schema) and constructs nothing. Bare: that provider registering the component's two children with " +
        "fixed inputs through the SDK, and its outputs — the component minus its own logic. CPU: the whole process tree (CLI, YAML host, providers).");
    say();
    say("| N | raw wall s (spread) | component wall s (spread) | floor wall s (spread) | bare wall s (spread) | component ÷ raw | floor ÷ raw | bare ÷ raw | raw CPU s | component CPU s | floor CPU s | bare CPU s |");
    say("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const n of Object.keys(results).map(Number)) {
        const r = results[n];
        const cpu = (kind) => median(r[kind].map((x) => x.cpu)).toFixed(2);
        say(`| ${n} | ${wall(n, "raw").toFixed(2)} (${spread(r.raw.map((x) => x.wall))}) | ${wall(n, "component").toFixed(2)} (${spread(r.component.map((x) => x.wall))}) | ` +
            `${wall(n, "floor").toFixed(2)} (${spread(r.floor.map((x) => x.wall))}) | ${wall(n, "bare").toFixed(2)} (${spread(r.bare.map((x) => x.wall))}) | ` +
            `${(wall(n, "component") / wall(n, "raw")).toFixed(2)}× | ${(wall(n, "floor") / wall(n, "raw")).toFixed(2)}× | ${(wall(n, "bare") / wall(n, "raw")).toFixed(2)}× | ` +
            `${cpu("raw")} | ${cpu("component")} | ${cpu("floor")} | ${cpu("bare")} |`);
    }
    say();
    say(`Provider start-up, launch to port (median of ${ready.provider.length}): the component provider ${median(ready.provider).toFixed(0)} ms ` +
        `(${spread(ready.provider.map((x) => x / 1000))} s), the floor ${median(ready.floor).toFixed(0)} ms.`);
    say();
    const sizes = Object.keys(results).map(Number);
    const lo = Math.min(...sizes), hi = Math.max(...sizes);
    const met = (ok) => (ok ? "met" : "NOT met");
    const lines = [];
    for (const n of Object.keys(results).map(Number)) {
        const x = wall(n, "component") / wall(n, "bare");
        lines.push(`- component ÷ bare at N = ${n}: ${x.toFixed(2)}× (target ≤ ${TARGETS.bare.toFixed(2)}×; component ÷ raw ${(wall(n, "component") / wall(n, "raw")).toFixed(2)}×, ` +
            `bare ÷ raw ${(wall(n, "bare") / wall(n, "raw")).toFixed(2)}×, floor ÷ raw ${(wall(n, "floor") / wall(n, "raw")).toFixed(2)}×): **${met(x <= TARGETS.bare)}**`);
    }
    lines.push(`- provider ready after launch: ${median(ready.provider).toFixed(0)} ms (target ≤ ${TARGETS.readyMs} ms): **${met(median(ready.provider) <= TARGETS.readyMs)}**`);
    if (hi > lo) {
        const per = (kind) => (wall(hi, kind) - wall(lo, kind)) / (hi - lo);
        lines.push(`- cost per node group, N = ${lo} → ${hi} (context): component ${(per("component") * 1000).toFixed(1)} ms, bare ${(per("bare") * 1000).toFixed(1)} ms ` +
            `(component ÷ bare ${(per("component") / per("bare")).toFixed(2)}×), floor ${(per("floor") * 1000).toFixed(1)} ms, raw ${(per("raw") * 1000).toFixed(1)} ms`);
    }
    for (const l of lines) say(l);
}

main().catch((e) => { process.stderr.write(`${e.stack ?? e}\n`); process.exitCode = 1; });
