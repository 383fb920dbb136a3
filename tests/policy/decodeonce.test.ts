// The pack's process decodes each resource once per analysis (src/policy/decodeonce.ts): the same
// Struct gives the same decoded properties, equal to what @pulumi/policy decodes itself, and the
// secret-preserving decoding of resource policies is left as it was. Run in a fresh process: the
// hook changes @pulumi/policy's module for the whole process, as it does in the pack's.
import { execFileSync } from "child_process";
import { expect } from "chai";
import * as path from "path";

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

describe("the pack's policies share one analysis", function () {
    this.timeout(60000);

    /**
     * Runs @pulumi/policy's own AnalyzeStack handler over the pack's policies for a template + node group
     * beside unrelated resources, in a fresh process, with or without decoding once; counts how often
     * the stack's pairs are made and returns the diagnostics.
     */
    function analyze(decodeOnce: boolean): { made: number; policies: number; diagnostics: string[][] } {
        const script = `
            const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
            const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
            const server = require("@pulumi/policy/server");
            if (${decodeOnce}) require(${JSON.stringify(path.join(ROOT, "bin/policy/decodeonce"))}).decodeEachResourceOnce();
            const subject = require(${JSON.stringify(path.join(ROOT, "bin/policy/subject"))});
            let made = 0;
            const pairsOf = subject.pairsOf;
            subject.pairsOf = (resources) => { made++; return pairsOf(resources); };
            const { policies } = require(${JSON.stringify(path.join(ROOT, "bin/policy"))});
            const res = (type, name, props) => {
                const r = new analyzerproto.AnalyzerResource();
                r.setUrn("urn:pulumi:test::p::" + type + "::" + name); r.setType(type); r.setName(name);
                r.setProperties(Struct.fromJavaScript(props)); r.setOptions(new analyzerproto.AnalyzerResourceOptions());
                return r;
            };
            const req = new analyzerproto.AnalyzeStackRequest();
            req.setResourcesList([
                res("aws:ec2/securityGroup:SecurityGroup", "sg", { description: "unrelated" }),
                res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { id: "lt-0123456789abcdef0", name: "nodes", metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }),
                res("aws:eks/nodeGroup:NodeGroup", "ng", { clusterName: "prod", nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-a"],
                    amiType: "AL2023_x86_64_STANDARD", diskSize: 50, scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 }, launchTemplate: { id: "lt-0123456789abcdef0", version: "1" } }),
            ]);
            server.makeAnalyzeStackRpcFun("eks-nodegroup", "0.1.0", "advisory", policies)({ request: req }, (err, out) => {
                if (err) throw err;
                const diagnostics = out.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getUrn(), d.getEnforcementlevel(), d.getMessage()]);
                console.log(JSON.stringify({ made, policies: policies.length, diagnostics }));
            });`;
        return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop()!);
    }

    it("makes the stack's pairs once for all its policies when decoding once, with the same diagnostics as each policy making its own", () => {
        const once = analyze(true), each = analyze(false);
        // What this relies on in @pulumi/policy: each stack policy's props proxies wrap what deserializeProperties returned.
        expect(each.made, "without decoding once every policy makes its own pairs").to.equal(each.policies);
        expect(once.made).to.equal(1);
        expect(once.diagnostics).to.deep.equal(each.diagnostics);
        expect(once.diagnostics.map((d) => d[0])).to.include.members(["ng-no-disk-size", "lt-imds-hop-limit"]);
    });
});
