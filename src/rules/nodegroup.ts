// Node group settings EKS refuses next to a launch template, instance types,
// and the shape of the node group itself (name, scaling, update config).
import { awsConstraint } from "../facts/awsconstraints";
import { kubernetesMinor, MAX_NODE_GROUP_INSTANCE_TYPES } from "../facts/grammar";
import { meantOrStop } from "../base/suggestions";
import { Rule } from "./rule";

import { arr, isSet, isUnknown, num, obj, show, str, wholeNumber } from "../base/values";

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const MAX_NAME_LENGTH = 63;

// An IAM role's ARN: arn:<partition>:iam::<account>:role/<path><name>. From the IAM API Reference's Role type:
// a RoleName is 1-64 of [\w+=,.@-]; a Path is "/" or "/…/" of U+0021-U+007E, at most 512 characters. The
// partition is any of AWS's (aws, aws-cn, aws-us-gov, aws-iso…): not listed, so a new one is not refused.
const ROLE_NAME = /[\w+=,.@-]{1,64}/;
const ROLE_ARN = new RegExp(`^arn:aws(?:-[a-z]+)*:iam::\\d{12}:role(\\/(?:[\\x21-\\x7e]*\\/)?)(${ROLE_NAME.source})$`);
const BARE_ROLE_NAME = new RegExp(`^${ROLE_NAME.source}$`);
const MAX_ROLE_PATH_LENGTH = 512;

/** Why `text` is not an IAM role ARN, or undefined when it is one. */
export function roleArnProblem(text: string): string | undefined {
    const m = ROLE_ARN.exec(text);
    if (m === null) {
        return "is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<optional path/><name>, the name 1-64 of letters, digits and + = , . @ _ -)";
    }
    if (m[1].length > MAX_ROLE_PATH_LENGTH) return `has a path of ${m[1].length} characters; IAM allows ${MAX_ROLE_PATH_LENGTH}`;
    return undefined;
}
/** A generated name is the prefix plus 26 characters (Pulumi's random suffix). */
const MAX_PREFIX_LENGTH = MAX_NAME_LENGTH - 26;
/** The limits EKS's API model states (src/facts/awsconstraints.ts); these rules own those members. */
const MIN_SIZE = awsConstraint("nodeGroup.scalingConfig.minSize").min!;
const MIN_MAX_SIZE = awsConstraint("nodeGroup.scalingConfig.maxSize").min!;
const MIN_DESIRED_SIZE = awsConstraint("nodeGroup.scalingConfig.desiredSize").min!;
const UNAVAILABLE = awsConstraint("nodeGroup.updateConfig.maxUnavailable");
const UNAVAILABLE_PERCENTAGE = awsConstraint("nodeGroup.updateConfig.maxUnavailablePercentage");
const UPDATE_STRATEGIES = awsConstraint("nodeGroup.updateConfig.updateStrategy").enum!;

export function hasCustomAmi(launchTemplate: Record<string, unknown>): boolean {
    return isSet(launchTemplate.imageId);
}

/** A node group setting EKS rejects once the template names a custom AMI. */
function notWithCustomAmi(id: string, key: string, summary: string, instead: string, applies: (v: unknown) => boolean = () => true): Rule {
    return {
        id, summary,
        severity: "error",
        paths: [`nodeGroup.${key}`, "launchTemplate.imageId"],
        check(s, report) {
            const value = s.nodeGroup[key];
            // Either unknown at preview (e.g. a template unknown as a whole): checked once known.
            if (isUnknown(value) || isUnknown(s.launchTemplate.imageId)) return;
            if (hasCustomAmi(s.launchTemplate) && isSet(value) && applies(value)) {
                report(`nodeGroup.${key}`, `The launch template names a custom AMI (imageId); EKS then rejects ${key} on the node group. ${instead}`);
            }
        },
    };
}

export const nodeGroupRules: Rule[] = [
    {
        id: "ng-no-disk-size",
        severity: "error",
        paths: ["nodeGroup.diskSize"],
        summary: "diskSize on a node group with a launch template; the size belongs in the template's block device mapping.",
        check(s, report) {
            if (isSet(s.nodeGroup.diskSize)) {
                report("nodeGroup.diskSize",
                    "EKS rejects diskSize on a node group that uses a launch template. Set the root volume size in the " +
                    "template's block device mapping instead (ManagedNodeGroup: launchTemplate.rootVolume.sizeGib).");
            }
        },
    },
    {
        id: "ng-no-remote-access",
        severity: "error",
        paths: ["nodeGroup.remoteAccess.ec2SshKey", "nodeGroup.remoteAccess.sourceSecurityGroupIds"],
        summary: "remoteAccess on a node group with a launch template; SSH is set up in the template (keyName, security groups).",
        check(s, report) {
            const ra = s.nodeGroup.remoteAccess;
            if (!isSet(ra)) return;
            const fields = obj(ra);
            if (fields === undefined) {
                report("nodeGroup.remoteAccess",
                    "EKS rejects remoteAccess on a node group that uses a launch template. Set the key pair as the " +
                    "template's keyName and allow SSH in one of the template's security groups.");
                return;
            }
            if (isSet(fields.ec2SshKey)) {
                report("nodeGroup.remoteAccess.ec2SshKey",
                    "EKS rejects remoteAccess.ec2SshKey on a node group that uses a launch template. Set the key pair " +
                    "as the template's keyName (ManagedNodeGroup: launchTemplate.keyName).");
            }
            if (isSet(fields.sourceSecurityGroupIds)) {
                report("nodeGroup.remoteAccess.sourceSecurityGroupIds",
                    "Source security groups cannot be used with a launch template. Give the template a security group " +
                    "that allows inbound SSH (ManagedNodeGroup: launchTemplate.vpcSecurityGroupIds).");
            }
            if (!isSet(fields.ec2SshKey) && !isSet(fields.sourceSecurityGroupIds)) {
                report("nodeGroup.remoteAccess",
                    "EKS rejects remoteAccess on a node group that uses a launch template. Remove it; set SSH up in " +
                    "the template (keyName and a security group that allows port 22).");
            }
        },
    },
    {
        id: "ng-instance-types-conflict",
        severity: "error",
        paths: ["nodeGroup.instanceTypes", "launchTemplate.instanceType"],
        summary: "Instance types on the node group while the template holds one.",
        check(s, report) {
            const types = arr(s.nodeGroup.instanceTypes);
            if (isUnknown(s.launchTemplate.instanceType)) return;
            if (isSet(s.launchTemplate.instanceType) && types !== undefined && types.length > 0) {
                report("nodeGroup.instanceTypes",
                    "The launch template already holds an instance type; EKS then rejects instanceTypes on the node " +
                    "group. Keep one place: either the template's single instanceType, or up to 20 instanceTypes on " +
                    "the node group and none in the template.");
            }
        },
    },
    {
        id: "ng-instance-types-count",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.instanceTypes"],
        summary: "More than 20 instance types, or an empty instance type name, on the node group.",
        check(s, report) {
            const types = arr(s.nodeGroup.instanceTypes);
            if (types === undefined) return;
            if (types.length > MAX_NODE_GROUP_INSTANCE_TYPES) {
                report("nodeGroup.instanceTypes",
                    `The node group lists ${types.length} instance types; EKS accepts at most ` +
                    `${MAX_NODE_GROUP_INSTANCE_TYPES}. Remove some.`);
            }
            types.forEach((t, i) => {
                if (!isUnknown(t) && (str(t) === undefined || str(t)!.trim() === "")) {
                    report(`nodeGroup.instanceTypes[${i}]`, `Instance type ${show(t)} is not an instance type name (e.g. "m6i.large").`);
                }
            });
        },
    },
    {
        id: "ng-spot-single-type",
        anyNodeGroup: true,
        severity: "warning",
        paths: ["nodeGroup.capacityType", "nodeGroup.instanceTypes", "launchTemplate.instanceType"],
        summary: "Spot capacity with a single instance type: works, but one reclaimed pool empties the group.",
        check(s, report) {
            // A template type not known yet may be absent (a template the pack cannot see): not known, not one.
            if (s.nodeGroup.capacityType !== "SPOT" || isUnknown(s.launchTemplate.instanceType)) return;
            const types = arr(s.nodeGroup.instanceTypes);
            const count = isSet(s.launchTemplate.instanceType) ? 1 : types?.length ?? 0;
            if (count === 1 && !(types ?? []).some(isUnknown)) {
                report(isSet(s.launchTemplate.instanceType) ? "launchTemplate.instanceType" : "nodeGroup.instanceTypes",
                    "Spot with a single instance type is fragile: when EC2 reclaims that pool the whole group goes. " +
                    "List several similar types in the node group's instanceTypes (and none in the template).");
            }
        },
    },
    notWithCustomAmi("ng-no-ami-type-with-custom-ami", "amiType",
        "amiType on the node group while the template names a custom AMI.",
        "Remove amiType (the AMI decides), or remove imageId to use the EKS-optimized AMI of that type.",
        (v) => v !== "CUSTOM"),
    notWithCustomAmi("ng-no-release-version-with-custom-ami", "releaseVersion",
        "releaseVersion on the node group while the template names a custom AMI.",
        "The AMI itself is the release: remove releaseVersion and change imageId to move to another AMI."),
    notWithCustomAmi("ng-no-version-with-custom-ami", "version",
        "Kubernetes version on the node group while the template names a custom AMI.",
        "The AMI's kubelet decides: remove version and choose an AMI built for the Kubernetes version you want."),
    {
        id: "ng-name",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.nodeGroupName", "nodeGroup.nodeGroupNamePrefix"],
        summary: "Node group name or prefix breaks EKS name rules (≤ 63 characters, letter/digit first, then letters, digits, - and _), or both are given.",
        check(s, report) {
            const name = s.nodeGroup.nodeGroupName;
            const prefix = s.nodeGroup.nodeGroupNamePrefix;
            if (isSet(name) && isSet(prefix)) {
                report("nodeGroup.nodeGroupNamePrefix",
                    "Give either nodeGroupName or nodeGroupNamePrefix, not both. A prefix lets a replacement create " +
                    "the new group before deleting the old one.");
            }
            const checkName = (path: string, v: unknown, max: number, what: string) => {
                if (!isSet(v) || isUnknown(v)) return;
                const text = str(v);
                if (text === undefined || text.length === 0 || !NAME_PATTERN.test(text)) {
                    report(path, `${what} ${show(v)} is not a valid EKS node group name: start with a letter or digit, ` +
                        "then use only letters, digits, - and _.");
                } else if (text.length > max) {
                    report(path, `${what} is ${text.length} characters long; EKS allows ${max}` +
                        (max < MAX_NAME_LENGTH ? " for a prefix (the generated suffix takes 26)." : "."));
                }
            };
            checkName("nodeGroup.nodeGroupName", name, MAX_NAME_LENGTH, "Node group name");
            checkName("nodeGroup.nodeGroupNamePrefix", prefix, MAX_PREFIX_LENGTH, "Node group name prefix");
        },
    },
    {
        id: "ng-node-role",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.nodeRoleArn"],
        summary: "The node role is not an IAM role ARN (an instance profile's, a role name alone, a user's): EKS refuses the node group.",
        check(s, report) {
            const arn = s.nodeGroup.nodeRoleArn;
            const text = str(arn);
            if (isUnknown(arn) || text === undefined) return;
            const problem = roleArnProblem(text);
            if (problem === undefined) return;
            const hint = /:instance-profile\//.test(text) ? " This is an instance profile's ARN: give the ARN of the role in it." :
                !text.startsWith("arn:") && BARE_ROLE_NAME.test(text) ? " This looks like a role name: give the role's ARN (its Arn attribute)." : "";
            report("nodeGroup.nodeRoleArn", `nodeRoleArn ${show(arn)} ${problem}; EKS refuses the node group.${hint}`);
        },
    },
    {
        id: "ng-scaling",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.scalingConfig.minSize", "nodeGroup.scalingConfig.maxSize", "nodeGroup.scalingConfig.desiredSize"],
        summary: "Scaling config outside EKS limits: whole numbers, maxSize ≥ 1, minSize ≥ 0, minSize ≤ desiredSize ≤ maxSize.",
        check(s, report) {
            const sc = s.nodeGroup.scalingConfig;
            if (!isSet(sc) || isUnknown(sc)) return;
            const fields = obj(sc);
            if (fields === undefined) {
                report("nodeGroup.scalingConfig", "scalingConfig must be an object with minSize, maxSize and optionally desiredSize.");
                return;
            }
            const count = (key: string, required: boolean): number | undefined => {
                const v = fields[key];
                if (isUnknown(v)) return undefined;
                if (!isSet(v)) {
                    if (required) report(`nodeGroup.scalingConfig.${key}`, `scalingConfig.${key} is required.`);
                    return undefined;
                }
                const n = num(v);
                if (n === undefined || !Number.isInteger(n)) {
                    report(`nodeGroup.scalingConfig.${key}`, `scalingConfig.${key} must be a whole number, got ${show(v)}.`);
                    return undefined;
                }
                return n;
            };
            const min = count("minSize", true);
            const max = count("maxSize", true);
            const desired = count("desiredSize", false);
            if (max !== undefined && max < MIN_MAX_SIZE) {
                report("nodeGroup.scalingConfig.maxSize", `scalingConfig.maxSize is ${max}; EKS requires at least ${MIN_MAX_SIZE}.`);
            }
            if (min !== undefined && min < MIN_SIZE) {
                report("nodeGroup.scalingConfig.minSize", `scalingConfig.minSize is ${min}; EKS requires at least ${MIN_SIZE} (it cannot be negative).`);
            }
            if (desired !== undefined && desired < MIN_DESIRED_SIZE && (min === undefined || min < MIN_SIZE)) {
                // With a valid minSize, "below minSize" below says it.
                report("nodeGroup.scalingConfig.desiredSize", `scalingConfig.desiredSize is ${desired}; EKS requires at least ${MIN_DESIRED_SIZE} (it cannot be negative).`);
            }
            if (min !== undefined && max !== undefined && min > max) {
                report("nodeGroup.scalingConfig.minSize", `scalingConfig.minSize (${min}) is greater than maxSize (${max}).`);
            }
            if (desired !== undefined && min !== undefined && desired < min) {
                report("nodeGroup.scalingConfig.desiredSize", `scalingConfig.desiredSize (${desired}) is below minSize (${min}).`);
            }
            if (desired !== undefined && max !== undefined && desired > max) {
                report("nodeGroup.scalingConfig.desiredSize", `scalingConfig.desiredSize (${desired}) is above maxSize (${max}).`);
            }
        },
    },
    {
        id: "ng-update-config",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.updateConfig.maxUnavailable", "nodeGroup.updateConfig.maxUnavailablePercentage", "nodeGroup.updateConfig.updateStrategy"],
        summary: "Update config with both or neither of maxUnavailable and maxUnavailablePercentage, a value outside 1–100, maxUnavailable above maxSize, or an update strategy other than DEFAULT and MINIMAL.",
        check(s, report) {
            const uc = s.nodeGroup.updateConfig;
            if (!isSet(uc) || isUnknown(uc)) return;
            const fields = obj(uc);
            if (fields === undefined) {
                report("nodeGroup.updateConfig", "updateConfig must be an object with maxUnavailable or maxUnavailablePercentage.");
                return;
            }
            const abs = fields.maxUnavailable;
            const pct = fields.maxUnavailablePercentage;
            if (isSet(abs) && isSet(pct)) {
                report("nodeGroup.updateConfig",
                    "Set one of updateConfig.maxUnavailable and updateConfig.maxUnavailablePercentage, not both: EKS rejects both together.");
            } else if (!isSet(abs) && !isSet(pct)) {
                report("nodeGroup.updateConfig",
                    "updateConfig needs maxUnavailable (a node count) or maxUnavailablePercentage; remove updateConfig to keep EKS's default of 1.");
            }
            wholeNumber(report, "nodeGroup.updateConfig.maxUnavailable", abs, UNAVAILABLE.min!, UNAVAILABLE.max);
            wholeNumber(report, "nodeGroup.updateConfig.maxUnavailablePercentage", pct, UNAVAILABLE_PERCENTAGE.min!, UNAVAILABLE_PERCENTAGE.max);
            const strategy = fields.updateStrategy;
            if (isSet(strategy) && !isUnknown(strategy) && !UPDATE_STRATEGIES.includes(str(strategy) ?? "")) {
                report("nodeGroup.updateConfig.updateStrategy", `updateConfig.updateStrategy must be ${UPDATE_STRATEGIES.join(" or ")}, got ${show(strategy)}${meantOrStop(strategy, UPDATE_STRATEGIES)}`);
            }
            const maxSize = num(obj(s.nodeGroup.scalingConfig)?.maxSize);
            const absolute = num(abs);
            if (absolute !== undefined && maxSize !== undefined && maxSize >= 1 && absolute > maxSize) {
                report("nodeGroup.updateConfig.maxUnavailable", `updateConfig.maxUnavailable is ${absolute}, above the group's maxSize ` +
                    `${maxSize}; EKS refuses it. Set it to at most ${maxSize}, or use maxUnavailablePercentage.`);
            }
        },
    },
    {
        id: "ng-subnets",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.subnetIds"],
        summary: "No subnets for the node group.",
        check(s, report) {
            const subnets = s.nodeGroup.subnetIds;
            if (isUnknown(subnets)) return;
            const list = arr(subnets);
            if (list === undefined || list.length === 0) {
                report("nodeGroup.subnetIds", "The node group needs at least one subnet id in subnetIds: EKS launches nodes there.");
                return;
            }
            list.forEach((id, i) => {
                if (!isUnknown(id) && (str(id) === undefined || str(id) === "")) {
                    report(`nodeGroup.subnetIds[${i}]`, `Subnet id ${show(id)} is not a subnet id (subnet-…).`);
                }
            });
        },
    },
    {
        id: "ng-version-cluster",
        anyNodeGroup: true,
        severity: "error",
        paths: ["nodeGroup.version", "cluster.version"],
        summary: "A node group version newer than its cluster's: EKS refuses it (nodes never run ahead of the control plane).",
        check(s, report) {
            // Kubernetes' version skew policy: kubelet must not be newer than kube-apiserver; EKS holds node groups to it
            // (CreateNodegroup's version defaults to the cluster's, UpdateNodegroupVersion goes up to it at most).
            const group = kubernetesMinor(s.nodeGroup.version);
            const cluster = kubernetesMinor(s.clusterVersion);
            if (group !== undefined && cluster !== undefined && (group[0] > cluster[0] || (group[0] === cluster[0] && group[1] > cluster[1]))) {
                report("nodeGroup.version", `The node group asks for Kubernetes ${show(s.nodeGroup.version)} and its cluster runs ` +
                    `${show(s.clusterVersion)}: EKS refuses a node group ahead of its control plane. Upgrade the cluster first, or ` +
                    "leave version unset (the group follows the cluster's).");
            }
        },
    },
];
