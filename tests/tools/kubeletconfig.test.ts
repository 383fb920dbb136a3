// src/data/kubelet-config.json against kubelet's own type, compiled: kubelet-probe (tests/tools/kubeletprobe,
// built by scripts/build-tools.sh kubelet-probe at the table's k8s.io/kubelet) decodes documents with
// encoding/json into config/v1beta1.KubeletConfiguration, as kubelet decodes the drop-in nodeadm writes.
// For every field of the table, nested ones included, a value the rules call undecodable must fail that
// decode and every other value must pass; every name of the table must be a field of the type (a strict
// decode), and a misspelt one must not be. And nodeadm's own reading of a NodeConfig (nodeadm-probe) must
// give the rules the values they check: Go's YAML 1.1, and no typing of spec.kubelet.config at all.
import { spawnSync } from "child_process";
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { homedir, tmpdir } from "os";
import * as path from "path";
import { contentKubeletConfigs, KUBELET_CONFIG, KubeletField, kubeletConfigProblems } from "../../src/rules/kubeletconfig";

const ROOT = path.resolve(__dirname, "../..");
const TOOLS_BIN = path.join(process.env.EKS_NODEGROUP_TOOLS ?? path.join(homedir(), ".cache/eks-nodegroup/tools"), "bin");
const KUBELET_PROBE = path.join(TOOLS_BIN, "kubelet-probe");
const NODEADM_PROBE = path.join(TOOLS_BIN, "nodeadm-probe");
const KUBELET_VERSION = /^KUBELET_VERSION=(\S+)$/m.exec(readFileSync(path.join(ROOT, "scripts/build-tools.sh"), "utf8"))![1];
const TYPE_META = { apiVersion: "kubelet.config.k8s.io/v1beta1", kind: "KubeletConfiguration" };

/** Values of each kind: those kubelet's decode takes, and those it refuses (by the rules' reading). */
function samples(f: KubeletField): unknown[] {
    switch (f.kind) {
        case "string": return ["x", "", 1, true, {}, ["x"]];
        case "bool": return [true, false, "true", 1];
        case "int32": case "int64": return [0, 5, -5, f.range![1], f.range![0], "5", 1.5, f.kind === "int32" ? 2147483648 : 1e19, true];
        case "float": return [0.5, 2, -1, "0.5", true];
        case "time": return ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5+02:00", "2026-13-01T00:00:00Z", "2026-01-01 00:00:00Z", "x", "", 1, true];
        case "duration": return ["30s", "1h30m", "0", "-1.5h", ".5s", "5.s", "+3m", "1µs", "2us", "100ns", "30", "", "1d", "1 h", "s", 30, true];
        case "object": return [{}, "x", [], 1];
        case "list": return [[], [{}], "x", [1], {}];
        case "stringList": return [[], ["a", "b"], [1], "a", {}];
        case "int32List": return [[], [1, 2], ["1"], [1.5], 1];
        case "stringMap": case "quantityMap": return [{}, { cpu: "100m" }, { cpu: 1 }, { cpu: true }, [], "x"];
        case "boolMap": return [{}, { A: true }, { A: "true" }, { A: 1 }, []];
        case "stringListMap": return [{}, { a: ["b"] }, { a: "b" }, { a: [1] }, []];
        case "resourceList": return [{}, { memory: "1Gi" }, { memory: 1 }, { memory: "100m" }, { memory: "x" }, { memory: "1GB" }, { memory: true }, []];
        default: return [];
    }
}

/** Each settable field of the table as a key path, with its entry (list items as [0]). */
function leaves(fields: Record<string, KubeletField>, prefix: string[] = []): [string[], KubeletField][] {
    const out: [string[], KubeletField][] = [];
    for (const [name, f] of Object.entries(fields)) {
        if (f.kind === "typeMeta") continue;
        out.push([[...prefix, name], f]);
        if (f.fields) out.push(...leaves(f.fields, [...prefix, name]));
        if (f.items?.fields) out.push(...leaves(f.items.fields, [...prefix, name, "0"]));
    }
    return out;
}

/** A document with `value` at `keys` (a "0" step is a list's first element). */
function at(keys: string[], value: unknown): Record<string, unknown> {
    let v: unknown = value;
    for (let i = keys.length - 1; i >= 0; i--) v = keys[i] === "0" ? [v] : { [keys[i]]: v };
    return v as Record<string, unknown>;
}

function kubeletDecode(docs: Record<string, unknown>[]): { error?: string; unknown?: string }[] {
    const r = spawnSync(KUBELET_PROBE, ["decode"], { input: docs.map((d) => JSON.stringify(d)).join("\n") + "\n", encoding: "utf8", timeout: 60000, maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).to.equal(0);
    return r.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

describe("the kubelet configuration table against kubelet's compiled type", function () {
    before(function () {
        if (!existsSync(KUBELET_PROBE)) throw new Error(`${KUBELET_PROBE} is missing: run scripts/build-tools.sh kubelet-probe`);
    });

    it("was written from the k8s.io/kubelet the probe is built against", () => {
        expect(KUBELET_CONFIG.sources[0].module).to.equal(`k8s.io/kubelet@${KUBELET_VERSION}`);
    });

    it("calls a value undecodable exactly when kubelet's decode refuses it, for every field and kind", () => {
        const cases: { keys: string[]; value: unknown; doc: Record<string, unknown> }[] = [];
        for (const [keys, f] of leaves(KUBELET_CONFIG.fields)) {
            for (const value of samples(f)) cases.push({ keys, value, doc: { ...TYPE_META, ...at(keys, value) } });
        }
        const answers = kubeletDecode(cases.map((c) => c.doc));
        const disagreements: string[] = [];
        cases.forEach((c, i) => {
            const ours = kubeletConfigProblems(c.doc).filter((p) => p.decode).map((p) => p.message);
            const theirs = answers[i].error;
            if ((ours.length > 0) !== (theirs !== undefined)) disagreements.push(`${c.keys.join(".")} = ${JSON.stringify(c.value)}: rules ${JSON.stringify(ours)}, kubelet ${JSON.stringify(theirs)}`);
        });
        expect(cases.length).to.be.greaterThan(1000);
        expect(disagreements).to.deep.equal([]);
    });

    it("names only fields the type has, at every depth, and calls a misspelt one unknown as the type does", () => {
        const all = leaves(KUBELET_CONFIG.fields);
        const docs = all.map(([keys, f]) => ({ ...TYPE_META, ...at(keys, samples(f)[0]) }));
        const misspelt = all.filter(([, f]) => f.kind !== "object" && f.kind !== "list").map(([keys]) => ({ ...TYPE_META, ...at([...keys.slice(0, -1), `${keys[keys.length - 1]}s`], "x") }));
        const answers = kubeletDecode([...docs, ...misspelt]);
        all.forEach(([keys], i) => expect(answers[i], keys.join(".")).to.deep.equal({}));
        misspelt.forEach((doc, i) => {
            const a = answers[all.length + i];
            expect(a.unknown, JSON.stringify(doc)).to.match(/unknown field/);
            // kubelet's own decode ignores it: a warning, never an error.
            expect(a.error, JSON.stringify(doc)).to.equal(undefined);
            expect(kubeletConfigProblems(doc).map((p) => p.ruleId), JSON.stringify(doc)).to.include("userdata-kubelet-config-fields");
        });
    });
});

describe("spec.kubelet.config as nodeadm reads it", function () {
    const work = mkdtempSync(path.join(tmpdir(), "kubeletconfig-"));
    before(function () {
        if (!existsSync(NODEADM_PROBE)) throw new Error(`${NODEADM_PROBE} is missing: run scripts/build-tools.sh nodeadm-probe`);
    });

    function nodeadmConfig(yaml: string): { code: number | null; config: unknown; err: string } {
        const file = path.join(work, `${Math.random().toString(36).slice(2)}.yaml`);
        writeFileSync(file, yaml);
        const r = spawnSync(NODEADM_PROBE, ["decode", file], { encoding: "utf8", env: { PATH: process.env.PATH, AWS_EC2_METADATA_DISABLED: "true" }, timeout: 30000 });
        return { code: r.status, config: r.status === 0 ? JSON.parse(r.stdout).config : undefined, err: r.stderr };
    }

    it("gives the values the rules read, under Go's YAML 1.1 (yes, on, 0x, octal, underscores; timestamps and 1:30 stay strings)", () => {
        const yaml = [
            "apiVersion: node.eks.aws/v1alpha1", "kind: NodeConfig", "spec:", "  kubelet:", "    config:",
            "      serializeImagePulls: no", "      enableServer: on", "      failSwapOn: yes", "      cpuCFSQuota: True", "      makeIPTablesUtilChains: n",
            "      maxOpenFiles: 0x10000", "      podPidsLimit: 010", "      registryBurst: 1_000", "      eventBurst: +5", "      memoryThrottlingFactor: .9",
            "      kubeAPIQPS: 1e3", "      shutdownGracePeriod: 1:30", "      providerID: 2001-12-14", "      cgroupRoot: ~", "      address: 0.0.0.0",
            "      kubeReserved: {cpu: 100m, memory: 1}", "      tlsCipherSuites: [TLS_AES_128_GCM_SHA256]", "      staticPodURL: 'yes'",
            "",
        ].join("\n");
        const r = nodeadmConfig(yaml);
        expect(r.code, r.err).to.equal(0);
        expect(contentKubeletConfigs(yaml)).to.deep.equal([r.config]);
    });

    it("does not type spec.kubelet.config (an inline document): the values are the rules' to check", () => {
        const yaml = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: many\n      shutdownGracePeriods: 30\n";
        const r = nodeadmConfig(yaml);
        expect(r.code, r.err).to.equal(0);
        expect(r.config).to.deep.equal({ maxPods: "many", shutdownGracePeriods: 30 });
        expect(kubeletConfigProblems(r.config as Record<string, unknown>).map((p) => p.ruleId).sort()).to.deep.equal(["userdata-kubelet-config-fields", "userdata-kubelet-config-values"]);
    });
});
