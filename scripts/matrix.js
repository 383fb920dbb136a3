#!/usr/bin/env node
// The support matrix, run: the package's build, type-check and unit tests (`mocha`, the README's
// test command without the rebuild) at the lowest and at the newest versions of @pulumi/pulumi,
// @pulumi/aws and @pulumi/eks that package.json's peer ranges allow.
//
//   node scripts/matrix.js lowest|newest
//
// Lowest is each range's minimum (read from package.json, the one place the ranges are written);
// newest is what the registry serves for the range today (so the run says when a new release
// breaks the package). Each runs in a copy of the working tree (node_modules and bin left out):
// `npm ci`, then those versions installed over the development pins (package.json unchanged: the
// tables' tests still compare with the pins they were generated for), and fails when a second copy
// of any of them is installed.
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const semver = require("semver");
const { requireOneCopy } = require("./onecopy");

const ROOT = path.resolve(__dirname, "..");
const MATRIX = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/eks"];
// Written by `npm run schema` with the development pin's analyzer, which reads the `as const`
// enums; older analyzers do not. The committed schema.json is what users get, at every version.
const DEV_ONLY = { lowest: ["tests/provider/schema.test.ts"], newest: [] };

const column = process.argv[2];
if (column !== "lowest" && column !== "newest") {
    process.stderr.write("usage: node scripts/matrix.js lowest|newest\n");
    process.exit(2);
}

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" } });
const capture = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const versions = MATRIX.map((name) => {
    const range = pkg.peerDependencies[name];
    if (range === undefined) throw new Error(`package.json has no peer range for ${name}`);
    if (column === "lowest") return [name, semver.minVersion(range).version];
    const served = JSON.parse(capture("npm", ["view", `${name}@${range}`, "version", "--json"], ROOT));
    return [name, semver.maxSatisfying([served].flat(), range)];
});
process.stdout.write(`matrix ${column}: ${versions.map(([n, v]) => `${n}@${v}`).join(", ")}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), `eks-nodegroup-${column}-`));
fs.cpSync(ROOT, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|bin|\.git)$/.test(src) });
run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], dir);
run("npm", ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", ...versions.map(([n, v]) => `${n}@${v}`)], dir);

for (const [name, version] of versions) {
    try {
        requireOneCopy(dir, name, version);
    } catch (e) {
        throw new Error(`${column}: ${e.message}`);
    }
}

run("npm", ["run", "--silent", "build"], dir);
run("npm", ["run", "--silent", "typecheck"], dir);
const skipped = DEV_ONLY[column];
if (skipped.length > 0) process.stdout.write(`matrix ${column}: not run here, development tooling only: ${skipped.join(", ")}\n`);
run("npx", ["mocha", ...skipped.flatMap((f) => ["--ignore", f])], dir);
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`matrix ${column}: passed with ${versions.map(([n, v]) => `${n}@${v}`).join(", ")}\n`);
