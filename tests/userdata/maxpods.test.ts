// max-pods as the VPC CNI can really assign Pod addresses, per instance type and pod network: the
// formula's inputs read from the shipped table (checked here against EC2's published numbers),
// EC2 asked at deploy time only for what the table lacks, and the same value in every family's
// user data.
import { expect } from "chai";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { IpFamily, OsFamily, PodNetwork } from "../../src";
import { instanceTypeFacts, instanceTypeNames } from "../../src/facts/instancetypes";
import { readMime } from "../../src/userdata/mime";
import { maxPodsFor, podNetworkMode } from "../../src/facts/maxpods";
import { baseArgs, decodedUserData, run } from "../support/harness";
import { ec2Calls } from "../support/instancetypes";

/** EC2's numbers (DescribeInstanceTypes): the default card's ENIs, IPv4 per ENI, network cards, vCPUs (null: not in the table). */
const PUBLISHED: Record<string, { enis: number; ipv4PerEni: number; cards: number; vcpus: number | null; arch: string }> = {
    "m5.large": { enis: 3, ipv4PerEni: 10, cards: 1, vcpus: 2, arch: "x86_64" },
    "t3.medium": { enis: 3, ipv4PerEni: 6, cards: 1, vcpus: 2, arch: "x86_64" },
    "m7g.large": { enis: 3, ipv4PerEni: 10, cards: 1, vcpus: 2, arch: "arm64" },
    "c5.18xlarge": { enis: 15, ipv4PerEni: 50, cards: 1, vcpus: 72, arch: "x86_64" },
    "p4d.24xlarge": { enis: 15, ipv4PerEni: 50, cards: 4, vcpus: 96, arch: "x86_64" },
    "p5.48xlarge": { enis: 2, ipv4PerEni: 50, cards: 32, vcpus: 192, arch: "x86_64" },
    "p5en.48xlarge": { enis: 4, ipv4PerEni: 50, cards: 16, vcpus: 192, arch: "x86_64" },
    "trn1.32xlarge": { enis: 5, ipv4PerEni: 50, cards: 8, vcpus: 128, arch: "x86_64" },
};

const S = PodNetwork.SecondaryIps, P = PodNetwork.PrefixDelegation, C = PodNetwork.CustomNetworking, CP = PodNetwork.CustomNetworkingPrefixDelegation;
/** [type, pod network, IP family, max-pods, how]. */
const CASES: [string, PodNetwork, IpFamily, number, string][] = [
    ["m5.large", S, IpFamily.Ipv4, 29, "3 × 9 + 2"],
    ["m5.large", C, IpFamily.Ipv4, 20, "2 × 9 + 2"],
    ["m5.large", P, IpFamily.Ipv4, 110, "3 × 9 × 16 + 2 = 434, capped at 110 (2 vCPUs)"],
    ["m5.large", CP, IpFamily.Ipv4, 110, "2 × 9 × 16 + 2 = 290, capped at 110"],
    ["m5.large", S, IpFamily.Ipv6, 110, "IPv6 assigns prefixes: 434, capped at 110"],
    ["t3.medium", S, IpFamily.Ipv4, 17, "3 × 5 + 2"],
    ["t3.medium", C, IpFamily.Ipv4, 12, "2 × 5 + 2"],
    ["m7g.large", S, IpFamily.Ipv4, 29, "Graviton: 3 × 9 + 2"],
    ["c5.18xlarge", S, IpFamily.Ipv4, 250, "15 × 49 + 2 = 737, capped at 250 (72 vCPUs)"],
    ["c5.18xlarge", C, IpFamily.Ipv4, 250, "14 × 49 + 2 = 688, capped at 250"],
    ["c5.18xlarge", S, IpFamily.Ipv6, 250, "prefixes, capped at 250"],
    ["p4d.24xlarge", S, IpFamily.Ipv4, 250, "default card: 15 × 49 + 2 = 737, capped at 250"],
    ["p5.48xlarge", S, IpFamily.Ipv4, 100, "default card: 2 × 49 + 2 (not the 64 ENIs of all 32 cards)"],
    ["p5.48xlarge", C, IpFamily.Ipv4, 51, "1 × 49 + 2"],
    ["p5.48xlarge", P, IpFamily.Ipv4, 250, "2 × 49 × 16 + 2 = 1570, capped at 250"],
    ["p5en.48xlarge", S, IpFamily.Ipv4, 198, "default card: 4 × 49 + 2, under the 250 of 192 vCPUs"],
    ["p5en.48xlarge", C, IpFamily.Ipv4, 149, "3 × 49 + 2"],
    ["trn1.32xlarge", S, IpFamily.Ipv4, 247, "default card: 5 × 49 + 2, under the 250 of 128 vCPUs"],
    ["trn1.32xlarge", P, IpFamily.Ipv4, 250, "5 × 49 × 16 + 2 = 3922, capped at 250"],
];

/** Every way the CNI can assign Pod addresses (a custom CNI sets its own limit). */
const MODES = [S, P, C, CP].flatMap((n) => [IpFamily.Ipv4, IpFamily.Ipv6].map((f) => podNetworkMode(n, f)!));

describe("max-pods: the instance table against EC2's published numbers", () => {
    for (const [type, want] of Object.entries(PUBLISHED)) {
        it(`${type}: ${want.enis} ENIs on the default card, ${want.ipv4PerEni} IPv4 each, ${want.cards} cards, ${want.vcpus ?? "unknown"} vCPUs`, () => {
            const f = instanceTypeFacts(type)!;
            expect({ enis: f.enis, ipv4PerEni: f.ipv4PerEni, cards: f.cards.length, vcpus: f.vcpus, arch: f.arch })
                .to.deep.equal(want);
            expect(f.defaultCard).to.equal(0);
        });
    }
});

describe("max-pods per instance type and pod network", () => {
    for (const [type, network, family, expected, how] of CASES) {
        it(`${type}, ${network}, ${family}: ${expected} (${how})`, () => {
            expect(maxPodsFor(instanceTypeFacts(type)!, podNetworkMode(network, family)!)).to.equal(expected);
        });
    }

    it("ignores prefix delegation where the CNI assigns no prefixes (Xen: c4.large)", () => {
        const c4 = instanceTypeFacts("c4.large")!;
        expect(c4.prefixes).to.equal(false);
        expect(maxPodsFor(c4, podNetworkMode(P, IpFamily.Ipv4)!)).to.equal(29);
    });

    it("has no answer from the table when the vCPUs decide the cap and are not known, and none for a custom CNI", () => {
        // p6-b300 is newer than every source of vCPUs the table is generated from.
        expect(instanceTypeFacts("p6-b300.48xlarge")!.vcpus).to.equal(null);
        expect(maxPodsFor(instanceTypeFacts("p6-b300.48xlarge")!, podNetworkMode(S, IpFamily.Ipv4)!)).to.equal(undefined);
        expect(podNetworkMode(PodNetwork.CustomCni, IpFamily.Ipv4)).to.equal(undefined);
    });

    it("knows max-pods offline, in every pod network, for every type the autoscaler's table lists (it gives their vCPUs)", () => {
        const listed = instanceTypeNames().filter((t) => instanceTypeFacts(t)!.gpus !== undefined);
        expect(listed.length).to.be.greaterThan(1000);
        const unknown = listed.filter((t) => MODES.some((m) => maxPodsFor(instanceTypeFacts(t)!, m) === undefined));
        expect(unknown).to.deep.equal([]);
    });
});

function nodeConfigOf(text: string): Record<string, any> {
    const part = readMime(text).parts.find((p) => p.contentType === "application/node.eks.aws")!;
    return parseYaml(part.content).spec;
}

/** The max-pods a family's rendered user data gives kubelet, read as its consumer reads it. */
function writtenMaxPods(family: OsFamily, text: string): unknown {
    switch (family) {
        case OsFamily.AmazonLinux2023: return nodeConfigOf(text).kubelet?.config?.maxPods;
        case OsFamily.AmazonLinux2: {
            const m = /--max-pods=(\d+)/.exec(text);
            expect(text).to.contain("--use-max-pods false");
            return m ? Number(m[1]) : undefined;
        }
        case OsFamily.Bottlerocket: return (parseToml(text) as any).settings.kubernetes["max-pods"];
        default: throw new Error(family);
    }
}

const customAmi = (family: OsFamily, instanceTypes: string[], extra: { podNetwork?: PodNetwork; ipFamily?: IpFamily } = {}) => baseArgs({
    osFamily: family,
    instanceTypes,
    launchTemplate: { imageId: "ami-1", userData: extra.podNetwork ? { podNetwork: extra.podNetwork } : {} },
    ...(extra.ipFamily ? { cluster: { ...baseArgs().cluster, ipFamily: extra.ipFamily, serviceIpv6Cidr: "fd00:10::/108" } } : {}),
});

describe("max-pods in the user data of custom AMIs", () => {
    for (const family of [OsFamily.AmazonLinux2023, OsFamily.AmazonLinux2, OsFamily.Bottlerocket]) {
        for (const [type, network, expected] of [["p5.48xlarge", S, 100], ["m5.large", C, 20], ["c5.18xlarge", P, 250]] as const) {
            it(`${family}: ${type} with ${network} writes ${expected}, known at preview from the table alone`, async () => {
                ec2Calls.length = 0;
                const r = await run(() => customAmi(family, [type], { podNetwork: network }), { preview: true });
                expect(r.error).to.equal(undefined);
                expect(writtenMaxPods(family, decodedUserData(r)!)).to.equal(expected);
                expect(ec2Calls).to.deep.equal([]);
            });
        }
    }

    it("takes the smallest over the group's instance types", async () => {
        const r = await run(() => customAmi(OsFamily.AmazonLinux2023, ["c5.18xlarge", "p5.48xlarge", "m5.large"]), { preview: true });
        expect(writtenMaxPods(OsFamily.AmazonLinux2023, decodedUserData(r)!)).to.equal(29);
    });

    it("uses the cluster's IP family: IPv6 assigns prefixes", async () => {
        const r = await run(() => customAmi(OsFamily.AmazonLinux2023, ["c5.18xlarge"], { ipFamily: IpFamily.Ipv6 }), { preview: true });
        expect(r.error).to.equal(undefined);
        expect(writtenMaxPods(OsFamily.AmazonLinux2023, decodedUserData(r)!)).to.equal(250);
    });

    it("writes p5en.48xlarge 198 and trn1.32xlarge 247 at preview, from the table alone", async () => {
        for (const [type, expected] of [["p5en.48xlarge", 198], ["trn1.32xlarge", 247]] as const) {
            ec2Calls.length = 0;
            const r = await run(() => customAmi(OsFamily.AmazonLinux2023, [type]), { preview: true });
            expect(r.error).to.equal(undefined);
            expect(r.review.userData.known).to.equal(true);
            expect(writtenMaxPods(OsFamily.AmazonLinux2023, decodedUserData(r)!)).to.equal(expected);
            expect(ec2Calls).to.deep.equal([]);
        }
    });

    it("asks EC2 at deploy time for the vCPUs the table lacks: p6-b300.48xlarge 198", async () => {
        for (const [type, expected] of [["p6-b300.48xlarge", 198]] as const) {
            ec2Calls.length = 0;
            const r = await run(() => customAmi(OsFamily.AmazonLinux2023, [type]), { preview: false });
            expect(r.error).to.equal(undefined);
            expect(writtenMaxPods(OsFamily.AmazonLinux2023, decodedUserData(r)!)).to.equal(expected);
            expect(ec2Calls).to.deep.equal([type]);
        }
    });

    it("asks EC2 for a type the table does not list, and names it when EC2 does not know it either", async () => {
        const listed = await run(() => customAmi(OsFamily.AmazonLinux2023, ["zz9.large"]), { preview: false });
        expect(writtenMaxPods(OsFamily.AmazonLinux2023, decodedUserData(listed)!)).to.equal(35);
        const preview = await run(() => customAmi(OsFamily.AmazonLinux2023, ["x9.unknown"]), { preview: true });
        expect(preview.error).to.equal(undefined);
        expect(preview.review.userData.known).to.equal(false);
        const update = await run(() => customAmi(OsFamily.AmazonLinux2023, ["x9.unknown"]), { preview: false });
        expect(update.error!.errors.map((e) => e.propertyPath)).to.deep.equal(["launchTemplate.userData.maxPods"]);
        expect(update.error!.errors[0].reason).to.contain('"x9.unknown"');
    });

    it("writes the user's maxPodsExpression into the NodeConfig instead of a number", async () => {
        const expression = "(default_enis - 1) * (ips_per_eni - 1) + 2";
        const r = await run(() => baseArgs({ osFamily: OsFamily.AmazonLinux2023, launchTemplate: { imageId: "ami-1", userData: { maxPodsExpression: expression } } }), { preview: true });
        const spec = nodeConfigOf(decodedUserData(r)!);
        expect(spec.kubelet.maxPodsExpression).to.equal(expression);
        expect(spec.kubelet.config?.maxPods).to.equal(undefined);
    });

    it("requires the user's value with a custom CNI", async () => {
        const r = await run(() => customAmi(OsFamily.AmazonLinux2023, ["m5.large"], { podNetwork: PodNetwork.CustomCni }), { preview: true });
        expect(r.error!.errors.map((e) => e.propertyPath)).to.deep.equal(["launchTemplate.userData.maxPods"]);
    });
});
