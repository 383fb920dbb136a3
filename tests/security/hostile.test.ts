// Hostile strings in every field that reaches user data, for every family with a custom AMI (where
// the component writes the whole bootstrap): each value is either refused by a rule at that field,
// or arrives at its consumer as exactly the string meant. Consumers as oracles: bash itself runs
// the Amazon Linux 2 script against a stub bootstrap.sh that records its argv; a YAML 1.1 reader
// (nodeadm's Go YAML follows 1.1) reads the NodeConfig; a TOML reader and EKS's TOML-forms check
// read Bottlerocket's settings; PowerShell's string lexer, re-implemented below from its rules
// (no pwsh on this machine or in its registries), reads the Windows bootstrap call.
import { expect } from "chai";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { OsFamily } from "../../src";
import { componentPath } from "../../src/model/diagnostics";
import { isPromise } from "../../src/base/maybe";
import { pathsOverlap } from "../../src/base/paths";
import { review, Review } from "../../src/model/review";
import { shellQuote } from "../../src/userdata/al2";
import { rejectedTomlForms } from "../../src/userdata/bottlerocket";
import { readMime } from "../../src/userdata/mime";
import { psQuote } from "../../src/userdata/windows";
import { baseArgs, CA } from "../support/harness";
import { bash } from "../support/bash";
import { seedFromEnv } from "../support/seed";

const RUNS = Number(process.env.HOSTILE_RUNS ?? 60);
const SEED = seedFromEnv() ?? 20261201;

const PIECES = ["'", '"', "`", "$(id)", "${IFS}", "\n", "\r", "\r\n", "\u0000", "\u2018", "\u2019", "\u201a", "\u201b", "\u2028", "\u0085", "\u202e", "\u2066",
    ": ", "#", "- ", "[", "]", "{", "}", "=", ",", "\\", ";", "&", "|", ">", "<", "%", " ", "\t", "~", "*", "--==EKS-NODEGROUP==", "\n--",
    "1_000", "0x_1", "yes", "on", "null", "1e3", "\u001b[2K", "é", "/", ":", ".", "-", "a", "Z", "9"];
const hostile = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }),
    { minLength: 1, maxLength: 6 }).map((a) => a.join(""));
/** The hostile text alone, or around a valid value; now and then the valid value itself. */
const around = (valid: string) => fc.tuple(fc.constantFrom("alone", "before", "after", "after", "valid"), hostile)
    .map(([where, h]) => (where === "valid" ? valid : where === "alone" ? h : where === "before" ? h + valid : valid + h));

interface Field {
    /** The component argument path a refusal must name (or lie inside). */
    path: string;
    families: OsFamily[];
    value: fc.Arbitrary<string>;
    put(args: Record<string, any>, v: string): void;
}

const ALL = [OsFamily.AmazonLinux2, OsFamily.AmazonLinux2023, OsFamily.Bottlerocket, OsFamily.Windows];
const fields: Field[] = [
    { path: "cluster.name", families: ALL, value: around("prod"), put: (a, v) => { a.cluster.name = v; } },
    { path: "cluster.endpoint", families: ALL, value: around("https://ABC.gr7.eu-west-1.eks.amazonaws.com"), put: (a, v) => { a.cluster.endpoint = v; } },
    { path: "cluster.certificateAuthority", families: ALL, value: around(CA), put: (a, v) => { a.cluster.certificateAuthority = v; } },
    { path: "cluster.serviceIpv4Cidr", families: ALL, value: around("10.100.0.0/16"), put: (a, v) => { a.cluster.serviceIpv4Cidr = v; } },
    { path: "launchTemplate.userData.kubeletExtraArgs", families: [OsFamily.AmazonLinux2, OsFamily.AmazonLinux2023, OsFamily.Windows], value: around("--v=2"),
        put: (a, v) => { a.launchTemplate.userData.kubeletExtraArgs = ["--image-gc-high-threshold=80", v]; } },
    { path: "labels", families: ALL, value: around("team"), put: (a, v) => { a.labels = { [v]: "platform" }; } },
    { path: "labels", families: ALL, value: around("platform"), put: (a, v) => { a.labels = { team: v }; } },
    { path: "taints", families: ALL, value: around("dedicated"), put: (a, v) => { a.taints = [{ key: v, value: "gpu", effect: "NO_SCHEDULE" }]; } },
    { path: "taints", families: ALL, value: around("gpu"), put: (a, v) => { a.taints = [{ key: "dedicated", value: v, effect: "NO_SCHEDULE" }]; } },
    { path: "launchTemplate.userData.nodeConfig", families: [OsFamily.AmazonLinux2023], value: around("shutdownGracePeriod"),
        put: (a, v) => { a.launchTemplate.userData.nodeConfig = { kubeletConfig: { [v]: "30s" } }; } },
    { path: "launchTemplate.userData.nodeConfig", families: [OsFamily.AmazonLinux2023], value: around("30s"),
        put: (a, v) => { a.launchTemplate.userData.nodeConfig = { kubeletConfig: { shutdownGracePeriod: v }, featureGates: { InstanceIdNodeName: true } }; } },
    { path: "launchTemplate.userData.maxPodsExpression", families: [OsFamily.AmazonLinux2023], value: around("max_pods - 2"),
        put: (a, v) => { a.launchTemplate.userData = { maxPodsExpression: v }; } },
    { path: "launchTemplate.userData.bottlerocketSettings", families: [OsFamily.Bottlerocket], value: around("motd"),
        put: (a, v) => { a.launchTemplate.userData.bottlerocketSettings = { [v]: "hello" }; } },
    { path: "launchTemplate.userData.bottlerocketSettings", families: [OsFamily.Bottlerocket], value: around("hello"),
        put: (a, v) => { a.launchTemplate.userData.bottlerocketSettings = { motd: v, kernel: { sysctl: { "net.ipv4.ip_forward": v } } }; } },
];

function argsFor(family: OsFamily): Record<string, any> {
    const args = baseArgs({ osFamily: family, launchTemplate: { imageId: "ami-0123456789abcdef0", userData: family === OsFamily.Windows ? {} : { maxPods: 58 } } }) as Record<string, any>;
    args.cluster = { ...args.cluster };
    args.launchTemplate.userData = { ...args.launchTemplate.userData };
    return args;
}

function reviewed(args: unknown): Review {
    const r = review(args);
    if (isPromise(r)) throw new Error("plain args are reviewed at once");
    return r;
}

// ---- The consumers ----

const work = mkdtempSync(path.join(tmpdir(), "hostile-"));
const stub = path.join(work, "bootstrap.sh");
writeFileSync(stub, "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$ARGV_FILE\"\n", { mode: 0o755 });

/** Runs the bootstrap part under bash, bootstrap.sh replaced by a stub that records its argv. */
function bashArgv(script: string): string[] {
    const argvFile = path.join(work, "argv");
    writeFileSync(argvFile, "");
    const runnable = script.replace("/etc/eks/bootstrap.sh ", `${stub} `);
    const r = bash(["-c", runnable], { env: { ARGV_FILE: argvFile } });
    expect(r.status, r.stderr).to.equal(0);
    return readFileSync(argvFile, "utf8").split("\0").slice(0, -1);
}

/** PowerShell's single-quoted string lexer: any of ' U+2018 U+2019 U+201A U+201B opens and closes; two in a row are one literal quote. */
export function psTokens(line: string): { kind: "string" | "word"; text: string }[] {
    const quote = /['\u2018\u2019\u201a\u201b]/;
    const tokens: { kind: "string" | "word"; text: string }[] = [];
    let i = 0;
    while (i < line.length) {
        const c = line[i];
        if (c === " ") { i++; continue; }
        if (quote.test(c)) {
            let text = "";
            i++;
            for (;;) {
                if (i >= line.length) throw new Error("unterminated string");
                if (quote.test(line[i])) {
                    if (i + 1 < line.length && quote.test(line[i + 1])) { text += line[i]; i += 2; continue; }
                    i++;
                    break;
                }
                text += line[i++];
            }
            tokens.push({ kind: "string", text });
            continue;
        }
        let word = "";
        while (i < line.length && line[i] !== " " && !quote.test(line[i])) word += line[i++];
        tokens.push({ kind: "word", text: word });
    }
    return tokens;
}

/** The named arguments of the Start-EKSBootstrap.ps1 call, as PowerShell reads them. */
function windowsArguments(userData: string): Record<string, string> {
    const line = userData.split("\n").find((l) => l.startsWith("& $EKSBootstrapScriptFile "))!;
    const tokens = psTokens(line);
    expect(tokens.slice(0, 2).map((t) => t.text)).to.deep.equal(["&", "$EKSBootstrapScriptFile"]);
    expect(tokens.slice(-4).map((t) => t.text)).to.deep.equal(["3>&1", "4>&1", "5>&1", "6>&1"]);
    const named: Record<string, string> = {};
    const middle = tokens.slice(2, -4);
    for (let i = 0; i < middle.length; i += 2) {
        expect(middle[i].kind).to.equal("word");
        expect(middle[i + 1].kind, `${middle[i].text} takes one string`).to.equal("string");
        named[middle[i].text] = middle[i + 1].text;
    }
    return named;
}

/** What each family's consumer reads from the rendered user data, in one shape. */
function consumed(family: OsFamily, userData: string): { name: string; endpoint: string; ca: string; flags: string[]; settings?: Record<string, any> } {
    switch (family) {
        case OsFamily.AmazonLinux2: {
            const part = readMime(userData).parts.find((p) => p.content.includes("/etc/eks/bootstrap.sh"))!;
            const argv = bashArgv(part.content);
            const opt = (name: string) => argv[argv.indexOf(name) + 1];
            return { name: argv[0], endpoint: opt("--apiserver-endpoint"), ca: opt("--b64-cluster-ca"),
                flags: argv.includes("--kubelet-extra-args") ? opt("--kubelet-extra-args").split(" ") : [] };
        }
        case OsFamily.AmazonLinux2023: {
            const part = readMime(userData).parts.find((p) => p.contentType === "application/node.eks.aws")!;
            const config = parseYaml(part.content, { version: "1.1", schema: "yaml-1.1" }) as Record<string, any>;
            return { name: config.spec.cluster.name, endpoint: config.spec.cluster.apiServerEndpoint, ca: config.spec.cluster.certificateAuthority,
                flags: config.spec.kubelet?.flags ?? [], settings: config.spec };
        }
        case OsFamily.Bottlerocket: {
            expect(rejectedTomlForms(userData)).to.deep.equal([]);
            const settings = (parseToml(userData) as Record<string, any>).settings;
            return { name: settings.kubernetes["cluster-name"], endpoint: settings.kubernetes["api-server"], ca: settings.kubernetes["cluster-certificate"], flags: [], settings };
        }
        case OsFamily.Windows: {
            const a = windowsArguments(userData);
            return { name: a["-EKSClusterName"], endpoint: a["-APIServerEndpoint"], ca: a["-Base64ClusterCA"], flags: (a["-KubeletExtraArgs"] ?? "").split(" ").filter((f) => f !== "") };
        }
    }
}

describe(`hostile values in every field that reaches the user data (seed ${SEED})`, function () {
    this.timeout(600000);
    for (const field of fields) {
        for (const family of field.families) {
            it(`${family}, ${field.path}: refused there, or read back exactly`, () => {
                let accepted = 0;
                fc.assert(fc.property(field.value, (v) => {
                    const args = argsFor(family);
                    field.put(args, v);
                    const r = reviewed(args);
                    const errors = r.findings.filter((f) => f.severity === "error");
                    if (errors.length > 0) {
                        expect(errors.some((f) => pathsOverlap(field.path, componentPath(f.path).replace(/\[.*$/, ""))),
                            JSON.stringify(errors)).to.equal(true);
                        return;
                    }
                    accepted++;
                    expect(r.userData.known).to.equal(true);
                    const text = (r.userData as { text: string }).text;
                    const got = consumed(family, text);
                    const cluster = args.cluster;
                    expect(got.name).to.equal(cluster.name);
                    expect(got.endpoint).to.equal(cluster.endpoint);
                    expect(got.ca).to.equal(cluster.certificateAuthority);
                    const extra: string[] = args.launchTemplate.userData.kubeletExtraArgs ?? [];
                    for (const flag of extra) expect(got.flags).to.include(flag);
                    if (args.labels && family !== OsFamily.Bottlerocket) {
                        const [[k, val]] = Object.entries(args.labels as Record<string, string>);
                        expect(got.flags).to.include(`--node-labels=${k}=${val}`);
                    }
                    if (family === OsFamily.Bottlerocket && args.labels) expect(got.settings!.kubernetes["node-labels"]).to.deep.equal(args.labels);
                    const expression = args.launchTemplate.userData.maxPodsExpression;
                    if (expression !== undefined) expect(got.settings!.kubelet.maxPodsExpression).to.equal(expression);
                    const typed = args.launchTemplate.userData.nodeConfig?.kubeletConfig;
                    if (typed) expect(got.settings!.kubelet.config).to.deep.include(typed);
                    const br = args.launchTemplate.userData.bottlerocketSettings;
                    if (br) for (const [k, val] of Object.entries(br)) expect(got.settings![k]).to.deep.equal(val);
                }), { numRuns: RUNS, seed: SEED });
                // The valid value itself is among those accepted now and then; a field whose every draw is refused says nothing of quoting.
                expect(accepted, "some draws are accepted and read back").to.be.greaterThan(0);
            });
        }
    }
});

describe(`quoting, the second wall (seed ${SEED})`, () => {
    it("bash reads shellQuote(s) back as s, for any text without NUL", () => {
        fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\u0000")), (s) => {
            const r = bash(["-c", `printf '%s' ${shellQuote(s)}`]);
            expect(r.stdout).to.equal(s);
        }), { numRuns: 150, seed: SEED });
    });

    it("PowerShell reads psQuote(s) back as s, for printable ASCII; any other character is refused", () => {
        fc.assert(fc.property(fc.string({ unit: fc.constantFrom(..."'\"`$() ;&|a-Z9".split("")), maxLength: 30 }), (s) => {
            const tokens = psTokens(psQuote(s));
            expect(tokens).to.deep.equal([{ kind: "string", text: s }]);
        }), { numRuns: 300, seed: SEED });
        for (const q of ["\u2018", "\u2019", "\u201a", "\u201b", "é", "\n", "\u0000"]) expect(() => psQuote(`a${q}b`), JSON.stringify(q)).to.throw(/refusing to render/);
        // The lexer itself ends a string at each of the five quote characters: why only ASCII is rendered.
        for (const q of ["'", "\u2018", "\u2019", "\u201a", "\u201b"]) {
            expect(psTokens(`'a${q} b`)).to.deep.equal([{ kind: "string", text: "a" }, { kind: "word", text: "b" }]);
        }
    });
});
