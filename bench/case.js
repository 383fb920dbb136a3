// One benchmark measurement, in a process of its own: registers N node groups under Pulumi's mock
// runtime in preview mode and reports the time until every output settled and the peak RSS.
//   node bench/case.js raw|raw-kept|raw-component|eks-ami|custom-ami N
// raw-kept: raw, with every resource referenced until the end, as a program's variables keep them.
// raw-component: the raw children inside a bare ComponentResource registering the same seven
// outputs — what any Pulumi component costs before it does anything of its own.
// Prints one JSON line. Uses the built package (bin/), as users run it.
// BENCH_WORK=1: instead of timing, counts the work over the same span — promises created and bytes
// allocated (V8's sampling heap profiler, collected objects included) — which the host's noise
// does not change. BENCH_PROFILE=FILE: writes a CPU profile of the same span to FILE (open it in
// Chrome's DevTools, or total it by function), sampling every BENCH_PROFILE_US µs (200).
"use strict";
const pulumi = require("@pulumi/pulumi");
const { mockRuntime } = require("../bin/validate/mockruntime");
const { ManagedNodeGroup } = require("../bin");
const { childrenOf } = require("../bin/component");
const { review } = require("../bin/model/review");
const { launchTemplateArgs } = require("../bin/build/launchtemplate");
const { nodeGroupArgs } = require("../bin/build/nodegroup");
const { resolveInput } = require("../bin/model/resolve");

const [mode, countText] = process.argv.slice(2);
const N = Number(countText);
const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIBfzCCASWgAwIBAgIUauS8vRIXNWn3XIGE9S/u1FacH2ww\n-----END CERTIFICATE-----\n").toString("base64");

/** Node group i's definition, with an EKS AMI or (kind custom-ami) a custom one. */
function args(i, kind = mode) {
    const common = {
        cluster: { name: "prod", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthority: CA, serviceIpv4Cidr: "10.100.0.0/16", clusterSecurityGroupId: "sg-cluster" },
        nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
        subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
        instanceTypes: ["m6i.large", "m5.large"],
        scalingConfig: { minSize: 1, maxSize: 10 },
        labels: { pool: `pool-${i}`, team: "platform" },
        taints: [{ key: "dedicated", value: `pool-${i}`, effect: "NO_SCHEDULE" }],
    };
    if (kind === "custom-ami") {
        return { ...common, osFamily: "AmazonLinux2023", launchTemplate: { imageId: "ami-0123456789abcdef0", instanceTags: { team: "platform" }, userData: { maxPods: 58, content: "#!/bin/bash\necho hardened\n" } } };
    }
    return { ...common, osFamily: "AmazonLinux2023", launchTemplate: { instanceTags: { team: "platform" }, userData: { maxPods: 58, kubeletExtraArgs: ["--image-gc-high-threshold=80"] } } };
}

/** The inputs the component produces for one definition, resolved to plain values (not timed). */
async function componentInputs(definition) {
    const reviewed = await review(definition);
    const lt = (await resolveInput(launchTemplateArgs(reviewed))).value;
    const template = { id: pulumi.output("lt-placeholder"), latestVersion: pulumi.output(1) };
    const ng = (await resolveInput(nodeGroupArgs(reviewed.spec, template))).value;
    return { lt, ng };
}

/** An inspector session on this process: `post(method, params)` answers with the method's result. */
function inspectorPost() {
    const { Session } = require("inspector");
    const session = new Session();
    session.connect();
    return (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
}

async function startCountingWork() {
    const { createHook } = require("async_hooks");
    let promises = 0;
    const hook = createHook({ init(id, type) { if (type === "PROMISE") promises++; } }).enable();
    const post = inspectorPost();
    await post("HeapProfiler.enable");
    await post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    promises = 0;
    return {
        async stop() {
            hook.disable();
            const counted = promises;
            const { profile } = await post("HeapProfiler.stopSampling");
            // Node sizes are the sampler's estimates of everything allocated there (samples scaled up).
            const total = (node) => node.selfSize + node.children.reduce((sum, child) => sum + total(child), 0);
            return { promises: counted, allocated: total(profile.head) };
        },
    };
}

async function startProfiling(file) {
    const post = inspectorPost();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: Number(process.env.BENCH_PROFILE_US ?? 200) });
    await post("Profiler.start");
    return {
        async stop() {
            const { profile } = await post("Profiler.stop");
            require("fs").writeFileSync(file, JSON.stringify(profile));
        },
    };
}

function settled(output) {
    return output.promise().catch(() => undefined);
}

// The two resource modules, as the component loads them (the whole @pulumi/aws index would add a second of start-up to every case).
const { LaunchTemplate } = require("@pulumi/aws/ec2/launchTemplate");
const { NodeGroup } = require("@pulumi/aws/eks/nodeGroup");

/**
 * Declares one node group the way of `kind`, named `name`, from node group i's definition (raw
 * kinds: from its stored inputs); returns what to wait for. Keeps the resources in `kept` for raw-kept.
 */
function declare(kind, name, i, inputs, kept) {
    if (kind === "raw-component") {
        const parent = new pulumi.ComponentResource("bench:index:Bare", name, {});
        const lt = new LaunchTemplate(name, inputs.lt, { parent });
        const ng = new NodeGroup(name, { ...inputs.ng, launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) } }, { parent });
        const outputs = { nodeGroupName: ng.nodeGroupName, nodeGroupArn: ng.arn, launchTemplateId: lt.id, launchTemplateVersion: lt.latestVersion,
            amiType: pulumi.output(inputs.ng.amiType), userData: pulumi.output(inputs.lt.userData), warnings: pulumi.output([]) };
        parent.registerOutputs(outputs);
        return [settled(parent.urn), settled(lt.urn), settled(ng.urn), settled(ng.nodeGroupName), ...Object.values(outputs).map(settled)];
    }
    if (kind === "raw" || kind === "raw-kept") {
        const lt = new LaunchTemplate(name, inputs.lt);
        const ng = new NodeGroup(name, { ...inputs.ng, launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) } });
        if (kind === "raw-kept") kept.push(lt, ng);
        return [settled(lt.urn), settled(ng.urn), settled(ng.nodeGroupName)];
    }
    const c = new ManagedNodeGroup(name, args(i, kind));
    return [settled(c.urn), childrenOf(c).then((k) => Promise.all([settled(k.nodeGroup.urn), settled(k.launchTemplate.urn)])),
        settled(c.nodeGroupName), settled(c.userData), settled(c.warnings)];
}

/**
 * Every case warms up the same way before timing: one node group of each kind is declared and
 * settled, so that V8 has compiled the code each registers through and no case pays first-use
 * costs inside its timing that the others do not. Returns how long each of these first ones took.
 */
async function warmUp() {
    const inputs = await componentInputs(args(0, "eks-ami"));
    const firstUseMs = {};
    for (const kind of ["raw", "eks-ami", "custom-ami"]) {
        const start = process.hrtime.bigint();
        await Promise.all(declare(kind, `warm-up-${kind}`, 0, inputs, []));
        firstUseMs[kind] = Number(process.hrtime.bigint() - start) / 1e6;
    }
    return firstUseMs;
}

async function main() {
    await mockRuntime({ preview: true, stack: "bench" });
    const firstUseMs = await warmUp();
    // Kept as text and parsed in the loop: a program builds each resource's inputs as it declares it,
    // and N live input trees would make the floor's heap (and its garbage collections) larger.
    const stored = mode.startsWith("raw") ? await Promise.all(Array.from({ length: N }, async (_, i) => JSON.stringify(await componentInputs(args(i))))) : [];
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    const work = process.env.BENCH_WORK ? await startCountingWork() : undefined;
    const profiling = process.env.BENCH_PROFILE ? await startProfiling(process.env.BENCH_PROFILE) : undefined;
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const waits = [];
    const kept = [];
    for (let i = 0; i < N; i++) {
        waits.push(...declare(mode, `ng-${i}`, i, stored.length > 0 ? JSON.parse(stored[i]) : undefined, kept));
    }
    await Promise.all(waits);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(startCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const counted = work ? await work.stop() : {};
    await profiling?.stop();
    process.stdout.write(JSON.stringify({ mode, n: N, ms, cpuMs, baseRss, peakRss, firstUseMs, ...counted }) + "\n");
}

main().catch((e) => { process.stderr.write(`${e.stack}\n`); process.exitCode = 1; });
