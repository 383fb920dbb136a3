// The pack's process decodes each resource once per analysis (src/policy/decodeonce.ts): the same
// Struct gives the same decoded properties, equal to what @pulumi/policy decodes itself, and the
// secret-preserving decoding of resource policies is left as it was; the pack's policies then share one
// analysis's pairs (src/policy/index.ts); and the user-data parsers, stood in for at start
// (src/base/lazysdk.ts), load when a rule first reads user data, with the same answers. Run in fresh
// processes: the hooks change modules for the whole process, as they do in the pack's.
import { execFileSync } from "child_process";
import { expect } from "chai";
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { USER_DATA_PARSERS } from "../../src/base/lazysdk";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge } from "../support/policy";

const ROOT = path.resolve(__dirname, "../..");

describe("the pack decodes each resource once", function () {
    this.timeout(60000);

    it("remembers the decoded properties per Struct, equal to @pulumi/policy's own decoding; secret-preserving decoding is fresh each time", () => {
        const script = `
            const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
            const d = require("@pulumi/policy/deserialize");
            const struct = Struct.fromJavaScript({ clusterName: "prod", scalingConfig: { minSize: 1, maxSize: 3 }, instanceTypes: ["m6i.large"] });
            const before = d.deserializeProperties(struct, false);
            const installed = require(${JSON.stringify(path.join(ROOT, "bin/policy/decodeonce"))}).decodeEachResourceOnce();
            const first = d.deserializeProperties(struct, false), second = d.deserializeProperties(struct, false);
            const other = d.deserializeProperties(Struct.fromJavaScript({ clusterName: "dev" }), false);
            console.log(JSON.stringify({ installed, same: first === second, equal: JSON.stringify(first) === JSON.stringify(before), first,
                other: other.clusterName, secretsFresh: d.deserializeProperties(struct, true) !== d.deserializeProperties(struct, true) }));`;
        const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!);
        expect(out).to.deep.equal({
            installed: true, same: true, equal: true, other: "dev", secretsFresh: true,
            first: { clusterName: "prod", scalingConfig: { minSize: 1, maxSize: 3 }, instanceTypes: ["m6i.large"] },
        });
    });
});

/** A stack as the engine sends it to AnalyzeStack: a type, a name and plain props per resource. */
interface Stack { resources: { type: string; name: string; props: Record<string, unknown> }[] }

interface Analysis { made: number; policies: number; diagnostics: string[][]; notApplicable: string[][]; parsersBefore: string[]; parsersAfter: string[] }

/**
 * Runs @pulumi/policy's own AnalyzeStack handler over the pack's policies, in a fresh process set up as
 * the pack's entry sets up its own (decoding once, the user-data parsers deferred) or not; counts how
 * often the stack's pairs are made, and which parsers are loaded (not merely stood in for) before and after.
 */
function analyze(stack: Stack, options: { decodeOnce: boolean; deferParsers: boolean }): Analysis {
    const script = `
        const lazy = require(${JSON.stringify(path.join(ROOT, "bin/base/lazysdk"))});
        lazy.deferUnusedSdkModules();
        if (${options.deferParsers}) lazy.deferUserDataParsers();
        const { isProxy } = require("util").types;
        const parsers = () => lazy.USER_DATA_PARSERS.filter((name) => { const m = require.cache[require.resolve(name)]; return m !== undefined && !isProxy(m.exports); });
        const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
        const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
        const server = require("@pulumi/policy/server");
        if (${options.decodeOnce}) require(${JSON.stringify(path.join(ROOT, "bin/policy/decodeonce"))}).decodeEachResourceOnce();
        const subject = require(${JSON.stringify(path.join(ROOT, "bin/policy/subject"))});
        let made = 0;
        const pairsOf = subject.pairsOf;
        subject.pairsOf = (resources) => { made++; return pairsOf(resources); };
        const { policies } = require(${JSON.stringify(path.join(ROOT, "bin/policy"))});
        const req = new analyzerproto.AnalyzeStackRequest();
        req.setResourcesList(JSON.parse(require("fs").readFileSync(0, "utf8")).resources.map(({ type, name, props }) => {
            const r = new analyzerproto.AnalyzerResource();
            r.setUrn("urn:pulumi:test::p::" + type + "::" + name); r.setType(type); r.setName(name);
            r.setProperties(Struct.fromJavaScript(props)); r.setOptions(new analyzerproto.AnalyzerResourceOptions());
            return r;
        }));
        const parsersBefore = parsers();
        server.makeAnalyzeStackRpcFun("eks-nodegroup", "0.1.0", "advisory", policies)({ request: req }, (err, out) => {
            if (err) throw err;
            const diagnostics = out.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getUrn(), d.getEnforcementlevel(), d.getMessage()]);
            const notApplicable = out.getNotApplicableList().map((n) => [n.getPolicyName(), n.getReason()]);
            console.log(JSON.stringify({ made, policies: policies.length, diagnostics, notApplicable, parsersBefore, parsersAfter: parsers() }));
        });`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", input: JSON.stringify(stack) }).trim().split("\n").pop()!);
}

describe("the pack's policies share one analysis", function () {
    this.timeout(60000);

    const STACK: Stack = {
        resources: [
            { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { description: "unrelated" } },
            { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props: { id: "lt-0123456789abcdef0", name: "nodes", metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } } },
            {
                type: "aws:eks/nodeGroup:NodeGroup", name: "ng", props: {
                    clusterName: "prod", nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-a"], amiType: "AL2023_x86_64_STANDARD",
                    diskSize: 50, scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 }, launchTemplate: { id: "lt-0123456789abcdef0", version: "1" },
                },
            },
        ],
    };

    it("makes the stack's pairs once for all its policies when decoding once, with the same diagnostics as each policy making its own", () => {
        const once = analyze(STACK, { decodeOnce: true, deferParsers: false }), each = analyze(STACK, { decodeOnce: false, deferParsers: false });
        // What this relies on in @pulumi/policy: each stack policy's props proxies wrap what deserializeProperties returned.
        expect(each.made, "without decoding once every policy makes its own pairs").to.equal(each.policies);
        expect(once.made).to.equal(1);
        expect(once.diagnostics).to.deep.equal(each.diagnostics);
        expect(once.diagnostics.map((d) => d[0])).to.include.members(["ng-no-disk-size", "lt-imds-hop-limit"]);
        expect(once.notApplicable).to.deep.equal([]);
    });

    it("is not applicable to a stack without a node group: no policy rebuilds its resources or makes pairs", () => {
        const withoutNodeGroup = { resources: STACK.resources.filter((r) => r.type !== "aws:eks/nodeGroup:NodeGroup") };
        const r = analyze(withoutNodeGroup, { decodeOnce: true, deferParsers: true });
        // What this relies on in @pulumi/policy: a stack validation marked with __pulumiType is skipped when no resource has that type.
        expect(r.made).to.equal(0);
        expect(r.diagnostics).to.deep.equal([]);
        expect(r.notApplicable).to.have.length(r.policies);
        expect(new Set(r.notApplicable.map(([, reason]) => reason))).to.deep.equal(new Set(["Policy only applies to resources of type 'aws:eks/nodeGroup:NodeGroup'"]));
        expect(r.parsersAfter).to.deep.equal([]);
    });
});

describe("the pack's user-data parsers load when a rule first reads user data", function () {
    this.timeout(60000);

    /** Every invalid case of the corpus whose template carries user data, each as its own template + node group. */
    function userDataStack(): Stack {
        const resources: Stack["resources"] = [];
        const dir = path.join(ROOT, "tests/corpus");
        let i = 0;
        for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
            const entry = parse(readFileSync(path.join(dir, file), "utf8")) as { policy: { invalid?: { launchTemplate?: Record<string, unknown> | null; nodeGroup?: Record<string, unknown> }[] } };
            for (const c of entry.policy.invalid ?? []) {
                if (typeof c.launchTemplate?.userData !== "string") continue;
                const id = `lt-${(i++).toString(16).padStart(17, "0")}`;
                const lt = merge(BASE_LAUNCH_TEMPLATE, { ...c.launchTemplate, id, name: `nodes-${i}`, userData: Buffer.from(c.launchTemplate.userData).toString("base64") });
                resources.push({ type: "aws:ec2/launchTemplate:LaunchTemplate", name: `lt${i}`, props: lt });
                resources.push({ type: "aws:eks/nodeGroup:NodeGroup", name: `ng${i}`, props: merge(BASE_NODE_GROUP, { ...c.nodeGroup, launchTemplate: { id, version: "1" } }) });
            }
        }
        return { resources };
    }

    it("not at start; then the same diagnostics as with the parsers loaded at start", () => {
        const stack = userDataStack();
        expect(stack.resources.length).to.be.greaterThan(40);
        const deferred = analyze(stack, { decodeOnce: true, deferParsers: true });
        const whole = analyze(stack, { decodeOnce: true, deferParsers: false });
        expect(deferred.parsersBefore, "the pack's policies and rules are loaded, the parsers not").to.deep.equal([]);
        expect(whole.parsersBefore, "without the stand-ins the rules load every parser").to.deep.equal(USER_DATA_PARSERS);
        expect(deferred.parsersAfter, "the rules that read user data loaded what they needed").to.include.members(["yaml", "smol-toml", "toml-eslint-parser", "content-type"]);
        expect(deferred.diagnostics.length).to.be.greaterThan(20);
        expect(deferred.diagnostics).to.deep.equal(whole.diagnostics);
    });
});
