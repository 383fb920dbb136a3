// Every byte of user data we generate, read by the tool that reads it on the node: cloud-init
// (Debian's package) for Amazon Linux MIME documents and cloud-config, bash for shell parts, and
// nodeadm (built from its Go module) for Amazon Linux 2023 NodeConfig, raw and inside MIME.
// nodeadm runs only on file:// sources with AWS_EC2_METADATA_DISABLED=true: no traffic leaves.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { gzipSync } from "zlib";
import { homedir, tmpdir } from "os";
import * as path from "path";
import { stringify } from "yaml";
import { OsFamily } from "../../src";
import { maxPodsExpressionProblem } from "../../src/facts/grammar";
import { instanceTypeFacts, networkShapes } from "../../src/facts/instancetypes";
import { maxPodsOf } from "../../src/facts/maxpodsexpression";
import { review } from "../../src/model/review";
import { amazonLinux2 } from "../../src/userdata/al2";
import { amazonLinux2023, nodeConfig, nodeConfigText } from "../../src/userdata/al2023";
import { readMime, writeMime } from "../../src/userdata/mime";
import { baseArgs } from "../support/harness";
import { seedFromEnv } from "../support/seed";
import { corpusExpressions, generatedExpressions, KNOWN_DIFFERENCES, TRICKY } from "../support/maxpodsexpressions";
import { cases, render } from "../support/userdata";
import { renderedCases } from "../userdata/rendered/cases";
import { fixturePath } from "../userdata/rendered/fixtures";
import { bash } from "../support/bash";

const ROOT = path.resolve(__dirname, "../..");
const TOOLS_BIN = path.join(process.env.EKS_NODEGROUP_TOOLS ?? path.join(homedir(), ".cache/eks-nodegroup/tools"), "bin");
const NODEADM = process.env.NODEADM ?? path.join(TOOLS_BIN, "nodeadm");
/** nodeadm's own Go code (its v1alpha1 API types, cel-go as it uses it): tests/tools/nodeadmprobe. */
const NODEADM_PROBE = path.join(TOOLS_BIN, "nodeadm-probe");
/** The nodeadm version scripts/build-tools.sh pins. */
const NODEADM_VERSION = /^NODEADM_VERSION=(\S+)$/m.exec(readFileSync(path.join(ROOT, "scripts/build-tools.sh"), "utf8"))![1];
const CLOUD_INIT = "/usr/bin/cloud-init";
const SYSTEM_PYTHON = "/usr/bin/python3";
const EKS_NODECONFIG = path.join(__dirname, "fixtures/eks-nodeconfig.yaml");
const work = mkdtempSync(path.join(tmpdir(), "userdata-"));
let counter = 0;

function file(text: string, ext = "txt"): string {
    const f = path.join(work, `doc-${++counter}.${ext}`);
    writeFileSync(f, text);
    return f;
}

function nodeadmCheck(...files: string[]) {
    const args = ["config", "check", ...files.flatMap((f) => ["-c", `file://${f}`])];
    const r = spawnSync(NODEADM, args, { encoding: "utf8", env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_EC2_METADATA_DISABLED: "true" }, timeout: 30000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function probe(...args: string[]) {
    const r = spawnSync(NODEADM_PROBE, args, { encoding: "utf8", env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true" }, timeout: 30000 });
    return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

function cloudInitParts(files: string[]): Record<string, { type: string; payload: string; headers: Record<string, string> }[]> {
    const r = spawnSync(SYSTEM_PYTHON, [path.join(__dirname, "cloudinit_parts.py"), ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`cloud-init could not read the user data: ${r.stderr}`);
    return JSON.parse(r.stdout);
}

function planUserData(example: string): string {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/plan/cli.js"), "plan", path.join(ROOT, "examples/plans", example), "--json"], { encoding: "utf8" });
    return JSON.parse(r.stdout).userData;
}

/** Every MIME document we generate for Amazon Linux: the table of cases, the rendered fixtures (tests/userdata/rendered) and the plan examples. */
async function amazonLinuxDocuments(): Promise<{ label: string; family: OsFamily; customAmi: boolean; text: string }[]> {
    const docs = [];
    for (const c of cases().filter((c) => c.family === OsFamily.AmazonLinux2 || c.family === OsFamily.AmazonLinux2023)) {
        docs.push({ label: c.label, family: c.family, customAmi: c.customAmi, text: await render(c) });
    }
    for (const [example, family] of [["al2.yaml", OsFamily.AmazonLinux2], ["al2-custom-ami.yaml", OsFamily.AmazonLinux2], ["al2023.yaml", OsFamily.AmazonLinux2023],
        ["al2023-custom-ami.yaml", OsFamily.AmazonLinux2023], ["ml-efa-p5.yaml", OsFamily.AmazonLinux2023], ["ml-capacity-block.yaml", OsFamily.AmazonLinux2023],
        ["ml-odcr.yaml", OsFamily.AmazonLinux2]] as const) {
        docs.push({ label: `examples/plans/${example}`, family, customAmi: example.includes("custom"), text: planUserData(example) });
    }
    // The fixtures as kept (tests/userdata/rendered.test.ts holds them equal to what the component renders); an empty one is no user data.
    for (const c of renderedCases().filter((c) => c.family === OsFamily.AmazonLinux2 || c.family === OsFamily.AmazonLinux2023)) {
        const text = readFileSync(fixturePath(c), "utf8");
        if (text !== "") docs.push({ label: path.relative(ROOT, fixturePath(c)), family: c.family, customAmi: c.name.startsWith("custom-ami-"), text });
    }
    return docs;
}

describe("user data read by the real tools", function () {
    this.timeout(300000);
    let docs: Awaited<ReturnType<typeof amazonLinuxDocuments>>;

    before(async () => {
        for (const [tool, how] of [[NODEADM, "scripts/build-tools.sh nodeadm"], [NODEADM_PROBE, "scripts/build-tools.sh nodeadm-probe"], [CLOUD_INIT, "apt-get install -y cloud-init"]]) {
            if (!existsSync(tool)) throw new Error(`${tool} is missing: run ${how} (.ci/run does)`);
        }
        docs = await amazonLinuxDocuments();
    });

    it("cloud-init reads every Amazon Linux MIME document into the parts we wrote", async () => {
        const files = docs.map((d) => file(d.text));
        const read = cloudInitParts(files);
        for (const [i, d] of docs.entries()) {
            const ours = readMime(d.text).parts;
            const theirs = read[files[i]];
            expect(theirs.map((p) => p.type), d.label).to.deep.equal(ours.map((p) => p.contentType));
            theirs.forEach((p, j) => expect(p.payload.trimEnd(), d.label).to.equal(ours[j].content.trimEnd()));
        }
    });

    it("the user's own MIME document reaches cloud-init unchanged: headers, base64 and gzip parts, text/plain parts, CRLF", () => {
        const gz = gzipSync("#cloud-config\nruncmd: [[touch, /tmp/gz]]\n").toString("base64");
        const b64 = Buffer.from("#!/bin/bash\necho from-base64\n").toString("base64");
        for (const nl of ["\n", "\r\n"]) {
            const user = [
                "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="user-boundary"', "", "preamble", "--user-boundary",
                'Content-Type: text/cloud-config; charset="us-ascii"', "Merge-Type: list(append)+dict(no_replace,recurse_list)+str()",
                "X-User-Header: kept", "", "#cloud-config", "packages: [jq]", "--user-boundary",
                "Content-Type: text/x-shellscript", "Content-Transfer-Encoding: base64", 'Content-Disposition: attachment; filename="a.sh"', "", b64,
                "--user-boundary", "Content-Type: application/x-gzip", "Content-Transfer-Encoding: base64", "", gz,
                "--user-boundary", "Content-Type: text/plain", "", "#!/bin/bash", "echo plain-but-a-script",
                "--user-boundary--", "epilogue", "",
            ].join(nl);
            const c = cases().find((c) => c.family === OsFamily.AmazonLinux2 && c.customAmi)!;
            const text = amazonLinux2.render({ ...c.request, userContent: user }) as string;
            // Byte for byte: everything before the closing delimiter, then our part, then the closing delimiter and epilogue.
            const close = user.indexOf("--user-boundary--");
            expect(text.startsWith(user.slice(0, close))).to.equal(true);
            expect(text.endsWith(user.slice(close))).to.equal(true);
            const theirs = cloudInitParts([file(text)])[path.join(work, `doc-${counter}.txt`)];
            expect(theirs.map((p) => p.type), JSON.stringify(nl)).to.deep.equal(["text/cloud-config", "text/x-shellscript", "text/cloud-config", "text/x-shellscript", "text/x-shellscript"]);
            // cloud-init names parts that have no Content-Disposition itself (part-001, …); the user's own headers are kept.
            expect(theirs[0].headers).to.deep.include({ "merge-type": "list(append)+dict(no_replace,recurse_list)+str()", "x-user-header": "kept" });
            expect(theirs[1].headers["content-disposition"]).to.equal('attachment; filename="a.sh"');
            expect(theirs[1].payload).to.equal("#!/bin/bash\necho from-base64\n");
            expect(theirs[2].payload).to.contain("touch, /tmp/gz");
            expect(theirs[3].payload.trimEnd()).to.equal(["#!/bin/bash", "echo plain-but-a-script"].join(nl));
            expect(theirs[4].payload).to.match(/^#!\/bin\/bash\n[^]*\/etc\/eks\/bootstrap\.sh 'prod'/);
            // The bootstrap is called once, last.
            expect(theirs.filter((p) => p.payload.includes("/etc/eks/bootstrap.sh")).length).to.equal(1);
        }
    });

    it("a custom AMI's script and the bootstrap run as one part (its exports reach bootstrap.sh), afterBootstrap after it, the call made once", async () => {
        const r = await review(baseArgs({ osFamily: OsFamily.AmazonLinux2, instanceTypes: ["m5.large"], launchTemplate: { imageId: "ami-1", userData: {
            content: "#!/bin/bash\nexport HTTP_PROXY=http://proxy.internal:3128\n",
            afterBootstrap: "#!/bin/bash\necho after > /dev/null\n",
        } } }));
        const text = (r.userData as { text: string }).text;
        const parts = Object.values(cloudInitParts([file(text)]))[0];
        expect(parts.map((p) => p.type)).to.deep.equal(["text/x-shellscript", "text/x-shellscript"]);
        expect(parts[1].payload).to.contain("echo after");
        // Run the first part under bash, bootstrap.sh replaced by a stub that records its environment and how often it ran.
        const stub = file("#!/bin/bash\necho \"call HTTP_PROXY=$HTTP_PROXY\" >> \"$CALLS\"\n");
        spawnSync("chmod", ["+x", stub]);
        const calls = file("");
        const script = file(parts[0].payload.replace("/etc/eks/bootstrap.sh ", `${stub} `));
        const run = bash([script], { env: { CALLS: calls } });
        expect(run.status, run.stderr).to.equal(0);
        expect(readFileSync(calls, "utf8")).to.equal("call HTTP_PROXY=http://proxy.internal:3128\n");
    });

    it("every cloud-config part passes cloud-init's schema, every shell part passes bash -n", async () => {
        const read = cloudInitParts(docs.map((d) => file(d.text)));
        let cloudConfigs = 0;
        let scripts = 0;
        for (const parts of Object.values(read)) {
            for (const p of parts) {
                if (p.type === "text/cloud-config") {
                    const r = spawnSync(CLOUD_INIT, ["schema", "-c", file(p.payload, "yaml")], { encoding: "utf8" });
                    expect(r.status, `${r.stdout}${r.stderr}`).to.equal(0);
                    cloudConfigs++;
                }
                if (p.type === "text/x-shellscript") {
                    expect(p.payload).to.match(/^#!\/bin\/bash\n/);
                    const r = bash(["-n", file(p.payload, "sh")]);
                    expect(r.status, r.stderr).to.equal(0);
                    scripts++;
                }
            }
        }
        expect(cloudConfigs).to.be.greaterThan(0);
        expect(scripts).to.be.greaterThan(0);
    });

    it("a cloud-config the schema rejects is caught by the same check (the check can fail)", () => {
        const r = spawnSync(CLOUD_INIT, ["schema", "-c", file("#cloud-config\npackages: 42\n", "yaml")], { encoding: "utf8" });
        expect(r.status).to.not.equal(0);
    });

    it("nodeadm accepts every Amazon Linux 2023 document: alone with a custom AMI, after EKS's NodeConfig otherwise", async () => {
        let checked = 0;
        for (const d of docs.filter((d) => d.family === OsFamily.AmazonLinux2023)) {
            const hasNodeConfig = readMime(d.text).parts.some((p) => p.contentType === "application/node.eks.aws");
            if (!d.customAmi && !hasNodeConfig) continue; // nothing of ours for nodeadm: EKS's part alone configures the node
            const r = d.customAmi ? nodeadmCheck(file(d.text)) : nodeadmCheck(EKS_NODECONFIG, file(d.text));
            expect(r.code, `${d.label}: ${r.out}`).to.equal(0);
            expect(r.out).to.contain("Configuration is valid");
            checked++;
        }
        expect(checked).to.be.greaterThan(4);
    });

    it("nodeadm accepts the raw NodeConfig of every custom-AMI case", () => {
        for (const c of cases().filter((c) => c.family === OsFamily.AmazonLinux2023 && c.customAmi)) {
            const r = nodeadmCheck(file(stringify(nodeConfig(c.request)), "yaml"));
            expect(r.code, `${c.label}: ${r.out}`).to.equal(0);
        }
    });

    it("nodeadm accepts a NodeConfig with every typed setting (kubelet config, containerd, local storage, feature gates)", async () => {
        const c = cases().find((c) => c.family === OsFamily.AmazonLinux2023 && c.customAmi && c.withNodeSettings)!;
        const text = (await amazonLinux2023.render({ ...c.request, nodeConfig: {
            kubeletConfig: { shutdownGracePeriod: "30s", cpuManagerPolicy: "static" },
            containerdConfig: "version = 3\n\n[grpc]\naddress = \"/run/containerd/containerd.sock\"\n",
            localStorage: "RAID0",
            featureGates: { InstanceIdNodeName: true },
        } }))!;
        const r = nodeadmCheck(file(text));
        expect(r.code, r.out).to.equal(0);
    });

    it("nodeadm's API types decode every NodeConfig we write, strictly (a field nodeadm does not know fails)", async () => {
        let decoded = 0;
        for (const d of docs.filter((d) => d.family === OsFamily.AmazonLinux2023)) {
            for (const part of readMime(d.text).parts.filter((p) => p.contentType === "application/node.eks.aws")) {
                const r = probe("decode", file(part.content, "json"));
                expect(r.code, `${d.label}: ${r.err}`).to.equal(0);
                decoded++;
            }
        }
        expect(decoded).to.be.greaterThan(4);
        const misspelt = probe("decode", file(JSON.stringify({ apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig", spec: { kubelet: { maxPodExpression: "max_pods" } } }), "json"));
        expect(misspelt.code, "the strict decode can fail").to.equal(1);
        expect(misspelt.err).to.contain('unknown field "maxPodExpression"');
    });

    it("nodeadm reads the maxPodsExpression we write, and evaluates it as we compute custom networking", async () => {
        const expression = "(default_enis - 1) * (ips_per_eni - 1) + 2";
        const r = await review(baseArgs({ osFamily: OsFamily.AmazonLinux2023, instanceTypes: ["m5.large"], launchTemplate: { imageId: "ami-1", userData: { maxPodsExpression: expression } } }));
        const text = (r.userData as { text: string }).text;
        const part = readMime(text).parts.find((p) => p.contentType === "application/node.eks.aws")!;
        const kubelet = JSON.parse(probe("decode", file(part.content, "json")).out);
        expect(kubelet.maxPodsExpression).to.equal(expression);
        expect(kubelet.config?.maxPods).to.equal(undefined);
        expect(nodeadmCheck(file(text)).code).to.equal(0);
        // m5.large on the node: nodeadm's table gives 3 ENIs and 10 IPv4 each; our custom-networking value is 20.
        const custom = await review(baseArgs({ osFamily: OsFamily.AmazonLinux2023, instanceTypes: ["m5.large"], launchTemplate: { imageId: "ami-1", userData: { podNetwork: "CustomNetworking" as never } } }));
        const ours = JSON.parse(readMime((custom.userData as { text: string }).text).parts.find((p) => p.contentType === "application/node.eks.aws")!.content).spec.kubelet.config.maxPods;
        const [verdict] = nodeadmVerdicts([expression], [{ enis: 3, ipv4PerEni: 10 }]);
        expect(verdict.results[0].value).to.equal(ours).and.equal(20);
    });

    it("the instance table agrees with the one nodeadm ships (default card's ENIs, IPv4 per ENI) where nodeadm's is not older", () => {
        // nodeadm's module is in the Go module cache once scripts/build-tools.sh built it.
        const modCache = spawnSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).stdout.trim();
        const jsonl = path.join(modCache, `github.com/awslabs/amazon-eks-ami/nodeadm@${NODEADM_VERSION}/internal/kubelet/instance-info.jsonl`);
        const rows = readFileSync(jsonl, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { instanceType: string; defaultMaxENIs: number; ipv4AddressesPerInterface: number });
        let same = 0;
        const disagree: string[] = [];
        for (const row of rows) {
            const ours = instanceTypeFacts(row.instanceType);
            expect(ours, `${row.instanceType} is in nodeadm's table but not in ours`).to.not.equal(undefined);
            if (ours!.enis === row.defaultMaxENIs && ours!.ipv4PerEni === row.ipv4AddressesPerInterface) { same++; continue; }
            // The one kind of disagreement allowed: nodeadm's (older) row counts the ENIs of every card, the CNI's the default card's.
            expect(row.defaultMaxENIs, row.instanceType).to.equal(ours!.cards.reduce((a, b) => a + b, 0));
            expect(ours!.cards.length, row.instanceType).to.be.greaterThan(1);
            disagree.push(row.instanceType);
        }
        process.stdout.write(`      nodeadm's table: ${rows.length} types, ${same} the same, ${disagree.length} counted over all cards there (${disagree.join(", ")})\n`);
        expect(same).to.be.greaterThan(rows.length * 0.99);
    });

    it("an unknown local storage strategy passes nodeadm's check, so our args-schema rule rejects it", async () => {
        const c = cases().find((c) => c.family === OsFamily.AmazonLinux2023 && c.customAmi)!;
        const bad = (await amazonLinux2023.render({ ...c.request, nodeConfig: { localStorage: "RAID5" } }))!;
        expect(nodeadmCheck(file(bad)).code, "nodeadm does not check the strategy").to.equal(0);
        const ours = await review(baseArgs({ launchTemplate: { userData: { nodeConfig: { localStorage: "RAID5" as never } } } }));
        expect(ours.findings.map((f) => `${f.ruleId} ${f.path}`)).to.include("args-schema launchTemplate.userData.nodeConfig.localStorage");
    });

    const REQUIRED: [field: string, clusterArg: string, nodeadmSays: RegExp][] = [
        ["endpoint", "endpoint", /Apiserver endpoint is missing/],
        ["certificateAuthority", "certificateAuthority", /Certificate authority is missing/],
        ["serviceCidr", "serviceIpv4Cidr", /CIDR is missing/],
    ];
    for (const [field, clusterArg, nodeadmSays] of REQUIRED) {
        it(`a custom-AMI NodeConfig without ${field} is rejected by nodeadm and by us, naming cluster.${clusterArg}`, async () => {
            const c = cases().find((c) => c.family === OsFamily.AmazonLinux2023 && c.customAmi && c.ipFamily === "ipv4")!;
            const request = { ...c.request, cluster: { ...c.request.cluster, [field]: undefined } };
            // Our renderer refuses to write it (the second wall); what a renderer without that wall would write goes to nodeadm.
            expect(() => amazonLinux2023.render(request)).to.throw(/refusing to render/);
            const text = writeMime([{ contentType: "application/node.eks.aws", content: nodeConfigText(nodeConfig(request)!) }]);
            const r = nodeadmCheck(file(text));
            expect(r.code).to.equal(1);
            expect(r.out).to.match(nodeadmSays);
            const ours = await review(baseArgs({ osFamily: OsFamily.AmazonLinux2023, cluster: { ...baseArgs().cluster as object, [clusterArg]: undefined } as never, launchTemplate: { imageId: "ami-1", userData: { maxPods: 29 } } }));
            expect(ours.findings.map((f) => `${f.ruleId} ${f.path}`)).to.include(`custom-ami-cluster-facts cluster.${clusterArg}`);
        });
    }
});

/** What nodeadm-probe's maxpods-nodeadm mode answers per expression: nodeadm's compile error, or the checked type and one outcome per shape. */
interface NodeadmVerdict { compile?: string; outputType?: string; results: { value?: number; error?: string }[] }

type Shape = { enis: number; ipv4PerEni: number };

/** nodeadm's evaluateCustomMaxPodsExpression (the probe's copy) on every expression, over the network shapes (by default every one in our instance table). */
function nodeadmVerdicts(expressions: readonly string[], shapes: readonly Shape[] = networkShapes()): NodeadmVerdict[] {
    const r = spawnSync(NODEADM_PROBE, ["maxpods-nodeadm", ...shapes.map((s) => `${s.enis}:${s.ipv4PerEni}`)], {
        input: expressions.map((e) => JSON.stringify(e)).join("\n") + "\n", encoding: "utf8", maxBuffer: 256 << 20, timeout: 120000,
        env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true" },
    });
    if (r.status !== 0) throw new Error(`nodeadm-probe maxpods-nodeadm failed: ${r.stderr}`);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as NodeadmVerdict);
    expect(lines).to.have.length(expressions.length);
    return lines;
}

/** nodeadm uses an expression when it compiles and yields a max-pods on some instance type. */
const nodeadmUses = (v: NodeadmVerdict) => v.compile === undefined && v.results.some((r) => r.value !== undefined);

/**
 * The differences we choose: a result of another type than int, which nodeadm converts (we ask for
 * int(...)); comparisons mixed without parentheses (CEL reads them left to right at one precedence;
 * we ask for parentheses); more than 1024 characters; control and invisible characters, refused in
 * every value written into user data. Anything else that differs is a bug, or a KNOWN_DIFFERENCES entry.
 */
function chosenDifference(v: NodeadmVerdict, problem: string): boolean {
    if (v.outputType !== undefined && v.outputType !== "int" && problem.startsWith("has a result of type ")) return true;
    return /^(mixes comparisons without parentheses|is \d+ characters long|holds the control character)/.test(problem);
}

/**
 * Our verdict against nodeadm's on each expression: the same use or drop, and the same max-pods on
 * every shape where both use it. Answers the disagreements, and which expressions nodeadm uses.
 */
function compare(expressions: readonly string[], shapes: readonly Shape[] = networkShapes()): { disagreements: string[]; uses: boolean[] } {
    const verdicts = nodeadmVerdicts(expressions, shapes);
    const out: string[] = [];
    expressions.forEach((e, i) => {
        const v = verdicts[i];
        const problem = maxPodsExpressionProblem(e);
        if ((problem === undefined) !== nodeadmUses(v)) {
            if (problem !== undefined && chosenDifference(v, problem)) return;
            out.push(`${JSON.stringify(e)}: we ${problem === undefined ? "accept" : `refuse (${problem})`}; nodeadm ${v.compile ?? `gives ${v.outputType}: ${JSON.stringify(v.results.slice(0, 3))}…`}`);
            return;
        }
        if (problem !== undefined) return;
        shapes.forEach((s, j) => {
            const ours = maxPodsOf(e, s.enis, s.ipv4PerEni);
            const theirs = v.results[j];
            const same = theirs.value !== undefined ? ours === BigInt(theirs.value) : typeof ours === "string";
            if (!same) out.push(`${JSON.stringify(e)} on ${s.enis} ENIs × ${s.ipv4PerEni} IPs: we get ${ours}; nodeadm ${theirs.value ?? theirs.error}`);
        });
    });
    return { disagreements: out, uses: verdicts.map(nodeadmUses) };
}

describe("maxPodsExpression: our reading against nodeadm's", function () {
    before(function () {
        if (!existsSync(NODEADM_PROBE)) this.skip();
    });

    it("the probe's copy of nodeadm's evaluateCustomMaxPodsExpression matches nodeadm's source at the pinned version", () => {
        const modCache = spawnSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).stdout.trim();
        const theirs = readFileSync(path.join(modCache, `github.com/awslabs/amazon-eks-ami/nodeadm@${NODEADM_VERSION}/internal/kubelet/eni_max_pods.go`), "utf8");
        const ours = readFileSync(path.join(__dirname, "nodeadmprobe/main.go"), "utf8");
        const body = (src: string) => {
            const start = src.indexOf("func evaluateCustomMaxPodsExpression(");
            return src.slice(src.indexOf("{", start), src.indexOf("\n}\n", start))
                // The copy inlines the three name constants, leaves out zap's log line and gosec's comment.
                .replace(/defaultENIsVar/g, '"default_enis"').replace(/ipsPerENIVar/g, '"ips_per_eni"').replace(/maxPodsVar/g, '"max_pods"')
                .replace(/instanceInfo\.DefaultMaxENIs/g, "defaultMaxENIs").replace(/instanceInfo\.Ipv4AddressesPerInterface/g, "ipv4AddressesPerInterface")
                .split("\n").map((l) => l.trim().replace(/\s+/g, " ")).filter((l) => l && !l.startsWith("zap.L()") && !l.startsWith("//")).join("\n");
        };
        expect(body(theirs).length).to.be.greaterThan(500);
        expect(body(ours)).to.equal(body(theirs));
        expect(theirs, "nodeadm still computes max_pods as the probe does").to.contain("return instanceInfo.DefaultMaxENIs*(instanceInfo.Ipv4AddressesPerInterface-1) + 2");
    });

    it("the corpus's expressions and the tricky ones: refused exactly when nodeadm would drop them, the same max-pods where both use them", () => {
        const corpus = corpusExpressions();
        expect(corpus.length, "the corpus has maxPodsExpression cases").to.be.greaterThan(1);
        const all = [...new Set([...corpus, ...TRICKY])];
        // cel-go takes about a second to compile an expression nested 249 deep, and nodeadm compiles once per evaluation:
        // the long ones are evaluated on three shapes (the smallest, a middle one, the largest), the rest on every shape.
        const shapes = networkShapes();
        const short = all.filter((e) => e.length <= 400);
        const long = all.filter((e) => e.length > 400);
        const a = compare(short);
        const b = compare(long, [shapes[0], shapes[shapes.length >> 1], shapes[shapes.length - 1]]);
        expect([...a.disagreements, ...b.disagreements]).to.deep.equal([]);
        const uses = [...a.uses, ...b.uses];
        const used = uses.filter(Boolean).length;
        process.stdout.write(`      ${all.length} expressions (${corpus.length} from the corpus, ${long.length} long): nodeadm uses ${used}, drops ${all.length - used}\n`);
        // The list says something only if it holds both kinds, and the issue's three are among the dropped.
        expect(used).to.be.greaterThan(20);
        expect(all.length - used).to.be.greaterThan(20);
        expect(long.length).to.be.greaterThan(5);
        for (const e of ["max_pods = 1", "max_pods > 110", "((max_pods"]) expect(uses[short.indexOf(e)], e).to.equal(false);
    });

    // FUZZ_SEED=N (or random) adds a seed, as for the other property tests.
    for (const seed of [20261125, 4242, seedFromEnv()].filter((s): s is number => s !== undefined)) {
        it(`2000 generated expressions (seed ${seed}): the same verdicts and values as nodeadm`, () => {
            const generated = [...new Set(generatedExpressions(seed, 2000))];
            const { disagreements, uses } = compare(generated);
            expect(disagreements).to.deep.equal([]);
            const used = uses.filter(Boolean).length;
            process.stdout.write(`      ${generated.length} distinct: nodeadm uses ${used}\n`);
            expect(used).to.be.greaterThan(generated.length / 10);
        });
    }

    it("each known difference still differs as written (a library upgrade that closes one shows here)", () => {
        const verdicts = nodeadmVerdicts(KNOWN_DIFFERENCES.map((d) => d.expression));
        KNOWN_DIFFERENCES.forEach((d, i) => {
            expect(nodeadmUses(verdicts[i]) ? "uses" : "drops", `nodeadm on ${d.expression}`).to.equal(d.nodeadm);
            expect(maxPodsExpressionProblem(d.expression) === undefined ? "uses" : "drops", `we on ${d.expression} (${d.why})`).to.not.equal(d.nodeadm);
        });
    });
});
