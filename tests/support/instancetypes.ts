// What aws.ec2.getInstanceType answers under the mock runtime: EC2's published facts
// (DescribeInstanceTypes) of the few types the tests ask EC2 about — those whose vCPUs the shipped
// table does not hold, and one name no table lists. Types not listed answer nothing, like a type EC2
// does not know. Every call is recorded, so a test can tell that the table answered instead.
import { Ec2InstanceType } from "../../src/facts/instancetypes";

const cards = (n: number, each: number) => Array.from({ length: n }, (_, index) => ({ index, maximumInterfaces: each }));

export const EC2_ANSWERS: Record<string, Ec2InstanceType> = {
    // p6-b300.48xlarge: 17 cards of 4 interfaces, 50 IPv4 each, 192 vCPUs.
    "p6-b300.48xlarge": { defaultNetworkCardIndex: 0, networkCards: cards(17, 4), maximumNetworkInterfaces: 68, maximumIpv4AddressesPerInterface: 50,
        defaultVcpus: 192, hypervisor: "nitro", bareMetal: false, efaSupported: true, supportedArchitectures: ["x86_64"] },
    // A type the shipped table does not list (as a type launched after it was generated would be).
    "zz9.large": { defaultNetworkCardIndex: 0, networkCards: cards(1, 3), maximumNetworkInterfaces: 3, maximumIpv4AddressesPerInterface: 12,
        defaultVcpus: 2, hypervisor: "nitro", bareMetal: false, efaSupported: false, supportedArchitectures: ["arm64"] },
};

export const ec2Calls: string[] = [];

export function answerInvoke(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
    if (token !== "aws:ec2/getInstanceType:getInstanceType") return undefined;
    ec2Calls.push(String(inputs.instanceType));
    const answer = EC2_ANSWERS[String(inputs.instanceType)];
    return answer && { instanceType: inputs.instanceType, ...answer };
}
