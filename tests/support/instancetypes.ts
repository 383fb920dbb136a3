// EC2's published network limits of a few instance types (DescribeInstanceTypes), answered to
// aws.ec2.getInstanceType under the mock runtime. Types not listed answer nothing, like a type
// EC2 does not know.
export const INSTANCE_LIMITS: Record<string, { maximumNetworkInterfaces: number; maximumIpv4AddressesPerInterface: number; defaultVcpus: number }> = {
    "t3.medium": { maximumNetworkInterfaces: 3, maximumIpv4AddressesPerInterface: 6, defaultVcpus: 2 },
    "m5.large": { maximumNetworkInterfaces: 3, maximumIpv4AddressesPerInterface: 10, defaultVcpus: 2 },
    "m6i.large": { maximumNetworkInterfaces: 3, maximumIpv4AddressesPerInterface: 10, defaultVcpus: 2 },
    "c5.xlarge": { maximumNetworkInterfaces: 4, maximumIpv4AddressesPerInterface: 15, defaultVcpus: 4 },
    "m5.24xlarge": { maximumNetworkInterfaces: 15, maximumIpv4AddressesPerInterface: 50, defaultVcpus: 96 },
};

export function answerInvoke(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
    if (token !== "aws:ec2/getInstanceType:getInstanceType") return undefined;
    const limits = INSTANCE_LIMITS[String(inputs.instanceType)];
    return limits && { instanceType: inputs.instanceType, ...limits };
}
