// The Bottlerocket settings table (scripts/bottlerocketsettings.js) and the two rules reading it, beyond the
// corpus: the table agrees with what the component itself writes, and a value not known yet is not checked.
import { expect } from "chai";
import { NOT_KNOWN } from "../../src/base/unknown";
import { BOTTLEROCKET_SETTINGS, bottlerocketSettingsRules } from "../../src/rules/bottlerocketsettings";
import { Subject } from "../../src/rules/rule";
import { BOTTLEROCKET_OWNED } from "../../src/userdata/bottlerocket";

function findings(settings: Record<string, unknown> | undefined, content?: string): string[] {
    const s = { osFamily: "Bottlerocket", launchTemplate: { userData: content }, nodeGroup: {},
        component: settings === undefined ? undefined : { kubelet: { bottlerocketSettings: settings } } } as unknown as Subject;
    const out: string[] = [];
    for (const r of bottlerocketSettingsRules) r.check(s, (path, message) => out.push(`[${r.id}] ${path}: ${message}`));
    return out;
}

describe("Bottlerocket settings against Bottlerocket's settings models", () => {
    it("names its sources, and holds the sections of both EKS variants (the NVIDIA ones on aws-k8s-nvidia only)", () => {
        expect(BOTTLEROCKET_SETTINGS.sources.join(" ")).to.match(/bottlerocket-settings-sdk@[0-9a-f]{40}/);
        expect(BOTTLEROCKET_SETTINGS.sections.kubernetes.variants).to.deep.equal(["aws-k8s", "aws-k8s-nvidia"]);
        expect(BOTTLEROCKET_SETTINGS.sections["nvidia-container-runtime"].variants).to.deep.equal(["aws-k8s-nvidia"]);
        expect(BOTTLEROCKET_SETTINGS.sections.kubernetes.spec.closed).to.equal(true);
    });

    it("knows every [settings.kubernetes] key the component writes, so what the component renders passes its own check", () => {
        const fields = BOTTLEROCKET_SETTINGS.sections.kubernetes.spec.fields!;
        expect(Object.keys(BOTTLEROCKET_OWNED).filter((k) => fields[k] === undefined)).to.deep.equal([]);
        const written = "[settings.kubernetes]\ncluster-name = \"prod\"\napi-server = \"https://ABC.gr7.eu-west-1.eks.amazonaws.com\"\n" +
            "cluster-certificate = \"Q0E=\"\ncluster-dns-ip = \"10.100.0.10\"\nmax-pods = 58\n" +
            "[settings.kubernetes.node-labels]\nteam = \"a\"\n[settings.kubernetes.node-taints]\ngpu = [\"true:NoSchedule\"]\n";
        expect(findings(undefined, written)).to.deep.equal([]);
    });

    it("does not check a value not known yet, and checks its known neighbours", () => {
        expect(findings({ kubernetes: { "max-pods": NOT_KNOWN, "standalone-mode": NOT_KNOWN }, "host-containers": NOT_KNOWN })).to.deep.equal([]);
        const found = findings({ kubernetes: { "max-pods": NOT_KNOWN, "standalone-mode": "no" } });
        expect(found).to.have.length(1);
        expect(found[0]).to.match(/^\[userdata-bottlerocket-settings-values\] launchTemplate\.userData\.bottlerocketSettings\.kubernetes\.standalone-mode: /);
    });

    it("refuses an integer outside its Rust type's range, and takes the bounds themselves", () => {
        expect(findings({ kubernetes: { "log-level": 256 } })).to.have.length(1);
        expect(findings({ kubernetes: { "log-level": 255, "max-pods": 4294967295 } })).to.deep.equal([]);
        expect(findings({ kubernetes: { "max-pods": 4294967296 } })).to.have.length(1);
    });
});
