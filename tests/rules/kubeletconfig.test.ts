// Amazon Linux 2023 kubelet settings against kubelet's own type (src/data/kubelet-config.json, written
// by scripts/kubeletconfig): what the table holds, and what userdata-kubelet-config-fields (warning: a
// field kubelet drops) and userdata-kubelet-config-values (error: kubelet does not start) report, in
// both doors. tests/tools/kubeletconfig.test.ts checks the same table against kubelet's compiled type.
import { expect } from "chai";
import { readFileSync } from "fs";
import * as path from "path";
import { review } from "../../src/model/review";
import { policyFor } from "../../src/policy";
import { ruleById } from "../../src/rules";
import { contentKubeletConfigs, KUBELET_CONFIG, kubeletConfigProblems } from "../../src/rules/kubeletconfig";
import { KUBELET_CONFIG_OWNED } from "../../src/userdata/owners";
import { baseArgs } from "../support/harness";
import { BASE_LAUNCH_TEMPLATE, BASE_NODE_GROUP, merge, stack, UNKNOWN_STRING, validate } from "../support/policy";
import { notKnownOutput } from "../../src/base/unknown";

const ROOT = path.resolve(__dirname, "../..");
const FIELDS = "userdata-kubelet-config-fields";
const VALUES = "userdata-kubelet-config-values";
const nodeConfig = (config: string) => `apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n${config}`;

async function findings(userData: Record<string, unknown>) {
    return (await review({ ...baseArgs(), launchTemplate: { userData } })).findings
        .filter((f) => f.ruleId === FIELDS || f.ruleId === VALUES).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

describe("the kubelet configuration table", () => {
    const { fields } = KUBELET_CONFIG;

    it("names its sources, pinned, and the script that writes it; the build of the oracle uses the same k8s.io/kubelet", () => {
        const table = JSON.parse(readFileSync(path.join(ROOT, "src/data/kubelet-config.json"), "utf8"));
        expect(table.generatedBy).to.match(/^scripts\/kubeletconfig /);
        expect(KUBELET_CONFIG.sources.map((s) => s.module)).to.deep.equal(["k8s.io/kubelet@v0.36.5", "k8s.io/kubernetes@v1.36.5", "k8s.io/kubernetes@v1.36.5",
            "k8s.io/api@v0.36.5", "k8s.io/component-base@v0.36.5"]);
        for (const s of KUBELET_CONFIG.sources) expect(s.published).to.match(/^\d{4}-\d\d-\d\d$/);
        const script = readFileSync(path.join(ROOT, "scripts/kubeletconfig/main.go"), "utf8");
        expect(script).to.contain('kubeletVersion    = "v0.36.5"').and.contain('kubernetesVersion = "v1.36.5"');
        expect(readFileSync(path.join(ROOT, "scripts/build-tools.sh"), "utf8")).to.match(/^KUBELET_VERSION=v0\.36\.5$/m);
        expect(KUBELET_CONFIG.kubernetesVersion).to.equal("1.36.5");
    });

    it("holds kubelet's fields by JSON name with their kinds, nested structs recursed", () => {
        expect(Object.keys(fields).length).to.equal(127);
        expect(fields.shutdownGracePeriod.kind).to.equal("duration");
        expect(fields.maxPods).to.include({ kind: "int32", minimum: 0 });
        expect(fields.podPidsLimit.kind).to.equal("int64");
        expect(fields.memoryThrottlingFactor.kind).to.equal("float");
        expect(fields.featureGates.kind).to.equal("boolMap");
        expect(fields.evictionHard.kind).to.equal("stringMap");
        expect(fields.kubeReserved).to.deep.include({ kind: "quantityMap", keys: ["cpu", "memory", "ephemeral-storage", "pid"] });
        expect(fields.authentication.fields!.webhook.fields!.cacheTTL.kind).to.equal("duration");
        expect(fields.reservedMemory.items!.fields!.limits.kind).to.equal("resourceList");
        // Structs of other packages are objects whose own fields the table does not hold.
        expect(fields.logging).to.deep.equal({ kind: "object", external: "k8s.io/component-base/logs/api/v1.LoggingConfiguration" });
    });

    it("records kind and apiVersion (TypeMeta) as not settable there", () => {
        expect(fields.kind).to.deep.equal({ kind: "typeMeta", settable: false });
        expect(fields.apiVersion).to.deep.equal({ kind: "typeMeta", settable: false });
    });

    it("has enums only where the Go code types its constants: cgroupDriver and hairpinMode are plain strings", () => {
        const enums = Object.entries(fields).filter(([, f]) => f.enum).map(([k]) => k).sort();
        expect(enums).to.deep.equal(["configMapAndSecretChangeDetectionStrategy", "imagePullCredentialsVerificationPolicy", "memoryReservationPolicy"]);
        expect(fields.authorization.fields!.mode.enum).to.deep.equal(["AlwaysAllow", "Webhook"]);
        expect(fields.cgroupDriver).to.deep.equal({ kind: "string" });
        expect(fields.hairpinMode).to.deep.equal({ kind: "string" });
    });

    it("marks the deprecated fields", () => {
        expect(Object.entries(fields).filter(([, f]) => f.deprecated).map(([k]) => k).sort())
            .to.deep.equal(["iptablesDropBit", "iptablesMasqueradeBit", "streamingConnectionIdleTimeout"]);
    });

    it("has every key the component owns (maxPods, clusterDNS, registerWithTaints)", () => {
        for (const key of Object.keys(KUBELET_CONFIG_OWNED)) expect(fields, key).to.have.property(key);
    });
});

describe("kubelet settings checked against kubelet's type", () => {
    it("a misspelt key is a warning with the closest name, at its path", async () => {
        expect(await findings({ nodeConfig: { kubeletConfig: { shutdownGracePeriods: "30s" } } })).to.deep.equal([
            `${FIELDS} launchTemplate.userData.nodeConfig.kubeletConfig.shutdownGracePeriods: launchTemplate.userData.nodeConfig.kubeletConfig.shutdownGracePeriods ` +
            "is not a field of kubelet's KubeletConfiguration (Kubernetes 1.36.5): kubelet drops a field it does not know without a word, so this setting would " +
            "have no effect; did you mean launchTemplate.userData.nodeConfig.kubeletConfig.shutdownGracePeriod?"]);
    });

    it("a name in another case is named with kubelet's spelling", () => {
        const [p] = kubeletConfigProblems({ ImageGCHighThresholdPercent: 80 });
        expect(p.ruleId).to.equal(FIELDS);
        expect(p.message).to.contain("is spelt launchTemplate.userData.nodeConfig.kubeletConfig.imageGCHighThresholdPercent in kubelet's KubeletConfiguration");
    });

    it("recurses into nested structs and lists of them", () => {
        const problems = kubeletConfigProblems({ authorization: { webhook: { cacheAuthorisedTTL: "1m" } }, shutdownGracePeriodByPodPriority: [{ priority: "high", shutdownGracePeriodSeconds: 10 }] });
        expect(problems.map((p) => `${p.ruleId} ${p.path}`)).to.deep.equal([
            `${FIELDS} launchTemplate.userData.nodeConfig.kubeletConfig.authorization.webhook.cacheAuthorisedTTL`,
            `${VALUES} launchTemplate.userData.nodeConfig.kubeletConfig.shutdownGracePeriodByPodPriority[0].priority`]);
        expect(problems[0].message).to.contain("did you mean launchTemplate.userData.nodeConfig.kubeletConfig.authorization.webhook.cacheAuthorizedTTL?");
    });

    it("a value of the wrong kind, an unparsable duration, a value below kubelet's minimum are errors", () => {
        const paths = (config: Record<string, unknown>) => kubeletConfigProblems(config).map((p) => `${p.ruleId} ${p.path.replace(/^.*kubeletConfig\./, "")}`);
        expect(paths({ imageGCHighThresholdPercent: "80" })).to.deep.equal([`${VALUES} imageGCHighThresholdPercent`]);
        expect(paths({ cpuCFSQuota: "false" })).to.deep.equal([`${VALUES} cpuCFSQuota`]);
        expect(paths({ shutdownGracePeriod: "30" })).to.deep.equal([`${VALUES} shutdownGracePeriod`]);
        expect(paths({ shutdownGracePeriod: "1h30m", cpuManagerReconcilePeriod: "0" })).to.deep.equal([]);
        expect(paths({ reservedSystemCPUs: 0 })).to.deep.equal([`${VALUES} reservedSystemCPUs`]);
        expect(paths({ maxPods: -1 })).to.deep.equal([`${VALUES} maxPods`]);
        expect(paths({ containerLogMaxWorkers: 0 })).to.deep.equal([`${VALUES} containerLogMaxWorkers`]);
        // Zero in a field that is no pointer is unset: kubelet's defaulting gives nodeLeaseDurationSeconds 40.
        expect(paths({ nodeLeaseDurationSeconds: 0 })).to.deep.equal([]);
        expect(paths({ nodeLeaseDurationSeconds: -1 })).to.deep.equal([`${VALUES} nodeLeaseDurationSeconds`]);
        expect(paths({ systemReserved: { memory: "1Gi", cpu: "-100m" } })).to.deep.equal([`${VALUES} systemReserved`]);
        // A null is a merge patch's removal: nothing reaches kubelet's decode.
        expect(paths({ shutdownGracePeriod: null, evictionHard: null })).to.deep.equal([]);
    });

    it("kind and apiVersion: kubelet's own are accepted, another is an error", () => {
        expect(kubeletConfigProblems({ kind: "KubeletConfiguration", apiVersion: "kubelet.config.k8s.io/v1beta1" })).to.deep.equal([]);
        expect(kubeletConfigProblems({ apiVersion: "kubelet.config.k8s.io/v1" }).map((p) => p.ruleId)).to.deep.equal([VALUES]);
    });

    it("does not report what userdata-owned-settings refuses in the component, but checks it in the pack", async () => {
        const r = await findings({ nodeConfig: { kubeletConfig: { maxPods: "many", clusterDNS: "10.100.0.10" } } });
        expect(r).to.deep.equal([]);
        expect(kubeletConfigProblems({ maxPods: "many" }).map((p) => p.ruleId)).to.deep.equal([VALUES]);
    });

    it("skips values not known at preview", async () => {
        expect(await findings({ nodeConfig: { kubeletConfig: { shutdownGracePeriod: notKnownOutput(), authentication: notKnownOutput(), allowedUnsafeSysctls: [notKnownOutput()] } } })).to.deep.equal([]);
        expect(await findings({ nodeConfig: { kubeletConfig: notKnownOutput() } })).to.deep.equal([]);
        expect(await findings({ content: notKnownOutput() })).to.deep.equal([]);
        // The policy pack: user data not known yet.
        const pack = await validate(policyFor(ruleById(VALUES)!), stack(merge(BASE_LAUNCH_TEMPLATE, { userData: UNKNOWN_STRING }), BASE_NODE_GROUP));
        expect(pack).to.deep.equal([]);
    });

    it("reads the content's NodeConfigs (raw or in MIME) as nodeadm does, with Go's YAML 1.1", () => {
        expect(contentKubeletConfigs(nodeConfig("      failSwapOn: no\n      maxOpenFiles: 0x10\n      providerID: 2001-12-14\n"))).to.deep.equal([
            { failSwapOn: false, maxOpenFiles: 16, providerID: "2001-12-14" }]);
        const mime = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: application/node.eks.aws\n\n" +
            nodeConfig("      maxPods: 58\n") + "--b\nContent-Type: text/x-shellscript\n\n#!/bin/bash\necho hi\n--b--\n";
        expect(contentKubeletConfigs(mime)).to.deep.equal([{ maxPods: 58 }]);
        expect(contentKubeletConfigs("#!/bin/bash\necho hi\n")).to.deep.equal([]);
    });

    it("the content's own problems are reported at the content, the misspelt key named", async () => {
        const r = await findings({ content: nodeConfig("      evictionHardd: {}\n") });
        expect(r).to.have.length(1);
        expect(r[0]).to.contain(`${FIELDS} launchTemplate.userData: spec.kubelet.config."evictionHardd" in a NodeConfig of the content is not a field`)
            .and.contain("did you mean spec.kubelet.config.evictionHard in a NodeConfig of the content?");
    });

    it("in the policy pack, names the path and the fix and prints no value of the user data", async () => {
        const userData = nodeConfig("      evictionHardd: {}\n      maxPods: \"tenant-token-58\"\n");
        const messages: string[] = [];
        for (const id of [FIELDS, VALUES]) {
            messages.push(...(await validate(policyFor(ruleById(id)!), stack(merge(BASE_LAUNCH_TEMPLATE, { userData }), BASE_NODE_GROUP))).map((v) => v.message));
        }
        expect(messages).to.have.length(2);
        for (const m of messages) expect(m).to.not.contain("tenant-token").and.not.contain("evictionHardd");
        expect(messages.join("\n")).to.contain("did you mean spec.kubelet.config.evictionHard").and.contain("spec.kubelet.config.maxPods in a NodeConfig of the content must be a whole number");
    });
});
