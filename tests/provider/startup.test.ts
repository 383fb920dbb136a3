// The provider process as the engine starts it: the executable at the package root, ready quickly,
// answering GetSchema with the committed schema.json — and the lazy-closure trick that makes it quick
// (src/provider/lazyclosure.ts) changes nothing a caller can see.
import { ChildProcess, execFileSync, spawn } from "child_process";
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { SCHEMA_FILE } from "../../src/provider";

const ROOT = path.resolve(__dirname, "../..");
/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs `script` in a fresh Node process with the built lazy-closure module, and returns what it printed as JSON. */
function inFreshNode(script: string): Record<string, unknown> {
    const out = execFileSync(process.execPath, ["-e", `const { deferClosureModules } = require(${JSON.stringify(path.join(ROOT, "bin/provider/lazyclosure"))});\n${script}`], { cwd: ROOT, encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const LOADED = `const loaded = (name) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + name + "/"));`;

describe("provider start-up", function () {
    this.timeout(60000);

    it("defers the SDK's function serializer: neither TypeScript nor arborist loads with @pulumi/pulumi", () => {
        const r = inFreshNode(`${LOADED} const installed = deferClosureModules(); require("@pulumi/pulumi");
            console.log(JSON.stringify({ installed: installed.length, typescript: loaded("typescript"), arborist: loaded("@npmcli/arborist") }));`);
        expect(r).to.deep.equal({ installed: 2, typescript: false, arborist: false });
    });

    it("without the stand-ins the SDK does load TypeScript (what the trick saves is real)", () => {
        // arborist too, up to the development pin (3.260); the newest SDKs (3.276) no longer load it at import.
        const r = inFreshNode(`${LOADED} require("@pulumi/pulumi"); console.log(JSON.stringify({ typescript: loaded("typescript") }));`);
        expect(r).to.deep.equal({ typescript: true });
    });

    it("still serializes a function and computes code paths when asked: the real modules load on first call", () => {
        const r = inFreshNode(`${LOADED} deferClosureModules(); const pulumi = require("@pulumi/pulumi");
            pulumi.runtime.serializeFunction(() => 42).then((s) => console.log(JSON.stringify({ text: s.text.includes("42"), exportName: s.exportName, typescript: loaded("typescript") })));`);
        expect(r).to.deep.equal({ text: true, exportName: "handler", typescript: true });
    });

    it("installs nothing once the SDK is loaded (the stand-ins would come too late)", () => {
        const r = inFreshNode(`require("@pulumi/pulumi"); console.log(JSON.stringify({ installed: deferClosureModules().length }));`);
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
