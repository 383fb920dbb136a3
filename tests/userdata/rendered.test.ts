// Rendered user-data fixtures, in the manner of terraform-aws-eks's tests/user-data/rendered: for every
// family × (EKS AMI, custom AMI) × the main options (tests/userdata/rendered/cases.ts), the user data the
// component sends, as a file a reviewer reads: tests/userdata/rendered/<family>/<case>.<ext> (an empty
// file: no user data).
//
// Each fixture is (1) what validate() renders now, byte for byte, and what the launch template sends,
// base64-encoded; (2) read for meaning by the parser its consumer uses — MIME parts (and bash -n for
// every shell part), NodeConfig as YAML, containerd and Bottlerocket settings as TOML, the bootstrap
// call's arguments as a shell parser (mvdan-sh) or PowerShell's quoting reads them — against what the
// case's args ask for. The tools suite (npm run test:tools) also hands the Amazon Linux fixtures to
// cloud-init and nodeadm.
//
// A renderer change fails (1). If the change is intended, regenerate and review the diff:
//     npm run fixtures:userdata && git diff tests/userdata/rendered
import { expect } from "chai";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { OsFamily, UserData } from "../../src";
import { rejectedTomlForms } from "../../src/userdata/bottlerocket";
import { DEFAULT_SERVICE_IPV4_CIDR, dnsClusterIp } from "../../src/userdata/clusterdns";
import { effectiveType, isMimeDocument, MimePart, readMime } from "../../src/userdata/mime";
import { scriptEffects } from "../../src/userdata/shellcalls";
import { FAMILY_FILES, RenderedCase, renderedCases } from "./rendered/cases";
import { fixtureFiles, fixturePath, REGENERATE, renderCase } from "./rendered/fixtures";
import { bash } from "../support/bash";

const cases = renderedCases();
const shortName = (c: RenderedCase) => path.relative(path.join(__dirname, "rendered"), fixturePath(c));
const HOW_TO_UPDATE = `If the change is intended, run \`${REGENERATE}\` and read \`git diff tests/userdata/rendered\` before committing it.`;

/** What a case asks for, read from its args. */
interface Asked {
    customAmi: boolean;
    /** A custom AMI whose bootstrap the component writes (not userData.bootstrap User). */
    componentBootstraps: boolean;
    userData: UserData;
    labels: Record<string, string>;
    taints: { key: string; value?: string; effect: string }[];
    name: string;
    endpoint: string;
    ca: string;
    ipv6: boolean;
    serviceCidr: string;
    dnsIp: string;
}

function asked(c: RenderedCase): Asked {
    // The cases' args are plain values (cases.ts): no Input to wait for.
    const cluster = c.args.cluster as unknown as Record<string, string>;
    const template = (c.args.launchTemplate ?? {}) as { imageId?: string; userData?: UserData };
    const ipv6 = cluster.ipFamily === "ipv6";
    const serviceCidr = ipv6 ? cluster.serviceIpv6Cidr : cluster.serviceIpv4Cidr;
    const customAmi = template.imageId !== undefined;
    const userData = template.userData ?? {};
    return {
        customAmi, componentBootstraps: customAmi && userData.bootstrap !== "User", userData,
        labels: (c.args.labels ?? {}) as Record<string, string>, taints: (c.args.taints ?? []) as Asked["taints"],
        name: cluster.name, endpoint: cluster.endpoint, ca: cluster.certificateAuthority,
        ipv6, serviceCidr, dnsIp: dnsClusterIp(serviceCidr)!,
    };
}

const EFFECTS: Record<string, string> = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" };

/** The kubelet flags a custom AMI's bootstrap must carry for the case's labels, taints and extra args. */
function expectKubeletFlags(flags: string[], a: Asked, where: string): void {
    for (const flag of a.userData.kubeletExtraArgs as string[] ?? []) expect(flags, where).to.include(flag);
    const labels = flags.find((f) => f.startsWith("--node-labels="));
    const taints = flags.find((f) => f.startsWith("--register-with-taints="));
    // With an EKS AMI, EKS's own bootstrap applies the node group's labels and taints.
    if (!a.customAmi || Object.keys(a.labels).length === 0) expect(labels, where).to.equal(undefined);
    else expect(labels!.slice("--node-labels=".length).split(",").sort(), where).to.deep.equal(Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).sort());
    if (!a.customAmi || a.taints.length === 0) expect(taints, where).to.equal(undefined);
    else expect(taints!.slice("--register-with-taints=".length).split(",").sort(), where).to.deep.equal(a.taints.map((t) => `${t.key}=${t.value ?? ""}:${EFFECTS[t.effect]}`).sort());
}

/** max-pods as given, or computed (a positive whole number) where the component must compute it. */
function expectMaxPods(value: unknown, a: Asked, computes: boolean, where: string): void {
    if (a.userData.maxPods !== undefined) expect(value, where).to.equal(a.userData.maxPods);
    else if (computes) expect(Number.isInteger(value) && (value as number) > 0, `${where}: computed max-pods, got ${String(value)}`).to.equal(true);
    else expect(value, where).to.equal(undefined);
}

function bashSyntax(part: MimePart): void {
    expect(part.content, "a shell part starts with #!/bin/bash").to.match(/^#!\/bin\/bash\n/);
    const r = bash(["-n"], { input: part.content });
    expect(r.status, `bash -n: ${r.stderr}`).to.equal(0);
}

/**
 * The user's own parts are in the document as they wrote them: a script as a part of its own, or joined before the
 * bootstrap (`first`: Amazon Linux 2, where its script runs before the bootstrap; on Amazon Linux 2023 nodeadm reads
 * the NodeConfig parts wherever they are, and the scripts run in their order).
 */
function expectUserContent(parts: MimePart[], a: Asked, first: boolean): void {
    const content = a.userData.content as string | undefined;
    if (content === undefined) return;
    if (isMimeDocument(content)) {
        for (const theirs of readMime(content).parts) expect(parts, "the user's MIME part, headers and all").to.deep.include(theirs);
    } else {
        const at = parts.findIndex((p) => p.content.startsWith(content));
        expect(at, "the user's script is a part").to.be.at.least(0);
        if (first) expect(at, "the user's script runs first").to.equal(0);
    }
}

/** The document's parts, as cloud-init and nodeadm split it: its boundary in none of them. */
function mimeParts(text: string): MimePart[] {
    const { parts, boundary } = readMime(text);
    for (const part of parts) expect(part.content, "a part holds the boundary").to.not.include(`--${boundary}`);
    return parts;
}

/** `--flag value` pairs of a bootstrap.sh call, the cluster name first. */
function bootstrapOptions(args: readonly (string | undefined)[]): { name: string | undefined; options: Map<string, string | undefined> } {
    const options = new Map<string, string | undefined>();
    for (let i = 1; i < args.length; i += 2) options.set(args[i]!, args[i + 1]);
    return { name: args[0], options };
}

function amazonLinux2(text: string, a: Asked): void {
    const parts = mimeParts(text);
    expectUserContent(parts, a, true);
    for (const part of parts) {
        if (effectiveType(part) === "text/x-shellscript") bashSyntax(part);
        else expect(effectiveType(part), "a cloud-config or a script").to.equal("text/cloud-config");
    }
    const calls = parts.map((p, i) => ({ i, calls: effectiveType(p) === "text/x-shellscript" ? scriptEffects(p.content).bootstrapCalls : [] })).filter((p) => p.calls.length > 0);
    if (!a.customAmi) {
        expect(calls, "EKS appends the bootstrap to an EKS AMI's user data").to.deep.equal([]);
        return;
    }
    expect(calls.flatMap((p) => p.calls), "the bootstrap runs once").to.have.length(1);
    if (a.userData.afterBootstrap !== undefined) {
        expect(calls[0].i, "afterBootstrap runs after the bootstrap").to.be.lessThan(parts.length - 1);
        expect(parts[parts.length - 1].content).to.equal(a.userData.afterBootstrap);
    }
    if (!a.componentBootstraps) return;
    const { name, options } = bootstrapOptions(calls[0].calls[0]);
    expect(name).to.equal(a.name);
    expect(options.get("--apiserver-endpoint")).to.equal(a.endpoint);
    expect(options.get("--b64-cluster-ca")).to.equal(a.ca);
    expect(options.get("--dns-cluster-ip")).to.equal(a.dnsIp);
    expect(options.get("--ip-family")).to.equal(a.ipv6 ? "ipv6" : undefined);
    expect(options.get("--service-ipv6-cidr")).to.equal(a.ipv6 ? a.serviceCidr : undefined);
    expect(options.get("--use-max-pods"), "bootstrap.sh's own max-pods is off: the component sets it").to.equal("false");
    const flags = options.get("--kubelet-extra-args")!.split(" ");
    expectKubeletFlags(flags, a, "--kubelet-extra-args");
    const maxPods = flags.find((f) => f.startsWith("--max-pods="));
    expectMaxPods(maxPods === undefined ? undefined : Number(maxPods.slice("--max-pods=".length)), a, true, "--max-pods");
}

function amazonLinux2023(text: string, a: Asked): void {
    const parts = mimeParts(text);
    expectUserContent(parts, a, false);
    for (const part of parts.filter((p) => effectiveType(p) === "text/x-shellscript")) bashSyntax(part);
    const configs = parts.filter((p) => p.contentType === "application/node.eks.aws").flatMap((p) => parseAllDocuments(p.content).map((d) => {
        expect(d.errors, "a NodeConfig part is YAML").to.deep.equal([]);
        return d.toJS() as { apiVersion: string; kind: string; spec: Record<string, any> };
    }));
    const typed = a.userData.nodeConfig as Record<string, any> | undefined;
    const says = a.customAmi || a.userData.maxPods !== undefined || a.userData.maxPodsExpression !== undefined || a.userData.kubeletExtraArgs !== undefined || typed !== undefined;
    if (!says) {
        expect(configs, "an EKS AMI's NodeConfig comes from EKS when the component has nothing to add").to.deep.equal([]);
        return;
    }
    expect(configs).to.have.length(1);
    const { apiVersion, kind, spec } = configs[0];
    expect({ apiVersion, kind }).to.deep.equal({ apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig" });
    expect(spec.cluster).to.deep.equal(a.customAmi ? { name: a.name, apiServerEndpoint: a.endpoint, certificateAuthority: a.ca, cidr: a.serviceCidr } : undefined);
    const kubelet = spec.kubelet ?? {};
    expectKubeletFlags(kubelet.flags ?? [], a, "spec.kubelet.flags");
    expect(kubelet.maxPodsExpression).to.equal(a.userData.maxPodsExpression);
    expectMaxPods(kubelet.config?.maxPods, a, a.customAmi && a.userData.maxPodsExpression === undefined, "spec.kubelet.config.maxPods");
    for (const [k, v] of Object.entries(typed?.kubeletConfig ?? {})) expect(kubelet.config[k], `spec.kubelet.config.${k}`).to.deep.equal(v);
    if (typed?.containerdConfig !== undefined) {
        // containerd reads it as TOML: it must be the TOML given, as TOML.
        expect(parseToml(spec.containerd.config)).to.deep.equal(parseToml(typed.containerdConfig));
    } else {
        expect(spec.containerd).to.equal(undefined);
    }
    expect(spec.instance?.localStorage?.strategy).to.equal(typed?.localStorage);
    expect(spec.featureGates).to.deep.equal(typed?.featureGates);
}

/** Every leaf of `want` is in `got` with its value. */
function expectLeaves(got: Record<string, any>, want: Record<string, any>, where: string): void {
    for (const [k, v] of Object.entries(want)) {
        if (typeof v === "object" && v !== null && !Array.isArray(v)) expectLeaves(got?.[k], v, `${where}.${k}`);
        else expect(got?.[k], `${where}.${k}`).to.deep.equal(v);
    }
}

function bottlerocket(text: string, a: Asked): void {
    expect(rejectedTomlForms(text), "forms of TOML EKS refuses").to.deep.equal([]);
    const settings = (parseToml(text) as { settings: Record<string, any> }).settings;
    const k8s = settings.kubernetes ?? {};
    const content = a.userData.content as string | undefined;
    if (content !== undefined) expectLeaves({ settings }, parseToml(content), "the user's TOML");
    if (a.userData.bottlerocketSettings !== undefined) expectLeaves(settings, a.userData.bottlerocketSettings as Record<string, any>, "settings");
    const facts = { "cluster-name": a.name, "api-server": a.endpoint, "cluster-certificate": a.ca, "cluster-dns-ip": a.dnsIp };
    if (a.customAmi) expect(k8s).to.include(facts);
    else expect(k8s).to.not.have.any.keys(...Object.keys(facts), "node-labels", "node-taints");
    if (a.customAmi) {
        expect(k8s["node-labels"]).to.deep.equal(Object.keys(a.labels).length > 0 ? a.labels : undefined);
        const taints: Record<string, string[]> = {};
        for (const t of a.taints) (taints[t.key] ??= []).push(`${t.value ?? ""}:${EFFECTS[t.effect]}`);
        expect(k8s["node-taints"]).to.deep.equal(a.taints.length > 0 ? taints : undefined);
    }
    expectMaxPods(k8s["max-pods"], a, a.customAmi, "settings.kubernetes.max-pods");
}

/** `-Name 'value'` pairs of a PowerShell call, each single-quoted string read as PowerShell reads it ('' is one quote). */
function psArguments(line: string): Map<string, string> {
    return new Map([...line.matchAll(/-(\w+) '((?:[^']|'')*)'/g)].map((m) => [m[1], m[2].replace(/''/g, "'")]));
}

function windows(text: string, a: Asked): void {
    expect(text, "one <powershell> block").to.match(/^<powershell>\n(?![^]*<powershell>)[^]*\n<\/powershell>\n$/);
    const lines = text.split("\n");
    const call = lines.findIndex((l) => l.startsWith("& $EKSBootstrapScriptFile "));
    const content = a.userData.content as string | undefined;
    if (content !== undefined) expect(lines[1], "the user's script runs first").to.equal(content);
    if (a.userData.afterBootstrap !== undefined) expect(lines[lines.length - 3], "afterBootstrap runs last").to.equal(a.userData.afterBootstrap);
    expect((text.match(/Start-EKSBootstrap\.ps1/g) ?? []).length, "the bootstrap is called once with a custom AMI, never with an EKS AMI").to.equal(a.customAmi ? 1 : 0);
    if (!a.componentBootstraps) return;
    expect(lines[call - 1]).to.equal('[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1"');
    const args = psArguments(lines[call]);
    expect(args.get("EKSClusterName")).to.equal(a.name);
    expect(args.get("APIServerEndpoint")).to.equal(a.endpoint);
    expect(args.get("Base64ClusterCA")).to.equal(a.ca);
    expect(args.get("DNSClusterIP")).to.equal(a.dnsIp);
    // Start-EKSBootstrap.ps1 assumes EKS's default service CIDR unless told.
    expect(args.get("ServiceCIDR")).to.equal(a.serviceCidr === DEFAULT_SERVICE_IPV4_CIDR ? undefined : a.serviceCidr);
    const flags = args.get("KubeletExtraArgs")?.split(" ") ?? [];
    expectKubeletFlags(flags, a, "-KubeletExtraArgs");
    const maxPods = flags.find((f) => f.startsWith("--max-pods="));
    // The Windows bootstrap computes max-pods itself.
    expectMaxPods(maxPods === undefined ? undefined : Number(maxPods.slice("--max-pods=".length)), a, false, "--max-pods");
}

const READERS: Record<OsFamily, (text: string, a: Asked) => void> = {
    [OsFamily.AmazonLinux2]: amazonLinux2,
    [OsFamily.AmazonLinux2023]: amazonLinux2023,
    [OsFamily.Bottlerocket]: bottlerocket,
    [OsFamily.Windows]: windows,
};

describe("rendered user-data fixtures (tests/userdata/rendered)", () => {
    it("cover every family with the EKS AMI and a custom AMI, and every fixture file has its case", () => {
        for (const family of Object.values(OsFamily)) {
            expect(cases.some((c) => c.family === family && c.name.startsWith("eks-ami-")), family).to.equal(true);
            expect(cases.some((c) => c.family === family && c.name.startsWith("custom-ami-")), family).to.equal(true);
        }
        const known = new Set(cases.map(fixturePath));
        const orphans = fixtureFiles().filter((f) => !known.has(f)).map((f) => path.relative(__dirname, f));
        expect(orphans, `fixtures without a case in tests/userdata/rendered/cases.ts; run \`${REGENERATE}\` to remove them`).to.deep.equal([]);
    });

    for (const c of cases) {
        describe(shortName(c), () => {
            const file = fixturePath(c);
            const fixture = () => {
                if (!existsSync(file)) throw new Error(`${shortName(c)} is missing. Run \`${REGENERATE}\` to write it, and review it before committing.`);
                return readFileSync(file, "utf8");
            };

            it("is what the component renders now, byte for byte, and what the launch template sends (base64)", async () => {
                const rendered = await renderCase(c);
                const kept = fixture();
                expect(rendered.text, `The user data rendered for ${shortName(c)} differs from its fixture. ${HOW_TO_UPDATE}`).to.equal(kept);
                expect(rendered.encoded, "the launch template's userData is the fixture, base64-encoded (none when the fixture is empty)")
                    .to.equal(kept === "" ? undefined : Buffer.from(kept, "utf8").toString("base64"));
            });

            it(`reads as ${c.family} reads it, saying what the args ask for`, () => {
                const text = fixture();
                const a = asked(c);
                if (text === "") {
                    // No user data: only an EKS AMI with nothing to add (EKS writes the bootstrap).
                    expect(a.customAmi).to.equal(false);
                    expect(Object.keys(a.userData), "the case asks for nothing in the user data").to.deep.equal([]);
                    return;
                }
                expect(Buffer.byteLength(text), "under EC2's 16 KiB").to.be.below(16 * 1024);
                expect(path.extname(file)).to.equal(`.${FAMILY_FILES[c.family].ext}`);
                READERS[c.family](text, a);
            });
        });
    }
});
