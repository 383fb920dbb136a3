// max-pods for custom AMIs (EKS merges nothing there): from the instance type's network limits,
// as the VPC CNI allocates IPs without prefix delegation, capped as EKS recommends.
import { getInstanceType } from "@pulumi/aws/ec2/getInstanceType";

export interface InstanceTypeLimits {
    maximumNetworkInterfaces: number;
    maximumIpv4AddressesPerInterface: number;
    defaultVcpus: number;
}

const CAP_SMALL = 110;
const CAP_LARGE = 250;
const LARGE_VCPUS = 30;

/** ENIs × (IPv4 addresses per ENI − 1) + 2, capped at 110 under 30 vCPUs and 250 from there. */
export function maxPodsFor(limits: InstanceTypeLimits): number {
    const byNetwork = limits.maximumNetworkInterfaces * (limits.maximumIpv4AddressesPerInterface - 1) + 2;
    return Math.min(byNetwork, limits.defaultVcpus < LARGE_VCPUS ? CAP_SMALL : CAP_LARGE);
}

function isLimits(v: unknown): v is InstanceTypeLimits {
    const l = v as Partial<InstanceTypeLimits> | undefined;
    return typeof l?.maximumNetworkInterfaces === "number" && typeof l.maximumIpv4AddressesPerInterface === "number"
        && typeof l.defaultVcpus === "number";
}

/** The smallest max-pods over the types (every node must fit), or the types EC2 told nothing about. */
export async function lookupMaxPods(instanceTypes: string[]): Promise<{ maxPods: number } | { missing: string[] }> {
    const answers = await Promise.all(instanceTypes.map(async (t) => [t, await getInstanceType({ instanceType: t }).catch(() => undefined)] as const));
    const missing = answers.filter(([, a]) => !isLimits(a)).map(([t]) => t);
    if (missing.length > 0) return { missing };
    return { maxPods: Math.min(...answers.map(([, a]) => maxPodsFor(a as InstanceTypeLimits))) };
}
