// Start-up of every process of ours that loads the SDK: the provider as the engine starts it (the
// executable at the package root, ready quickly, answering GetSchema with the committed schema.json),
// the policy pack and `plan` — none loads the TypeScript compiler, arborist or the Automation API,
// and the stand-ins that keep them out (src/base/lazysdk.ts) change nothing a caller can see.
import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import { expect } from "chai";
import { readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { SCHEMA_FILE } from "../../src/provider";
import { packRules } from "../../src/rules/catalogue";
import { USER_DATA_PARSERS } from "../../src/base/lazysdk";

const ROOT = path.resolve(__dirname, "../..");
/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs `script` in a fresh Node process with the built stand-in module, and returns what it printed as JSON. */
function inFreshNode(script: string): Record<string, unknown> {
    const out = execFileSync(process.execPath, ["-e", `const { deferUnusedSdkModules } = require(${JSON.stringify(path.join(ROOT, "bin/base/lazysdk"))});\n${script}`], { cwd: ROOT, encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const LOADED = `const loaded = (name) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + name + "/"));`;

describe("provider start-up", function () {
    this.timeout(60000);

    it("defers the SDK's function serializer and Automation API: neither TypeScript, arborist nor execa loads with @pulumi/pulumi", () => {
        const r = inFreshNode(`${LOADED} const installed = deferUnusedSdkModules(); require("@pulumi/pulumi");
            console.log(JSON.stringify({ installed: installed.length, typescript: loaded("typescript"), arborist: loaded("@npmcli/arborist"), execa: loaded("execa") }));`);
        expect(r).to.deep.equal({ installed: 3, typescript: false, arborist: false, execa: false });
    });

    it("without the stand-ins the SDK does load TypeScript (what the trick saves is real)", () => {
        // arborist too, up to the development pin (3.260); the newest SDKs (3.276) no longer load it at import.
        const r = inFreshNode(`${LOADED} require("@pulumi/pulumi"); console.log(JSON.stringify({ typescript: loaded("typescript") }));`);
        expect(r).to.deep.equal({ typescript: true });
    });

    it("still serializes a function and computes code paths when asked: the real modules load on first call", () => {
        const r = inFreshNode(`${LOADED} deferUnusedSdkModules(); const pulumi = require("@pulumi/pulumi");
            pulumi.runtime.serializeFunction(() => 42).then((s) => console.log(JSON.stringify({ text: s.text.includes("42"), exportName: s.exportName, typescript: loaded("typescript") })));`);
        expect(r).to.deep.equal({ text: true, exportName: "handler", typescript: true });
    });

    it("still reaches the Automation API through pulumi.automation and its own path: the real module loads on first read", () => {
        const r = inFreshNode(`${LOADED} deferUnusedSdkModules(); const pulumi = require("@pulumi/pulumi");
            const before = loaded("execa");
            const { LocalWorkspace } = require("@pulumi/pulumi/automation");
            console.log(JSON.stringify({ before, create: typeof pulumi.automation.LocalWorkspace.create, same: LocalWorkspace === pulumi.automation.LocalWorkspace,
                listed: Object.keys(pulumi.automation).includes("LocalWorkspace"), has: "Stack" in pulumi.automation, execa: loaded("execa") }));`);
        expect(r).to.deep.equal({ before: false, create: "function", same: true, listed: true, has: true, execa: true });
    });

    it("installs nothing once the SDK is loaded (the stand-ins would come too late)", () => {
        const r = inFreshNode(`require("@pulumi/pulumi"); console.log(JSON.stringify({ installed: deferUnusedSdkModules().length }));`);
        expect(r).to.deep.equal({ installed: 0 });
    });

    it("turns stack traces off in the provider process unless EKS_NODEGROUP_STACK_TRACES is set", () => {
        const run = (env: string) => inFreshNode(`const { limitStackTraces } = require(${JSON.stringify(path.join(ROOT, "bin/provider"))});
            limitStackTraces(${env}); console.log(JSON.stringify({ limit: Error.stackTraceLimit, frames: new Error("x").stack.split("\\n").length - 1 }));`);
        expect(run("{}")).to.deep.equal({ limit: 0, frames: 0 });
        const kept = run("{ EKS_NODEGROUP_STACK_TRACES: '1' }");
        expect(kept.limit).to.equal(10);
        expect(kept.frames).to.be.greaterThan(0);
    });

    describe("the executable", () => {
        let child: ChildProcess;
        let port: string;
        before(async () => {
            child = spawn(path.join(ROOT, "pulumi-resource-eks-nodegroup"), [], { stdio: ["ignore", "pipe", "pipe"] });
            port = await new Promise<string>((resolve, reject) => {
                child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
                child.once("exit", (code) => reject(new Error(`the provider exited with ${code}`)));
            });
        });
        after(() => { child.kill(); });

        it("prints its port and answers GetSchema with the committed schema.json and its version", async () => {
            expect(port).to.match(/^\d+$/);
            const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            const schema = await new Promise<string>((resolve, reject) => client.getSchema(new provproto.GetSchemaRequest(), (err: Error | null, res: { getSchema(): string }) => (err ? reject(err) : resolve(res.getSchema()))));
            const info = await new Promise<string>((resolve, reject) => client.getPluginInfo(new Empty(), (err: Error | null, res: { getVersion(): string }) => (err ? reject(err) : resolve(res.getVersion()))));
            client.close();
            expect(schema).to.equal(readFileSync(SCHEMA_FILE, "utf8"));
            expect(info).to.equal(JSON.parse(schema).version);
        });
    });
});

/** What the stand-ins keep out of each of our processes (src/base/lazysdk.ts). */
const NEVER_LOADED = ["typescript", "@npmcli/arborist", "pacote", "sigstore", "execa"];
const PROBE = path.join(ROOT, "tests/support/loaded-at-exit.js");
const PLAN = path.join(ROOT, "bin/plan/cli.js");

function loadedFile(): string {
    return path.join(os.tmpdir(), `eks-nodegroup-loaded-${process.pid}-${Math.random().toString(36).slice(2)}`);
}

describe("the policy pack's start-up", function () {
    this.timeout(60000);

    it("serves its policies without loading TypeScript, arborist, the Automation API or the user-data parsers (executable form)", async () => {
        const file = loadedFile();
        const child = spawn(path.join(ROOT, "policy/pulumi-analyzer-eks-nodegroup"), ["127.0.0.1:0"], {
            stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_OPTIONS: `--require ${PROBE}`, LOADED_AT_EXIT: file },
        });
        const port = await new Promise<string>((resolve, reject) => {
            child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
            child.once("exit", (code) => reject(new Error(`the pack exited with ${code}`)));
        });
        const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const info = await new Promise<{ getName(): string; getPoliciesList(): unknown[] }>((resolve, reject) =>
            client.getAnalyzerInfo(new Empty(), (err: Error | null, res: { getName(): string; getPoliciesList(): unknown[] }) => (err ? reject(err) : resolve(res))));
        client.close();
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
        expect(info.getName()).to.equal("eks-nodegroup");
        expect(info.getPoliciesList().length).to.equal(packRules.length);
        const loaded = readFileSync(file, "utf8").split("\n");
        rmSync(file, { force: true });
        expect(loaded, "the pack's process loaded the SDK (the probe works)").to.include("@pulumi/pulumi");
        expect(loaded.filter((p) => [...NEVER_LOADED, ...USER_DATA_PARSERS].includes(p))).to.deep.equal([]);
    });
});

describe("plan's start-up", function () {
    this.timeout(60000);

    it("plans without loading TypeScript, arborist or the Automation API", () => {
        const file = loadedFile();
        execFileSync(process.execPath, ["--require", PROBE, PLAN, "plan", path.join(ROOT, "examples/plans/al2023.yaml")], { cwd: ROOT, env: { ...process.env, LOADED_AT_EXIT: file }, stdio: "pipe" });
        const loaded = readFileSync(file, "utf8").split("\n");
        rmSync(file, { force: true });
        expect(loaded, "plan loaded the SDK (the probe works)").to.include("@pulumi/pulumi");
        expect(loaded.filter((p) => NEVER_LOADED.includes(p))).to.deep.equal([]);
    });

    for (const example of ["al2023.yaml", "bottlerocket-custom-ami.yaml", "windows.yaml", "invalid.yaml"]) {
        it(`prints the same plan for ${example} as with the whole SDK loaded first (nothing the stand-ins keep out was needed)`, () => {
            const run = (preload: string[]) => spawnSync(process.execPath, [...preload, PLAN, "plan", path.join(ROOT, "examples/plans", example), "--json"], { cwd: ROOT, encoding: "utf8" });
            const lazy = run([]);
            const whole = run(["--require", "@pulumi/pulumi"]);
            expect(lazy.stdout.length).to.be.greaterThan(100);
            expect({ status: lazy.status, stdout: lazy.stdout, stderr: lazy.stderr }).to.deep.equal({ status: whole.status, stdout: whole.stdout, stderr: whole.stderr });
        });
    }
});
