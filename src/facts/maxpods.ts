// max-pods for custom AMIs (EKS merges nothing there), as the VPC CNI assigns Pod addresses and
// as EKS's max-pods-calculator.sh computes it: from the default network card's ENIs only (the CNI
// never uses the other cards), less the primary ENI with custom networking, 16 addresses per slot
// with prefixes, plus 2 host-network Pods, capped at 110 up to 30 vCPUs and at 250 above.
import { getInstanceType } from "@pulumi/aws/ec2/getInstanceType";
import { PodNetwork } from "../args";
import { Ec2InstanceType, factsFromEc2, InstanceTypeFacts, instanceTypeFacts } from "./instancetypes";
import { MaybePromise } from "../base/maybe";

export interface PodNetworkMode {
    /** Custom networking: Pods use ENIs other than the primary. */
    customNetworking: boolean;
    /** /28 prefixes (prefix delegation, and IPv6, which always assigns prefixes). */
    prefixes: boolean;
}

/** The mode of a podNetwork setting on a cluster of an IP family; undefined for a custom CNI (its own limit). */
export function podNetworkMode(podNetwork: unknown, ipFamily: unknown): PodNetworkMode | undefined {
    if (podNetwork === PodNetwork.CustomCni) return undefined;
    const customNetworking = podNetwork === PodNetwork.CustomNetworking || podNetwork === PodNetwork.CustomNetworkingPrefixDelegation;
    const prefixes = podNetwork === PodNetwork.PrefixDelegation || podNetwork === PodNetwork.CustomNetworkingPrefixDelegation || ipFamily === "ipv6";
    return { customNetworking, prefixes };
}

const CAP_SMALL = 110;
const CAP_LARGE = 250;
/** max-pods-calculator.sh: `if [ "$CPU_COUNT" -gt 30 ]` then 250, else 110. */
const LARGE_ABOVE_VCPUS = 30;
const ADDRESSES_PER_PREFIX = 16;
/** aws-node and kube-proxy run on the host network and take no Pod address. */
const HOST_NETWORK_PODS = 2;

/** The formula's value before the cap. Prefixes only where the CNI assigns them (Nitro, bare metal). */
export function uncappedMaxPods(f: Pick<InstanceTypeFacts, "enis" | "ipv4PerEni" | "prefixes">, mode: PodNetworkMode): number {
    const enisForPods = Math.max(0, f.enis - (mode.customNetworking ? 1 : 0));
    const slotsPerEni = f.ipv4PerEni - 1;
    const perSlot = mode.prefixes && f.prefixes ? ADDRESSES_PER_PREFIX : 1;
    return enisForPods * slotsPerEni * perSlot + HOST_NETWORK_PODS;
}

/** max-pods of one type, or undefined when its vCPUs decide the cap and are not known. */
export function maxPodsFor(f: InstanceTypeFacts, mode: PodNetworkMode): number | undefined {
    const uncapped = uncappedMaxPods(f, mode);
    if (uncapped <= CAP_SMALL) return uncapped;
    if (f.vcpus === null) return undefined;
    return Math.min(uncapped, f.vcpus > LARGE_ABOVE_VCPUS ? CAP_LARGE : CAP_SMALL);
}

function isEc2InstanceType(v: unknown): v is Ec2InstanceType {
    const t = v as Partial<Ec2InstanceType> | undefined;
    return typeof t?.maximumNetworkInterfaces === "number" && typeof t.maximumIpv4AddressesPerInterface === "number"
        && typeof t.defaultVcpus === "number";
}

function fromTable(instanceType: string, mode: PodNetworkMode): number | undefined {
    const known = instanceTypeFacts(instanceType);
    return known && maxPodsFor(known, mode);
}

/** EC2's answer at deploy time, for a type the table lacks or whose vCPUs it does not know. */
async function fromEc2(instanceType: string, mode: PodNetworkMode): Promise<number | undefined> {
    const answer = await getInstanceType({ instanceType }).catch(() => undefined);
    return isEc2InstanceType(answer) ? maxPodsFor(factsFromEc2(answer), mode) : undefined;
}

type Answer = { maxPods: number } | { missing: string[] };

/**
 * The smallest max-pods over the types (every node must fit), or the types neither the table nor
 * EC2 told enough about. Answered at once when the table knows every type, so a review (and an
 * offline plan) stays synchronous; EC2 is asked only for the rest.
 */
export function lookupMaxPods(instanceTypes: string[], mode: PodNetworkMode): MaybePromise<Answer> {
    const offline = instanceTypes.map((t) => fromTable(t, mode));
    const combine = (values: (number | undefined)[]): Answer => {
        const missing = instanceTypes.filter((_, i) => values[i] === undefined);
        return missing.length > 0 ? { missing } : { maxPods: Math.min(...(values as number[])) };
    };
    if (offline.every((n) => n !== undefined)) return combine(offline);
    return Promise.all(instanceTypes.map((t, i) => offline[i] ?? fromEc2(t, mode))).then(combine);
}
