// Where security groups go, what custom groups cost, SSH, and instance metadata.
import { awsConstraint } from "../facts/awsconstraints";
import { Rule } from "./rule";
import { arr, isSet, isUnknown, num, obj, show, str } from "../base/values";

const REQUIRED_HOP_LIMIT = 2;
/** What EC2 accepts at all (its model): a value outside is lt-api-limits' error, not these warnings. */
const HOP_LIMIT = awsConstraint("launchTemplate.metadataOptions.httpPutResponseHopLimit");
const HTTP_TOKENS = awsConstraint("launchTemplate.metadataOptions.httpTokens").enum!;

function interfaceGroups(launchTemplate: Record<string, unknown>): unknown[] {
    return (arr(launchTemplate.networkInterfaces) ?? []).flatMap((ni) => arr(obj(ni)?.securityGroups) ?? []);
}

function hasCustomGroups(launchTemplate: Record<string, unknown>): boolean {
    return (arr(launchTemplate.vpcSecurityGroupIds)?.length ?? 0) > 0 || interfaceGroups(launchTemplate).length > 0
        || isUnknown(launchTemplate.vpcSecurityGroupIds);
}

export const securityRules: Rule[] = [
    {
        id: "lt-security-groups-one-place",
        severity: "error",
        paths: ["launchTemplate.vpcSecurityGroupIds", "launchTemplate.networkInterfaces[].securityGroups"],
        summary: "Instance-level security groups (vpcSecurityGroupIds) beside any network interface specification, with or without groups of its own.",
        check(s, report) {
            const instanceLevel = arr(s.launchTemplate.vpcSecurityGroupIds);
            if (isSet(s.launchTemplate.efa)) return; // efa-settings says it in the shortcut's words
            const interfaces = arr(s.launchTemplate.networkInterfaces) ?? [];
            if (instanceLevel !== undefined && instanceLevel.length > 0 && interfaces.length > 0) {
                report("launchTemplate.vpcSecurityGroupIds",
                    "Security groups are given as vpcSecurityGroupIds while the template specifies network interfaces; EC2 " +
                    "rejects the template whenever an interface is specified, with or without groups of its own. Move the " +
                    "groups to the interfaces (networkInterfaces[].securityGroups).");
            }
        },
    },
    {
        id: "lt-cluster-security-group",
        severity: "warning",
        paths: ["launchTemplate.vpcSecurityGroupIds", "launchTemplate.networkInterfaces[].securityGroups"],
        summary: "Custom security groups without the cluster security group: EKS no longer adds it, and nodes may not reach the control plane.",
        check(s, report) {
            if (!hasCustomGroups(s.launchTemplate) || s.clusterSecurityGroupAdded === true || s.clusterSecurityGroupAdded === null) return;
            report(isSet(s.launchTemplate.vpcSecurityGroupIds) ? "launchTemplate.vpcSecurityGroupIds" : "launchTemplate.networkInterfaces",
                "With custom security groups EKS no longer attaches the cluster security group; unless these groups " +
                "allow traffic between nodes and the control plane, nodes never join. Include the cluster security " +
                "group (ManagedNodeGroup: set cluster.clusterSecurityGroupId and keep launchTemplate.addClusterSecurityGroup).");
        },
    },
    {
        id: "lt-ssh-needs-security-group",
        severity: "warning",
        paths: ["launchTemplate.keyName", "launchTemplate.vpcSecurityGroupIds"],
        summary: "An SSH key without any custom security group: nothing allows port 22.",
        check(s, report) {
            if (isSet(s.launchTemplate.keyName) && !hasCustomGroups(s.launchTemplate)) {
                report("launchTemplate.keyName",
                    "An SSH key is set but the template has no security group of its own; the cluster security group " +
                    "does not allow port 22, so SSH will not connect. Add a security group that allows inbound TCP 22 " +
                    "from your bastion or VPN to vpcSecurityGroupIds.");
            }
        },
    },
    {
        id: "lt-imds-hop-limit",
        severity: "warning",
        paths: ["launchTemplate.metadataOptions.httpPutResponseHopLimit"],
        summary: "IMDS hop limit below 2 (EC2's default is 1): containers cannot reach IMDSv2.",
        check(s, report) {
            const mo = s.launchTemplate.metadataOptions;
            if (isUnknown(mo)) return;
            const limit = obj(mo)?.httpPutResponseHopLimit;
            if (isUnknown(limit)) return;
            const n = num(limit);
            if (!isSet(limit) || (n !== undefined && n >= HOP_LIMIT.min! && n < REQUIRED_HOP_LIMIT)) {
                report("launchTemplate.metadataOptions.httpPutResponseHopLimit",
                    `The IMDS hop limit is ${isSet(limit) ? show(limit) : "unset (EC2 default 1)"}; containers are one ` +
                    `network hop further than the instance, so Pods using IMDSv2 get no answer. Set ` +
                    `metadataOptions.httpPutResponseHopLimit to ${REQUIRED_HOP_LIMIT}.`);
            }
        },
    },
    {
        id: "lt-imds-v1-allowed",
        severity: "warning",
        paths: ["launchTemplate.metadataOptions.httpTokens"],
        summary: "IMDSv1 allowed (httpTokens optional or unset).",
        check(s, report) {
            const mo = s.launchTemplate.metadataOptions;
            if (isUnknown(mo)) return;
            const tokens = obj(mo)?.httpTokens;
            if (!isUnknown(tokens) && tokens !== "required" && (!isSet(tokens) || HTTP_TOKENS.includes(str(tokens) ?? ""))) {
                report("launchTemplate.metadataOptions.httpTokens",
                    `httpTokens is ${isSet(tokens) ? show(tokens) : "unset"}, which allows IMDSv1 (no session token) ` +
                    "to every process on the node. Set metadataOptions.httpTokens to \"required\".");
            }
        },
    },
];
