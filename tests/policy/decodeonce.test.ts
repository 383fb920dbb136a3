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
