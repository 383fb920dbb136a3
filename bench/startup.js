#!/usr/bin/env node
// npm run bench:startup — `eks-nodegroup plan` from process start to exit against loading the SDK
// alone (`node -e "require('@pulumi/pulumi')"`, the baseline of issue 28's target: plan loads less
// than the whole SDK, src/base/lazysdk.ts), with `require('@pulumi/aws')` and a bare `node` as
// context. Commands alternate (the order rotates each run); medians and spread of wall time and of
// the process's CPU time (GNU time: user + system). Writes the "Start-up" section of bench/results.md
// (BENCH_OUT to write elsewhere). BENCH_STARTUP_RUNS=2 for a quick run (CI).
"use strict";
const { spawnSync } = require("child_process");
const os = require("os");
const path = require("path");
const { median, spread, writeSection } = require("./stats");

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const OUT = process.env.BENCH_OUT ?? path.join(__dirname, "results.md");
const TARGET = 0.7;

const COMMANDS = {
    plan: { label: "`eks-nodegroup plan examples/plans/al2023.yaml`", args: [path.join(ROOT, "bin/plan/cli.js"), "plan", path.join(ROOT, "examples/plans/al2023.yaml")] },
    sdk: { label: "`node -e \"require('@pulumi/pulumi')\"` (baseline)", args: ["-e", "require('@pulumi/pulumi')"] },
    aws: { label: "`node -e \"require('@pulumi/aws')\"`", args: ["-e", "require('@pulumi/aws')"] },
    node: { label: "`node -e 0`", args: ["-e", "0"] },
};

function run(args) {
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S", process.execPath, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`node ${args.join(" ")} failed:\n${r.stderr}`);
    return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

const loadBefore = os.loadavg().map((l) => l.toFixed(1)).join(", ");
const kinds = Object.keys(COMMANDS);
for (const kind of kinds) run(COMMANDS[kind].args); // warm-up: the file cache
const m = Object.fromEntries(kinds.map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length];
        m[kind].push(run(COMMANDS[kind].args));
    }
}
const wall = (k) => median(m[k].map((s) => s.wall));
const cpu = (k) => median(m[k].map((s) => s.cpu));
const lines = [];
const say = (l = "") => { lines.push(l); process.stdout.write(l + "\n"); };
say("## Start-up");
say();
say(`\`npm run bench:startup\` — each command from process start to exit, ${RUNS} alternating runs after a warm-up; ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ` +
    `Node ${process.version}; load average ${loadBefore} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(", ")} at the end. CPU: the process's user + system time.`);
say();
say("| command | wall s (spread) | CPU s (spread) | wall ÷ baseline | CPU ÷ baseline |");
say("|---|---|---|---:|---:|");
for (const k of kinds) {
    say(`| ${COMMANDS[k].label} | ${wall(k).toFixed(3)} (${spread(m[k].map((s) => s.wall))}) | ${cpu(k).toFixed(3)} (${spread(m[k].map((s) => s.cpu))}) | ` +
        `${(wall(k) / wall("sdk")).toFixed(2)} | ${(cpu(k) / cpu("sdk")).toFixed(2)} |`);
}
say();
const r = wall("plan") / wall("sdk");
say(`- plan ÷ \`require('@pulumi/pulumi')\`: ${r.toFixed(2)}× wall, ${(cpu("plan") / cpu("sdk")).toFixed(2)}× CPU (target ≤ ${TARGET}× wall): **${r <= TARGET ? "met" : "NOT met"}**`);
writeSection(OUT, "## Start-up", lines);
