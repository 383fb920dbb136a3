// Thousands of random ManagedNodeGroup args — valid fragments mixed with wrong types, empty
// strings, huge numbers, non-ASCII and values unknown at preview. The component must either
// accept them or report rule findings, never throw; and whatever it accepts, the policy pack
// must pass with no mandatory violation.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import fc from "fast-check";
import { policies } from "../../src/policy";
import { launchTemplateArgs } from "../../src/build/launchtemplate";
import { resolveInput } from "../../src/model/resolve";
import { isUnknown, notKnownOutput } from "../../src/base/unknown";
import { review } from "../../src/model/review";
import { nodeGroupArgs } from "../../src/build/nodegroup";
import { CA } from "../support/harness";
import { stack, UNKNOWN_STRING, validate } from "../support/policy";
import { seedFromEnv } from "../support/seed";

/**
 * Fixed seeds, so a run that passes passes again and CI never fails by chance: the house seed, and
 * every seed that once found a disagreement (760370951: capacity-block-settings on instanceTypes: []).
 * FUZZ_SEED=N adds one (FUZZ_SEED=random draws one and prints it): `npm run stress` explores that way.
 */
const SEEDS = [20261125, 760370951, seedFromEnv()].filter((s): s is number => s !== undefined);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const junk = fc.oneof(
    fc.string(), fc.string({ unit: "grapheme" }), fc.constant(""), fc.integer(), fc.double(), fc.constant(1e308), fc.constant(-1),
    fc.constant(Number.NaN), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const unknownOutput = fc.constant(0).map(() => notKnownOutput());
/** A valid value most of the time; sometimes junk, sometimes unknown at preview, sometimes a known Output. */
function maybe<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
    return fc.oneof(
        { weight: 40, arbitrary: valid },
        { weight: 1, arbitrary: junk },
        { weight: 1, arbitrary: unknownOutput },
        { weight: 2, arbitrary: valid.map((v) => pulumi.output(v)) },
    );
}
/** Present half of the time. */
const opt = <T>(a: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), maybe(a));
/** Present one time in twelve: settings that are usually mistakes. */
const rare = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 11, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: maybe(a) });
/** Mostly the first (valid) value, sometimes one of the others. */
const mostly = <T>(first: T, ...others: T[]) => fc.oneof({ weight: 6, arbitrary: fc.constant(first) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
const name = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const id = (prefix: string) => fc.stringMatching(/^[0-9a-f]{8,17}$/).map((h) => `${prefix}-${h}`);
const labelKey = fc.oneof({ weight: 4, arbitrary: name }, { weight: 2, arbitrary: name.map((n) => `example.com/${n}`) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) });
const userContent = fc.oneof(
    fc.constant("#!/bin/bash\necho hi\n"), fc.constant("#cloud-config\npackages: [jq]\n"),
    fc.constant('[settings.kubernetes]\nmax-pods = 30\n'), fc.constant("[settings.x]\nv = [1, 2.0]\n"),
    fc.constant("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: {}\n"), fc.constant("Write-Output hi"),
    fc.constant("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n"), fc.string({ unit: "grapheme", maxLength: 40 }),
);

const args = fc.record({
    cluster: maybe(fc.record({
        name: maybe(name),
        endpoint: opt(mostly("https://ABC.gr7.eu-west-1.eks.amazonaws.com", "http://x", "")),
        certificateAuthority: opt(mostly(CA, "", "not base64")),
        serviceIpv4Cidr: opt(mostly("10.100.0.0/16", "172.20.0.0/16", "10.0.0.0/30", "nonsense")),
        serviceIpv6Cidr: opt(fc.constantFrom("fd30:1c53:5f8a::/108")),
        ipFamily: rare(fc.constantFrom("ipv4", "ipv6")),
        clusterSecurityGroupId: opt(id("sg")),
        vpcId: rare(id("vpc")),
    }, { requiredKeys: ["name"] })),
    nodeRoleArn: maybe(fc.constant("arn:aws:iam::123456789012:role/nodes")),
    subnetIds: maybe(fc.array(maybe(id("subnet")), { minLength: 1, maxLength: 3 })),
    nodeGroupName: rare(fc.oneof(name, fc.string({ maxLength: 70 }))),
    nodeGroupNamePrefix: rare(name),
    osFamily: opt(fc.constantFrom("AmazonLinux2", "AmazonLinux2023", "Bottlerocket", "Windows")),
    architecture: opt(fc.constantFrom("x86_64", "arm64")),
    accelerator: rare(fc.constantFrom("None", "Nvidia", "Neuron")),
    amiType: rare(fc.constantFrom("AL2023_x86_64_STANDARD", "BOTTLEROCKET_ARM_64", "WINDOWS_CORE_2022_x86_64", "CUSTOM")),
    releaseVersion: rare(fc.constant("1.31.0-20250101")),
    version: rare(fc.constant("1.31")),
    instanceTypes: opt(fc.oneof(
        { weight: 4, arbitrary: fc.array(maybe(mostly("m5.large", "m6i.large", "c7g.large", "", "m5.lrage", "c8gb.large", "g7e.2xlarge")), { maxLength: 22 }) },
        { weight: 1, arbitrary: fc.array(fc.constantFrom("p5.48xlarge", "p4d.24xlarge", "trn1.32xlarge", "c5n.18xlarge", "p5en.48xlarge", "m5.large"), { minLength: 1, maxLength: 2 }) },
    )),
    capacityType: opt(fc.constantFrom("ON_DEMAND", "SPOT", "CAPACITY_BLOCK")),
    scalingConfig: maybe(fc.record({ minSize: maybe(fc.integer({ min: -1, max: 5 })), maxSize: maybe(fc.integer({ min: 0, max: 1000 })), desiredSize: rare(fc.integer({ min: -1, max: 30 })) })),
    updateConfig: rare(fc.oneof(fc.record({ maxUnavailable: maybe(fc.integer({ min: 0, max: 101 })) }), fc.record({ maxUnavailablePercentage: maybe(fc.integer({ min: 0, max: 101 })) }), fc.record({ maxUnavailable: opt(fc.integer()), maxUnavailablePercentage: opt(fc.integer()) }))),
    labels: opt(fc.dictionary(labelKey, maybe(fc.oneof({ weight: 5, arbitrary: name }, { weight: 1, arbitrary: fc.string({ maxLength: 70 }) })), { maxKeys: 3 })),
    taints: opt(fc.array(fc.record({ key: maybe(labelKey), value: opt(name), effect: maybe(mostly("NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE", "NoSchedule")) }), { maxLength: 3 })),
    tags: opt(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 })),
    diskSize: rare(fc.integer({ min: 1, max: 2000 })),
    remoteAccess: rare(fc.record({ ec2SshKey: opt(name) })),
    launchTemplate: opt(fc.record({
        imageId: rare(id("ami")),
        instanceType: rare(fc.constantFrom("m5.large", "t3.medium")),
        keyName: opt(name),
        vpcSecurityGroupIds: opt(fc.array(maybe(id("sg")), { maxLength: 2 })),
        addClusterSecurityGroup: opt(fc.boolean()),
        networkInterfaces: rare(fc.array(fc.record({
            securityGroups: opt(fc.array(id("sg"), { maxLength: 2 })), subnetId: rare(id("subnet")), associatePublicIpAddress: opt(fc.boolean()),
            interfaceType: opt(fc.constantFrom("interface", "efa", "efa-only")), networkCardIndex: opt(fc.integer({ min: 0, max: 33 })),
            deviceIndex: rare(fc.integer({ min: 0, max: 3 })), ipv4PrefixCount: rare(fc.integer({ min: 0, max: 4 })),
        }), { maxLength: 5 })),
        efa: rare(fc.record({ secondaryInterfaceType: opt(fc.constantFrom("efa", "efa-only")), securityGroups: opt(fc.array(id("sg"), { maxLength: 2 })), vpcId: opt(id("vpc")) })),
        placement: rare(fc.record({ groupName: opt(name), createClusterGroup: opt(fc.boolean()) })),
        capacityReservationSpecification: rare(fc.record({
            capacityReservationPreference: opt(fc.constantFrom("open", "none", "capacity-reservations-only")),
            capacityReservationTarget: opt(fc.record({ capacityReservationId: opt(id("cr")), capacityReservationResourceGroupArn: rare(fc.constant("arn:aws:resource-groups:us-east-2:123456789012:group/g")) })),
        })),
        instanceMarketOptions: rare(fc.record({ marketType: opt(fc.constantFrom("spot", "capacity-block")) })),
        rootVolume: opt(fc.record({ sizeGib: opt(fc.integer({ min: 1, max: 16384 })), volumeType: opt(fc.constantFrom("gp3", "io2")), encrypted: opt(fc.boolean()) })),
        metadataOptions: opt(fc.record({ httpTokens: opt(fc.constantFrom("required", "optional")), httpPutResponseHopLimit: opt(fc.integer({ min: 1, max: 64 })) })),
        instanceTags: opt(fc.dictionary(name, fc.string({ maxLength: 12 }), { maxKeys: 3 })),
        userData: opt(fc.record({
            content: opt(userContent), kubeletExtraArgs: rare(fc.array(fc.constant("--v=2"), { maxLength: 2 })), maxPods: rare(fc.integer({ min: 0, max: 300 })),
            podNetwork: opt(fc.constantFrom("SecondaryIps", "PrefixDelegation", "CustomNetworking", "CustomNetworkingPrefixDelegation", "CustomCni")),
            maxPodsExpression: rare(mostly("(default_enis - 1) * (ips_per_eni - 1) + 2", "max_pods; rm -rf /", "")),
            bootstrap: rare(fc.constantFrom("Component", "User")),
            afterBootstrap: rare(mostly("#!/bin/bash\necho after\n", "echo after", "Write-Output after")),
            nodeConfig: rare(fc.record({
                localStorage: opt(mostly("RAID0", "Mount", "RAID5")),
                featureGates: opt(fc.dictionary(name, fc.boolean(), { maxKeys: 2 })),
                kubeletConfig: opt(fc.dictionary(name, fc.oneof(fc.string(), fc.integer()), { maxKeys: 2 })),
            })),
            bottlerocketSettings: rare(fc.dictionary(name, fc.dictionary(name, fc.string(), { maxKeys: 2 }), { maxKeys: 2 })),
        })),
        iamInstanceProfile: rare(fc.record({ name: opt(name) })),
        instanceInitiatedShutdownBehavior: rare(fc.constant("terminate")),
    })),
}, { requiredKeys: ["cluster", "nodeRoleArn", "subnetIds", "scalingConfig"] });

/** GPU and ML groups, mostly valid: EFA (the shortcut or interfaces written out per card), placement, Capacity Blocks and reservations. */
const mlType = fc.constantFrom("p5.48xlarge", "p4d.24xlarge", "trn1.32xlarge", "c5n.18xlarge", "m5.large");
const perCard = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom("efa", "efa-only", "interface"), fc.boolean()).map(([cards, others, explicit]) =>
    Array.from({ length: cards }, (_, card) => ({
        interfaceType: card === 0 ? "efa" : others, ...(card > 0 || explicit ? { networkCardIndex: card } : {}),
        ...(explicit ? { deviceIndex: card === 0 ? 0 : 1 } : {}), securityGroups: ["sg-0efa0efa0"],
    })));
const mlArgs = fc.record({
    cluster: fc.record({
        name: fc.constant("prod"), endpoint: fc.constant("https://ABC.gr7.eu-west-1.eks.amazonaws.com"), certificateAuthority: fc.constant(CA),
        serviceIpv4Cidr: fc.constant("10.100.0.0/16"), clusterSecurityGroupId: fc.constant("sg-cluster"), vpcId: opt(fc.constant("vpc-0a1b2c3d")),
    }),
    nodeRoleArn: fc.constant("arn:aws:iam::123456789012:role/nodes"),
    subnetIds: fc.array(id("subnet"), { minLength: 1, maxLength: 2 }),
    osFamily: opt(fc.constantFrom("AmazonLinux2", "AmazonLinux2023", "Bottlerocket")),
    accelerator: opt(fc.constantFrom("Nvidia", "Neuron", "None")),
    instanceTypes: fc.array(mlType, { minLength: 1, maxLength: 2 }),
    capacityType: opt(fc.constantFrom("ON_DEMAND", "CAPACITY_BLOCK", "SPOT")),
    scalingConfig: fc.constant({ minSize: 0, maxSize: 4 }),
    launchTemplate: fc.record({
        imageId: opt(id("ami")),
        efa: opt(fc.record({ secondaryInterfaceType: opt(fc.constantFrom("efa", "efa-only")) })),
        networkInterfaces: opt(perCard),
        placement: opt(fc.oneof(fc.constant({ createClusterGroup: true }), fc.constant({ groupName: "training" }))),
        capacityReservationSpecification: opt(fc.oneof(
            fc.constant({ capacityReservationTarget: { capacityReservationId: "cr-0123456789abcdef0" } }),
            fc.constant({ capacityReservationPreference: "capacity-reservations-only" }))),
        userData: opt(fc.record({ podNetwork: opt(fc.constantFrom("SecondaryIps", "PrefixDelegation", "CustomNetworking", "CustomCni")), maxPods: rare(fc.integer({ min: 1, max: 250 })) })),
    }),
});

const anything = fc.oneof({ weight: 20, arbitrary: args }, { weight: 6, arbitrary: mlArgs }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.anything() });

/** Resolved resource inputs as the engine would see them; unknowns as the policy SDK's marker. */
async function props(value: unknown): Promise<Record<string, unknown>> {
    const resolved = (await resolveInput(value)).value;
    const mark = (v: unknown): unknown => isUnknown(v) ? UNKNOWN_STRING
        : Array.isArray(v) ? v.map(mark)
            : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, mark(e)])) : v;
    return mark(resolved) as Record<string, unknown>;
}

describe("fuzzed args", function () {
    this.timeout(600000);

    for (const SEED of SEEDS) it(`never throw, and what the component accepts the policy pack passes (seed ${SEED}, ${RUNS} runs)`, async () => {
        let accepted = 0;
        let rejected = 0;
        // Accepted definitions of the ML shapes, so the report shows the generator reaches them.
        const reached = { interfaces: 0, capacityBlock: 0, reservation: 0 };
        const rejectedBy = new Map<string, number>();
        await fc.assert(fc.asyncProperty(anything, async (input) => {
            const result = await review(input);
            for (const f of result.findings) expect(f.message, f.ruleId).to.be.a("string").and.not.match(/TypeError|undefined is not|Cannot read|could not read this definition/);
            if (result.findings.some((f) => f.severity === "error")) {
                rejected++;
                for (const id of new Set(result.findings.filter((f) => f.severity === "error").map((f) => f.ruleId))) rejectedBy.set(id, (rejectedBy.get(id) ?? 0) + 1);
                return;
            }
            accepted++;
            const lt = await props(launchTemplateArgs(result));
            const ng = await props(nodeGroupArgs(result.spec, { id: pulumi.output("lt-fuzz"), latestVersion: pulumi.output(1) }));
            if (Array.isArray(lt.networkInterfaces) && lt.networkInterfaces.length > 1) reached.interfaces++;
            if (ng.capacityType === "CAPACITY_BLOCK") reached.capacityBlock++;
            if (lt.capacityReservationSpecification !== undefined) reached.reservation++;
            const resources = stack({ ...lt, id: "lt-fuzz", userData: typeof lt.userData === "string" && lt.userData !== UNKNOWN_STRING ? Buffer.from(lt.userData, "base64").toString() : lt.userData }, ng);
            for (const policy of policies.filter((p) => p.enforcementLevel === "mandatory")) {
                const violations = await validate(policy, resources);
                expect(violations, `${policy.name} on ${JSON.stringify({ lt, ng }).slice(0, 2000)}`).to.deep.equal([]);
            }
        }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
        const top = [...rejectedBy].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([id, n]) => `${id} ${n}`).join(", ");
        process.stdout.write(`      fuzz: ${RUNS} runs, seed ${SEED}: ${accepted} accepted (policy pack passed), ${rejected} rejected with rule findings (most by: ${top}); ` +
            `accepted with several interfaces ${reached.interfaces}, Capacity Block ${reached.capacityBlock}, a reservation ${reached.reservation}\n`);
        expect(accepted, "the generator must also produce valid definitions").to.be.greaterThan(RUNS / 50);
    });
});
