// One owner per boot setting: every key each family's profile owns (profile.owns, src/userdata/<family>.ts),
// in every form a user could write it — typed settings, TOML or NodeConfig content, kubelet flags — in
// every family that reads that form and with an EKS AMI and a custom AMI alike, with generated values,
// is refused at its path. The cases come from the profiles, so a key added there is tested here.
import { expect } from "chai";
import fc from "fast-check";
import { stringify as toToml } from "smol-toml";
import { OsFamily } from "../../src";
import { review } from "../../src/model/review";
import { FamilyProfile, profileOf } from "../../src/userdata";
import { baseArgs } from "../support/harness";
import { seedFromEnv } from "../support/seed";

const SEED = seedFromEnv() ?? 20261205;
const RUNS = Number(process.env.OWNER_RUNS ?? 8);
const value = fc.oneof(fc.stringMatching(/^[a-z0-9.:/-]{1,20}$/), fc.integer({ min: 1, max: 500 }), fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { minKeys: 1, maxKeys: 2 }));
const customAmi = fc.boolean();
const FAMILIES = Object.values(OsFamily);

/** The families whose profile owns keys of one kind, with the keys. */
function owning(kind: keyof FamilyProfile["owns"]): [OsFamily, string[]][] {
    return FAMILIES.flatMap((f): [OsFamily, string[]][] => {
        const map = profileOf(f).owns[kind];
        return map === undefined ? [] : [[f, Object.keys(map)]];
    });
}

/** The paths userdata-owned-settings reported for `userData` on `family`, with or without a custom AMI. */
async function ownedAt(family: OsFamily, custom: boolean, userData: Record<string, unknown>): Promise<string[]> {
    const r = await review(baseArgs({ osFamily: family, instanceTypes: ["m5.large"],
        launchTemplate: { ...(custom ? { imageId: "ami-0123456789abcdef0" } : {}), userData } }));
    return r.findings.filter((f) => f.ruleId === "userdata-owned-settings" && f.severity === "error").map((f) => f.path);
}

function nested(path: string[], leaf: unknown): Record<string, unknown> {
    return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf as Record<string, unknown>);
}

const nodeConfigText = (spec: Record<string, unknown>) => JSON.stringify({ apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig", spec });

describe(`one owner per boot setting (seed ${SEED})`, function () {
    this.timeout(300000);
    const options = { seed: SEED, numRuns: RUNS };

    it("each family owns the keys of every form it reads: flags where it takes flags, its typed settings' keys", () => {
        for (const family of FAMILIES) {
            const p = profileOf(family);
            expect(p.owns.kubeletFlags !== undefined, `${family}: kubelet flags`).to.equal(p.kubeletFlags !== undefined);
            expect(p.owns.kubeletConfig !== undefined && p.owns.nodeConfigSpec !== undefined, `${family}: NodeConfig`).to.equal(p.typedSettings === "nodeConfig");
            expect(p.owns.settingsKubernetes !== undefined, `${family}: settings.kubernetes`).to.equal(p.typedSettings === "bottlerocketSettings");
        }
        expect(owning("kubeletFlags").length).to.be.greaterThan(0);
    });

    for (const [family, keys] of owning("settingsKubernetes")) for (const key of keys) {
        it(`${family} settings.kubernetes.${key}: refused in bottlerocketSettings and in the TOML content`, async () => {
            await fc.assert(fc.asyncProperty(value, customAmi, async (v, custom) => {
                expect(await ownedAt(family, custom, { bottlerocketSettings: { kubernetes: { [key]: v } } }))
                    .to.include(`launchTemplate.userData.bottlerocketSettings.kubernetes.${key}`);
                const content = toToml({ settings: { kubernetes: { [key]: v } } });
                expect(await ownedAt(family, custom, { content })).to.include("launchTemplate.userData");
            }), options);
        });
    }

    for (const [family, keys] of owning("kubeletConfig")) for (const key of keys) {
        it(`${family} KubeletConfiguration ${key}: refused in nodeConfig.kubeletConfig and in NodeConfig content`, async () => {
            await fc.assert(fc.asyncProperty(value, customAmi, async (v, custom) => {
                expect(await ownedAt(family, custom, { nodeConfig: { kubeletConfig: { [key]: v } } }))
                    .to.include(`launchTemplate.userData.nodeConfig.kubeletConfig.${key}`);
                const content = nodeConfigText({ kubelet: { config: { [key]: v } } });
                expect(await ownedAt(family, custom, { content })).to.include("launchTemplate.userData");
            }), options);
        });
    }

    for (const [family, paths] of owning("nodeConfigSpec")) for (const path of paths) {
        it(`${family} NodeConfig spec.${path}: refused in the content, bare or in a MIME part`, async () => {
            await fc.assert(fc.asyncProperty(fc.stringMatching(/^[a-z0-9.:/-]{1,20}$/), customAmi, async (v, custom) => {
                const doc = nodeConfigText(nested(path.split("."), v));
                expect(await ownedAt(family, custom, { content: doc })).to.include("launchTemplate.userData");
                const mime = `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: application/node.eks.aws\n\n${doc}\n--B--\n`;
                expect(await ownedAt(family, custom, { content: mime })).to.include("launchTemplate.userData");
            }), options);
        });
    }

    for (const [family, names] of owning("kubeletFlags")) for (const name of names) {
        it(`${family}, the kubelet flag --${name}: refused in kubeletExtraArgs, and in NodeConfig content where the family reads it`, async () => {
            await fc.assert(fc.asyncProperty(fc.stringMatching(/^[a-z0-9=.,/:-]{1,20}$/), customAmi, async (v, custom) => {
                expect(await ownedAt(family, custom, { kubeletExtraArgs: ["--v=2", `--${name}=${v}`] })).to.include("launchTemplate.userData.kubeletExtraArgs[1]");
                if (profileOf(family).typedSettings !== "nodeConfig") return;
                const content = nodeConfigText({ kubelet: { flags: [`--${name}=${v}`] } });
                expect(await ownedAt(family, custom, { content })).to.include("launchTemplate.userData");
            }), options);
        });
    }

    it("a setting given typed and again in the content is refused at the typed path, in both families", async () => {
        expect(await ownedAt(OsFamily.Bottlerocket, false, { bottlerocketSettings: { kernel: { lockdown: "integrity" } }, content: "[settings.kernel]\nlockdown = \"none\"\n" }))
            .to.deep.equal(["launchTemplate.userData.bottlerocketSettings.kernel.lockdown"]);
        expect(await ownedAt(OsFamily.AmazonLinux2023, true, { nodeConfig: { featureGates: { InstanceIdNodeName: true } },
            content: nodeConfigText({ featureGates: { InstanceIdNodeName: false } }) })).to.deep.equal(["launchTemplate.userData.nodeConfig.featureGates.InstanceIdNodeName"]);
        expect(await ownedAt(OsFamily.AmazonLinux2023, false, { kubeletExtraArgs: ["--image-gc-high-threshold=80"],
            content: nodeConfigText({ kubelet: { flags: ["--image-gc-high-threshold=70"] } }) })).to.deep.equal(["launchTemplate.userData.kubeletExtraArgs"]);
    });

    it("what nobody else writes passes: typed settings and content on different keys, labels and taints on the node group", async () => {
        expect(await ownedAt(OsFamily.Bottlerocket, true, { maxPods: 58, bottlerocketSettings: { kernel: { lockdown: "integrity" } },
            content: "[settings.host-containers.admin]\nenabled = false\n" })).to.deep.equal([]);
        expect(await ownedAt(OsFamily.AmazonLinux2023, true, { maxPods: 58, kubeletExtraArgs: ["--image-gc-high-threshold=80"],
            nodeConfig: { kubeletConfig: { shutdownGracePeriod: "30s" } }, content: nodeConfigText({ kubelet: { config: { imageGCLowThresholdPercent: 60 } } }) })).to.deep.equal([]);
    });
});
