// Bounded work on hostile user data: inputs built to make the readers work hard (gzip parts that
// inflate far past EC2's limit, many of them, newline floods, a plain script as large as the budget
// lets through) finish in a few seconds at each door — `plan` as a user runs it, and the policy pack
// on the raw resources — with a finding rather than a hang. The bound is on CPU time, which other work
// on the cores does not stretch as it stretches the wall clock; both are printed beside it. Before the
// budget, one 3.6 KB definition took 49 s (34 s of CPU).
import { spawnSync } from "child_process";
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { stringify } from "yaml";
import { gzipSync } from "zlib";
import { policies } from "../../src/policy";
import { familyOfUserData } from "../../src/userdata";
import { MAX_DECODED_BYTES, MimeError, userParts } from "../../src/userdata/mime";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, stack, validate } from "../support/policy";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "bin/plan/cli.js");
/** CPU milliseconds: the slowest case (the budget's worth of shell) takes 2–3 s of CPU here. */
const BOUND_MS = 10000;
/** Prints the process's CPU time as its last stderr line: how a child's is measured. */
const CPU_AT_EXIT = path.join(__dirname, "../support/cpu-at-exit.js");

/** A shell script of about `bytes` bytes that the shell parser has to read command by command. */
const script = (bytes: number) => `#!/bin/bash\n${"echo \"$HOME\" | tr a-z A-Z >> /tmp/x\n".repeat(Math.ceil(bytes / 36))}`;

/** A MIME document of `count` gzip parts, each inflating to `inflated` bytes of shell. */
function gzipBomb(count: number, inflated: number, first: string[] = []): string {
    const part = gzipSync(script(inflated), { level: 9 }).toString("base64").replace(/.{76}/g, "$&\n");
    const parts = Array.from({ length: count }, () =>
        ["--B", "Content-Type: application/gzip", "Content-Transfer-Encoding: base64", "", part].join("\n"));
    return ["MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="B"', "", ...first, ...parts, "--B--", ""].join("\n");
}

interface Measured { cpuMs: number; wallMs: number }

function within(what: string, m: Measured): void {
    console.log(`      ${what}: ${m.cpuMs.toFixed(0)} ms CPU, ${m.wallMs.toFixed(0)} ms wall (bound ${BOUND_MS} ms CPU)`);
    expect(m.cpuMs, what).to.be.below(BOUND_MS);
}

/** Runs `f` in this process and measures it. */
async function measured<T>(f: () => T | Promise<T>): Promise<{ out: T } & Measured> {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const out = await f();
    const used = process.cpuUsage(cpu);
    return { out, cpuMs: (used.user + used.system) / 1000, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

function planOf(content: string, family = "AmazonLinux2") {
    const dir = mkdtempSync(path.join(tmpdir(), "bounded-"));
    const file = path.join(dir, "plan.yaml");
    writeFileSync(file, stringify({
        cluster: { name: "prod", endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com", certificateAuthority: "LS0t", serviceIpv4Cidr: "172.20.0.0/16" },
        nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-0a1b2c3d4e5f60718"], osFamily: family,
        scalingConfig: { minSize: 1, maxSize: 3 },
        launchTemplate: { imageId: "ami-0fedcba9876543210", instanceType: "c5.xlarge", userData: { content } },
    }));
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["--require", CPU_AT_EXIT, CLI, "plan", file, "--json"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" } });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = /cpu-ms (\d+)\s*$/.exec(r.stderr);
    expect(cpu, r.stderr).to.not.equal(null);
    return { code: r.status, out: `${r.stdout}${r.stderr}`, cpuMs: Number(cpu![1]), wallMs };
}

describe("bounded work on hostile user data", function () {
    this.timeout(4 * BOUND_MS);

    it("reads at most MAX_DECODED_BYTES of decoded and inflated parts, together", () => {
        // Each part alone is within the budget; five together are not.
        const part = Math.floor(MAX_DECODED_BYTES / 4);
        expect(userParts(gzipBomb(3, part - 100)).length).to.equal(3);
        expect(() => userParts(gzipBomb(5, part))).to.throw(MimeError, `more than ${MAX_DECODED_BYTES} bytes`);
        // A plain text past it is not read either.
        expect(() => userParts(script(MAX_DECODED_BYTES + 10))).to.throw(MimeError, `more than ${MAX_DECODED_BYTES} bytes`);
        expect(userParts(script(MAX_DECODED_BYTES - 100))).to.have.length(1);
    });

    // The pack learns the family from the text: a first part that calls bootstrap.sh says Amazon Linux 2.
    const AL2_PART = ["--B", "Content-Type: text/x-shellscript", "", "#!/bin/bash", "/etc/eks/bootstrap.sh prod"];
    for (const [what, count, inflated] of [["one gzip part inflating to 1 MiB of shell", 1, 1 << 20], ["five gzip parts inflating to 512 KiB each", 5, 1 << 19]] as const) {
        const content = gzipBomb(count, inflated);
        it(`plan: ${what} is refused by userdata-format, in bounded time`, () => {
            expect(Buffer.byteLength(content)).to.be.below(16 * 1024);
            const r = planOf(content);
            within(`plan, ${what} (${Buffer.byteLength(content)} bytes)`, r);
            expect(r.code, r.out).to.equal(1);
            expect(r.out).to.include("userdata-format").and.include(`more than ${MAX_DECODED_BYTES} bytes`);
        });

        it(`policy pack: ${what} is refused by userdata-format, in bounded time`, async () => {
            const resources = stack({ ...BASE_LAUNCH_TEMPLATE, imageId: "ami-0fedcba9876543210", userData: gzipBomb(count, inflated, AL2_PART) }, { ...BASE_NODE_GROUP, amiType: "CUSTOM" });
            const m = await measured(async () => {
                const all = [];
                for (const policy of policies) all.push(...await validate(policy, resources));
                return all;
            });
            within(`policy pack, ${what}`, m);
            const violations = m.out;
            expect(violations.map((v) => v.message).join("\n")).to.include("[userdata-format]").and.include(`more than ${MAX_DECODED_BYTES} bytes`);
        });
    }

    it("plan: a plain shell script just under the budget is parsed, in bounded time", () => {
        const r = planOf(script(MAX_DECODED_BYTES - 200));
        within("plan, a shell script of the budget's size", r);
        // Over EC2's 16 KiB: refused for its size, after every reader had its look.
        expect(r.out).to.include("userdata-size");
        expect(r.out).not.to.include("userdata-format");
    });

    it("recognises a family in a 60,000-line newline flood in linear time", async () => {
        for (const filler of ["\n", "\r\n", " \n", "\n\t"]) {
            const flood = filler.repeat(60000);
            const m = await measured(() => familyOfUserData(`${flood}x`));
            within(`familyOfUserData, 60k × ${JSON.stringify(filler)} then nothing`, m);
            expect(m.out).to.equal(undefined);
            expect(familyOfUserData(`${flood}[settings.kubernetes]\n`)).to.equal("Bottlerocket");
            expect(familyOfUserData(`${flood}kind: NodeConfig\r\n`)).to.equal("AmazonLinux2023");
        }
    });
});
