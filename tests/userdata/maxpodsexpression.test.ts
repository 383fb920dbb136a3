// userData.maxPodsExpression as nodeadm reads it (src/facts/maxpodsexpression.ts): CEL over three int
// variables, refused when nodeadm would drop it for its ENI formula. nodeadm's own behaviour is held
// against ours in tests/tools/realtools.test.ts; here, the cases by what they teach.
import { spawnSync } from "child_process";
import { expect } from "chai";
import * as path from "path";
import { OsFamily } from "../../src";
import { MAX_PODS_EXPRESSION_LENGTH, maxPodsExpressionProblem } from "../../src/facts/grammar";
import { maxPodsOf } from "../../src/facts/maxpodsexpression";
import { review } from "../../src/model/review";
import { amazonLinux2023 } from "../../src/userdata/al2023";
import { baseArgs } from "../support/harness";
import { cases } from "../support/userdata";

const ok = (e: string) => expect(maxPodsExpressionProblem(e), e).to.equal(undefined);
const refused = (e: string, why: RegExp) => expect(maxPodsExpressionProblem(e), e).to.match(why);
/** t3.medium as nodeadm's tests mock it: 3 ENIs, 6 IPv4 each (max_pods 17). */
const T3_MEDIUM = [3, 6] as const;

describe("maxPodsExpression as nodeadm reads it", () => {
    describe("issue #26: what the character-class check let through", () => {
        it("max_pods = 1 does not parse (CEL compares with ==), at character 10", () => {
            refused("max_pods = 1", /^does not parse as CEL: Unexpected character: = at character 10; nodeadm would log a warning and run the node with the ENI formula's max-pods instead\./);
        });
        it("max_pods > 110 is a bool, where nodeadm needs an int", () => {
            refused("max_pods > 110", /^has a result of type bool, where nodeadm needs an int: .*Make every branch a number, e\.g\. max_pods < 110 \? max_pods : 110$/);
        });
        it("((max_pods does not parse: the parentheses are not closed, at its end", () => {
            refused("((max_pods", /^does not parse as CEL: Expected RPAREN, got EOF at character 11;/);
        });
        it("a name nodeadm does not declare is named, with the three it does", () => {
            refused("default_enis + fake_variable", /^names fake_variable at character 16, which nodeadm does not declare; .* only default_enis, ips_per_eni and max_pods, each an int$/);
        });
    });

    describe("nodeadm's own test cases (eni_max_pods_test.go), with its values", () => {
        const CASES: [string, number][] = [
            ["417", 417],
            ["(default_enis * (ips_per_eni - 1)) + 2", 17],
            ["(default_enis * ((ips_per_eni - 1) * 16)) + 2", 242],
            ["((default_enis * ((ips_per_eni * 16) - 1)) + 2) < 30 ? ((default_enis * ((ips_per_eni * 16) - 1)) + 2) : 30", 30],
            ["((default_enis - 1) * (ips_per_eni - 1)) + 2", 12],
            ["max_pods < 30 ? max_pods : 30", 17],
            ["max_pods + 2", 19],
        ];
        for (const [e, n] of CASES) {
            it(`${e} is accepted and gives ${n} on a t3.medium`, () => {
                ok(e);
                expect(maxPodsOf(e, ...T3_MEDIUM)).to.equal(BigInt(n));
            });
        }
        it("max_pods minus the formula is 0 there, which nodeadm does not keep", () => {
            expect(maxPodsOf("max_pods - ((default_enis * (ips_per_eni - 1)) + 2)", ...T3_MEDIUM)).to.match(/^evaluates to 0, and nodeadm keeps only 1 to 2147483647$/);
            refused("max_pods - ((default_enis * (ips_per_eni - 1)) + 2)", /^evaluates to 0, .* fails on every other instance type/);
        });
        it("true is refused, as nodeadm's ConvertToType refuses a bool", () => refused("true", /^has a result of type bool/));
    });

    describe("evaluation: refused when it fails on every instance type, accepted when on some", () => {
        it("division and modulo by zero fail everywhere", () => {
            refused("max_pods / 0", /^fails to evaluate \(division by zero\) with default_enis 1 and ips_per_eni 50, and fails on every other instance type/);
            refused("max_pods % 0", /modulo by zero/);
        });
        it("0, a negative number, and past 2^31-1 are out of nodeadm's range", () => {
            refused("0", /^evaluates to 0, and nodeadm keeps only 1 to 2147483647/);
            refused("-max_pods", /^evaluates to -51,/);
            refused("2147483648", /^evaluates to 2147483648,/);
            ok("2147483647");
            refused("9223372036854775807 + 1", /integer overflow/);
        });
        it("max_pods - 10 fails on small types only: the text alone cannot be refused", () => {
            ok("max_pods - 10");
            expect(maxPodsOf("max_pods - 10", 2, 2)).to.match(/^evaluates to -6,/);
            expect(maxPodsOf("max_pods - 10", 3, 10)).to.equal(19n);
            ok("max_pods / (default_enis - 3)");
            expect(maxPodsOf("max_pods / (default_enis - 3)", 3, 10)).to.match(/division by zero/);
        });
    });

    describe("results of another type: nodeadm converts them on the node, we ask for an int", () => {
        it("a double (nodeadm truncates): write int(...)", () => {
            refused("1.5", /^has a result of type double, where nodeadm needs an int: nodeadm would truncate it toward zero; write int\(\.\.\.\)/);
            refused("double(max_pods) * 0.9", /type double/);
            ok("int(double(max_pods) * 0.9)");
            expect(maxPodsOf("int(double(max_pods) * 0.9)", 3, 10)).to.equal(26n);
        });
        it("a string, a uint, dyn, null, a list", () => {
            refused("\"20\"", /^has a result of type string, .* write the number itself$/);
            refused("20u", /type uint, .* without the u suffix/);
            refused("dyn(max_pods)", /type dyn, .* wrap it in int/);
            refused("null", /type null, where nodeadm needs an int: nodeadm cannot convert it/);
            refused("[1]", /type list<int>/);
        });
        it("int and double do not mix without a conversion; CEL has no min or max", () => {
            refused("max_pods * 1.0", /^does not type-check as CEL: no such overload: int \* double at character 1; .* only through int\(\.\.\.\), double\(\.\.\.\) or uint\(\.\.\.\)$/);
            refused("min(max_pods, 110)", /has no min or max: write a conditional/);
        });
    });

    describe("where the library reads otherwise than nodeadm's cel-go, we read as cel-go", () => {
        it("a conditional inside a conditional's ? branch needs parentheses", () => {
            refused("max_pods > 100 ? max_pods > 200 ? 200 : 100 : max_pods", /^has a conditional inside a conditional's \? branch without parentheses at character 18/);
            refused("true ? (true) ? 1 : 2 : 3", /conditional inside a conditional/);
            ok("max_pods > 100 ? (max_pods > 200 ? 200 : 100) : max_pods");
            ok("max_pods > 100 ? 100 : max_pods > 50 ? 50 : max_pods");
        });
        it("an int compared with a double has no overload", () => {
            refused("max_pods < 1.5 ? 1 : 2", /^compares int with double at character 1; nodeadm's CEL has no such overload/);
            ok("double(max_pods) < 1.5 ? 1 : 2");
        });
        it("== and < mixed without parentheses are refused (CEL reads them at one precedence)", () => {
            refused("false == true < false ? 1 : 2", /^mixes comparisons without parentheses/);
            ok("(false == true) < false ? 1 : 2");
        });
        it("literals: 0X is not hex in CEL, and no int literal past 64 bits", () => {
            refused("0X10", /lower-case 0x/);
            ok("0x10");
            refused("9223372036854775808 - 9223372036854775000", /past CEL's 64-bit int/);
            refused("-9223372036854775808", /^evaluates to -9223372036854775808/);
        });
        it("runs of - and ! as cel-go reads them", () => {
            ok("--max_pods");
            expect(maxPodsOf("--max_pods", 3, 10)).to.equal(29n);
            ok("!!true ? 1 : 2");
            refused("-!true ? 1 : 2", /- right before ! at character 2/);
            ok("-(-max_pods)");
        });
        it("cel-go's parser stops at 250 nested operators", () => {
            ok(`1${"+1".repeat(250)}`);
            refused(`1${"+1".repeat(251)}`, /^nests 251 operators deep; nodeadm's CEL parser stops at 250/);
            // Parentheses: cel-go counts the outermost expression too, so 249 pairs is the most.
            ok(`${"(".repeat(249)}max_pods${")".repeat(249)}`);
            refused(`${"(".repeat(250)}max_pods${")".repeat(250)}`, /Exceeded maxDepth \(250\)/);
        });
    });

    describe("what any value written into user data must be", () => {
        it(`at most ${MAX_PODS_EXPRESSION_LENGTH} characters`, () => {
            ok(`max_pods${" ".repeat(MAX_PODS_EXPRESSION_LENGTH - 8)}`);
            refused(`max_pods${" ".repeat(MAX_PODS_EXPRESSION_LENGTH - 7)}`, /^is 1025 characters long; at most 1024$/);
        });
        it("no control or invisible characters, though CEL reads a tab or newline as a space", () => {
            refused("max_pods\n+ 1", /^holds the control character U\+000A; write the expression on one line/);
            refused("max_pods + 1 // \u202e", /U\+202E/);
        });
        it("not empty, not blank", () => {
            refused("", /^is empty/);
            refused("   ", /^is empty/);
        });
        it("non-ASCII where CEL allows it (strings, comments) is fine", () => {
            ok("\"ü\" == \"ü\" ? max_pods : 1");
            ok("max_pods // höchstens");
            refused("max_pods × 2", /Unexpected character: × at character 10/);
        });
    });

    describe("through the rule and the renderer", () => {
        it("the review reports it at launchTemplate.userData.maxPodsExpression, quoting the expression", async () => {
            const r = await review(baseArgs({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-1", userData: { maxPodsExpression: "max_pods > 110" } } }));
            const found = r.findings.filter((f) => f.ruleId === "userdata-max-pods");
            expect(found.map((f) => f.path)).to.deep.equal(["launchTemplate.userData.maxPodsExpression"]);
            expect(found[0].message).to.match(/^maxPodsExpression "max_pods > 110" has a result of type bool, where nodeadm needs an int/);
        });
        it("the renderer refuses it too (the second wall)", () => {
            const c = cases().find((c) => c.family === OsFamily.AmazonLinux2023 && c.customAmi)!;
            expect(() => amazonLinux2023.render({ ...c.request, node: { ...c.request.node, maxPodsExpression: "((max_pods" } }))
                .to.throw(/^refusing to render the max-pods expression: it does not parse as CEL/);
            expect(() => amazonLinux2023.render({ ...c.request, node: { ...c.request.node, maxPodsExpression: "max_pods < 30 ? max_pods : 30" } })).to.not.throw();
        });
    });

    it("the CEL library is loaded only when an expression is checked (start-up cost)", () => {
        // A fresh process: review a group without an expression, then check one; record what require() loads.
        const script = `
            const Module = require("module");
            const load = Module._load;
            const seen = [];
            Module._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };
            const { review } = require("./src/model/review");
            const { baseArgs } = require("./tests/support/harness");
            const { maxPodsExpressionProblem } = require("./src/facts/grammar");
            Promise.resolve(review(baseArgs({ osFamily: "AmazonLinux2023", launchTemplate: { imageId: "ami-1", userData: { maxPods: 20 } } }))).then(() => {
                const before = seen.includes("@marcbachmann/cel-js");
                const start = process.hrtime.bigint();
                maxPodsExpressionProblem("max_pods");
                const ms = Number(process.hrtime.bigint() - start) / 1e6;
                console.log(JSON.stringify({ before, after: seen.includes("@marcbachmann/cel-js"), ms }));
            });`;
        const r = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8", timeout: 60000 });
        expect(r.status, r.stderr).to.equal(0);
        const got = JSON.parse(r.stdout.trim().split("\n").pop()!) as { before: boolean; after: boolean; ms: number };
        expect(got.before, "loaded by a review without an expression").to.equal(false);
        expect(got.after, "loaded for an expression").to.equal(true);
        expect(r.stderr, "require() of the ES module prints no warning").to.not.match(/ExperimentalWarning/);
    });
});
