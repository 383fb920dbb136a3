// A stand-in for the AWS provider under the real engine (the real one cannot be obtained here): a
// provider process that the engine reaches through PULUMI_DEBUG_PROVIDERS=aws:<port> (it prints the
// port). It answers as AWS would on the points the tests look at, and nothing more:
//   - which input changes replace a resource instead of updating it (REPLACES below: CloudFormation's
//     createOnlyProperties of AWS::EKS::Nodegroup and AWS::EC2::LaunchTemplate, and terraform-provider-aws's
//     ForceNew arguments of aws_eks_node_group and aws_launch_template);
//   - a launch template's latestVersion, 1 on create and one more on every change of its data;
//   - the outputs the component and the programs read (ids, ARNs, the cluster's endpoint and CA).
// Stateless: everything derives from the old state the engine sends, as the real provider does.
// GetSchema answers with the types the YAML programs declare raw, every property typed Any.
//
//   node --require tsx/cjs tests/e2e/support/awsmock.ts      (prints the port on its first line)
import { readFileSync } from "fs";
import * as path from "path";
import type * as provider from "@pulumi/pulumi/provider";
import { AWS_DIR, declaredProperties } from "../../support/awsdeclarations";

export const AWS_VERSION = (JSON.parse(readFileSync(path.join(AWS_DIR, "package.json"), "utf8")) as { version: string }).version;

/** Inputs whose change makes AWS create a new resource; a dotted path is one field of an object input. */
export const REPLACES: Record<string, string[]> = {
    "aws:eks/nodeGroup:NodeGroup": ["amiType", "capacityType", "clusterName", "diskSize", "instanceTypes", "nodeGroupName",
        "nodeGroupNamePrefix", "nodeRoleArn", "remoteAccess", "subnetIds", "launchTemplate.id", "launchTemplate.name"],
    "aws:ec2/launchTemplate:LaunchTemplate": ["name", "namePrefix"],
    "aws:eks/cluster:Cluster": ["name", "roleArn", "kubernetesNetworkConfig", "outpostConfig"],
    "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "vpcId", "description"],
    "aws:ec2/placementGroup:PlacementGroup": ["name", "strategy", "partitionCount", "spreadLevel"],
    "aws:eks/accessEntry:AccessEntry": ["clusterName", "principalArn", "type"],
};

/** Launch template inputs that are not part of a version: changing them makes none. */
const UNVERSIONED = new Set(["tags", "tagsAll", "defaultVersion", "updateDefaultVersion"]);

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Props = Record<string, unknown>;

const typeOf = (urn: string): string => { const t = urn.split("::")[2]; return t.slice(t.lastIndexOf("$") + 1); };
const nameOf = (urn: string): string => urn.split("::")[3];
const get = (o: Props, p: string): unknown => p.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Props)[k] : undefined), o);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The outputs AWS computes, per type; the rest of the state is the inputs. */
function computed(type: string, name: string, id: string, news: Props, olds: Props | undefined): Props {
    switch (type) {
        case "aws:ec2/launchTemplate:LaunchTemplate": {
            const changed = olds === undefined ? true : Object.keys({ ...news, ...inputsOf(olds) }).some((k) => !UNVERSIONED.has(k) && !same(news[k], inputsOf(olds)[k]));
            const latestVersion = olds === undefined ? 1 : Number(olds.latestVersion) + (changed ? 1 : 0);
            return { id, arn: `arn:aws:ec2:eu-west-1:123456789012:launch-template/${id}`, latestVersion, defaultVersion: 1, name: news.name ?? `${name}-2026120100000001` };
        }
        case "aws:eks/nodeGroup:NodeGroup": {
            const ngName = (news.nodeGroupName as string | undefined) ?? (olds?.nodeGroupName as string | undefined) ?? `${name}-2026120100000002`;
            return { id: `${news.clusterName}:${ngName}`, nodeGroupName: ngName, arn: `arn:aws:eks:eu-west-1:123456789012:nodegroup/${news.clusterName}/${ngName}/0`, status: "ACTIVE" };
        }
        case "aws:eks/cluster:Cluster": {
            const clusterName = (news.name as string | undefined) ?? name;
            return {
                id: clusterName, name: clusterName, arn: `arn:aws:eks:eu-west-1:123456789012:cluster/${clusterName}`,
                endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
                certificateAuthority: { data: Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64") },
                kubernetesNetworkConfig: { serviceIpv4Cidr: "172.20.0.0/16", ipFamily: "ipv4", ...(news.kubernetesNetworkConfig as Props | undefined) },
                vpcConfig: { ...(news.vpcConfig as Props | undefined), clusterSecurityGroupId: "sg-0c1a2b3c4d5e6f708", vpcId: "vpc-0a1b2c3d4e5f60718" },
                version: news.version ?? "1.33",
            };
        }
        case "aws:iam/role:Role":
            return { id: name, name, arn: `arn:aws:iam::123456789012:role/${name}` };
        default:
            return { id, arn: `arn:aws:mock:eu-west-1:123456789012:${type}/${id}`, name: news.name ?? name };
    }
}

/** The inputs a state was made from (kept in it: the Node provider interface is not sent the old inputs). */
const inputsOf = (state: Props): Props => (state[INPUTS] ?? {}) as Props;
const INPUTS = "__inputs";
const stateOf = (inputs: Props, outs: Props): Props => ({ ...inputs, ...outs, [INPUTS]: inputs });

let counter = 0;

export const awsMock: provider.Provider = {
    version: AWS_VERSION,
    schema: JSON.stringify(schemaFor(["aws:ec2/launchTemplate:LaunchTemplate", "aws:eks/nodeGroup:NodeGroup"])),
    async check(_urn, _olds, news) {
        return { inputs: news };
    },
    async diff(_id, urn, olds: Props, news: Props) {
        const type = typeOf(urn);
        const oldInputs = inputsOf(olds);
        const keys = [...new Set([...Object.keys(news), ...Object.keys(oldInputs)])].filter((k) => !same(news[k], oldInputs[k]));
        if (keys.length === 0) return { changes: false };
        const replaces = (REPLACES[type] ?? []).filter((p) => !same(get(news, p), get(oldInputs, p)));
        // An unknown new value of a replacing input may change it: AWS's provider plans a replacement then too.
        const unknownReplaces = (REPLACES[type] ?? []).filter((p) => get(news, p) === UNKNOWN);
        return { changes: true, replaces: [...new Set([...replaces, ...unknownReplaces])].map((p) => p.split(".")[0]) };
    },
    async create(urn, inputs: Props) {
        const type = typeOf(urn);
        const id = `${type.split(":")[2].toLowerCase().slice(0, 8)}-${(++counter).toString(16).padStart(8, "0")}${Date.now().toString(16).slice(-6)}`;
        return { id, outs: stateOf(inputs, computed(type, nameOf(urn), id, inputs, undefined)) };
    },
    async update(id, urn, olds: Props, news: Props) {
        const type = typeOf(urn);
        return { outs: stateOf(news, computed(type, nameOf(urn), id, news, olds)) };
    },
    async delete() {
        return;
    },
};

/** A schema naming each type with its inputs (from @pulumi/aws's declarations), all typed Any. */
function schemaFor(tokens: string[]): object {
    const resources: Record<string, object> = {};
    for (const token of tokens) {
        const [, mod] = token.split(":");
        const [dir, file] = mod.split("/");
        const keys = (iface: string): Record<string, object> =>
            Object.fromEntries(declaredProperties(`${dir}/${file}.d.ts`, iface).map((n) => [n, { $ref: "pulumi.json#/Any" }]));
        const name = token.split(":")[2];
        const props = keys(`${name}Args`);
        const outputs = { ...props, ...keys(`${name}State`) };
        resources[token] = { inputProperties: props, properties: outputs };
    }
    return { name: "aws", version: AWS_VERSION, resources };
}

if (require.main === module) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require("@pulumi/pulumi/provider") as typeof import("@pulumi/pulumi/provider");
    void main(awsMock, process.argv.slice(2));
}
