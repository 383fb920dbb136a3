// `eks-nodegroup validate` and `pulumi-resource-eks-nodegroup validate`: the one entry the SDKs'
// testing helpers reach, given a component's inputs as another language's mock runtime records them.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { validate } from "../../src/validate/index";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "bin/plan/cli.js");
const PROVIDER = path.join(ROOT, "pulumi-resource-eks-nodegroup");

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ROLE = "arn:aws:iam::123456789012:role/nodes";
const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

/** A valid definition, with numbers as Python's mocks record them (3.0): JSON text, not a JS value. */
const GOOD = `{"cluster": {"name": "prod", "endpoint": "https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com", "serviceIpv4Cidr": "172.20.0.0/16"},
 "nodeRoleArn": "${ROLE}", "subnetIds": ["subnet-0a1b2c3d4e5f60718"], "scalingConfig": {"minSize": 2.0, "maxSize": 10.0},
 "launchTemplate": {"rootVolume": {"sizeGib": 100.0}}}`;

function run(command: string[], stdin: string) {
    const r = spawnSync(command[0], command.slice(1), { input: stdin, encoding: "utf8", env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cli = (stdin: string, ...args: string[]) => run([process.execPath, CLI, "validate", ...args], stdin);

function withInputs(change: (inputs: Record<string, unknown>) => void): string {
    const inputs = JSON.parse(GOOD) as Record<string, unknown>;
    change(inputs);
    return JSON.stringify(inputs);
}

describe("eks-nodegroup validate (the SDKs' testing helpers)", function () {
    this.timeout(60000);

    it("reads standard input, integral floats as integers, and answers valid with exit 0 and the plan", () => {
        const r = cli(GOOD, "-", "--name", "general");
        expect(r.code, r.stderr).to.equal(0);
        const out = JSON.parse(r.stdout);
        expect(out.valid).to.equal(true);
        expect(out.name).to.equal("general");
        const ng = out.resources.find((x: { type: string }) => x.type === "aws:eks/nodeGroup:NodeGroup");
        expect(ng.name).to.match(/^general/);
        expect(ng.inputs.scalingConfig).to.deep.equal({ minSize: 2, maxSize: 10, desiredSize: 2 });
    });

    it("answers an invalid definition with exit 1 and the same findings validate() gives a TypeScript test", async () => {
        const bad = withInputs((i) => {
            i.osFamily = "AmazonLinux2024";
            i.diskSize = 100.0;
            i.scalingConfig = { minSize: 3.0, maxSize: 2.0 };
        });
        const r = cli(bad, "-", "--name", "general");
        expect(r.code, r.stderr).to.equal(1);
        const out = JSON.parse(r.stdout);
        expect(out.valid).to.equal(false);
        expect(out.resources).to.deep.equal([]);
        const ts = await validate(JSON.parse(bad), { name: "general" });
        expect(out.diagnostics).to.deep.equal(ts.diagnostics);
        expect(out.diagnostics.map((d: { ruleId: string }) => d.ruleId).sort()).to.deep.equal(["args-schema", "ng-no-disk-size", "ng-scaling"]);
    });

    it("is the provider executable's validate mode too (what the SDKs run)", () => {
        const r = run([PROVIDER, "validate", "-", "--name", "general"], withInputs((i) => { i.scalingConfig = { minSize: 3, maxSize: 2 }; }));
        expect(r.code, r.stderr).to.equal(1);
        expect(JSON.parse(r.stdout).diagnostics).to.deep.include({
            severity: "error", ruleId: "ng-scaling", property: "scalingConfig.minSize", message: "scalingConfig.minSize (3) is greater than maxSize (2).",
        });
    });

    it("takes a secret envelope as a secret: checked, and never printed", () => {
        const r = cli(withInputs((i) => { i.nodeRoleArn = secret(ROLE); }), "-");
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).not.to.contain(ROLE);
        const ng = JSON.parse(r.stdout).resources.find((x: { type: string }) => x.type === "aws:eks/nodeGroup:NodeGroup");
        expect(ng.inputs.nodeRoleArn).to.equal("[secret]");
        // The value inside is checked like any other.
        const bad = cli(withInputs((i) => { i.subnetIds = secret(["subnet-0a1b2c3d4e5f60718", 5]); }), "-");
        expect(bad.code, bad.stdout).to.equal(1);
        expect(JSON.parse(bad.stdout).diagnostics.map((d: { property: string }) => d.property)).to.deep.equal(["subnetIds[1]"]);
    });

    it("takes the unknown marker as not known at preview, not as missing (nested or whole)", () => {
        for (const change of [(i: Record<string, unknown>) => { i.nodeRoleArn = UNKNOWN; }, (i: Record<string, unknown>) => { i.subnetIds = [UNKNOWN]; }]) {
            const r = cli(withInputs(change), "-");
            expect(r.code, r.stdout).to.equal(0);
            expect(JSON.parse(r.stdout).valid).to.equal(true);
        }
        // null is given-as-nothing, which the rules refuse for a required argument.
        const missing = cli(withInputs((i) => { i.nodeRoleArn = null; }), "-");
        expect(missing.code).to.equal(1);
    });

    it("reads a file too, and exits 2 with a message for what is not a definition", () => {
        const file = path.join(ROOT, "examples/plans/al2023.yaml");
        const r = run([process.execPath, CLI, "validate", file], "");
        expect(r.code, r.stderr).to.equal(0);
        expect(JSON.parse(r.stdout).name).to.equal("al2023");
        for (const [stdin, message] of [["[1]", "standard input must hold a mapping"], ["{", "standard input is not valid YAML or JSON"]]) {
            const bad = cli(stdin, "-");
            expect(bad.code).to.equal(2);
            expect(bad.stderr).to.contain(message);
            expect(bad.stdout).to.equal("");
        }
        // An asset's signature without its contents: not a value a mock records.
        const asset = cli(withInputs((i) => { i.labels = { [SECRET_SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17" }; }), "-");
        expect(asset.code, asset.stderr).to.equal(2);
        expect(asset.stderr).to.contain("standard input holds a value Pulumi's wire form does not: Invalid asset");
        expect(cli(GOOD).code).to.equal(2);   // no operand: usage
        expect(cli(GOOD, "-", "--fail-on", "rolling").code).to.equal(2);
        expect(run([process.execPath, CLI, "plan", "-", "--name", "x"], GOOD).code).to.equal(2);   // --name is validate's
    });

    it("checks a YAML program's node group: its properties, each ${...} interpolation as the unknown marker (docs/testing.md#yaml)", () => {
        const program = parse(readFileSync(path.join(ROOT, "examples/yaml/Pulumi.yaml"), "utf8")) as { resources: Record<string, { type: string; properties: unknown }> };
        const [name, nodes] = Object.entries(program.resources).find(([, r]) => r.type === "eks-nodegroup:index:ManagedNodeGroup")!;
        const properties = JSON.stringify(nodes.properties, (_k, v: unknown) => (typeof v === "string" && /\$\{[^}]*\}/.test(v) ? UNKNOWN : v));
        expect(properties).to.contain(UNKNOWN);   // the example's user data is an interpolation
        const r = cli(properties, "-", "--name", name);
        expect(r.code, r.stdout).to.equal(0);
        expect(JSON.parse(r.stdout).userData).to.equal("(known after apply)");
        const broken = JSON.parse(properties) as Record<string, unknown>;
        broken.diskSize = 100;
        const refused = cli(JSON.stringify(broken), "-", "--name", name);
        expect(refused.code).to.equal(1);
        expect(JSON.parse(refused.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).to.deep.equal(["ng-no-disk-size"]);
    });
});
