// Settings EKS refuses in the launch template, and where each belongs instead.
import { Rule } from "./rule";
import { arr, isSet, obj, show, str } from "../base/values";

export const launchTemplateRules: Rule[] = [
    {
        id: "lt-no-subnet-in-network-interface",
        severity: "error",
        paths: ["launchTemplate.networkInterfaces[].subnetId"],
        summary: "A network interface of the template names a subnet; EKS places nodes by the node group's subnetIds.",
        check(s, report) {
            (arr(s.launchTemplate.networkInterfaces) ?? []).forEach((ni, i) => {
                if (isSet(obj(ni)?.subnetId)) {
                    report(`launchTemplate.networkInterfaces[${i}].subnetId`,
                        "EKS rejects a launch template whose network interface names a subnet: the node group decides " +
                        "where nodes go. Remove subnetId and list the subnet in the node group's subnetIds.");
                }
            });
        },
    },
    {
        id: "lt-no-iam-instance-profile",
        severity: "error",
        paths: ["launchTemplate.iamInstanceProfile"],
        summary: "The template sets an IAM instance profile; EKS builds it from the node group's nodeRoleArn.",
        check(s, report) {
            const p = s.launchTemplate.iamInstanceProfile;
            if (isSet(p) && (obj(p) === undefined || Object.values(obj(p)!).some(isSet))) {
                report("launchTemplate.iamInstanceProfile",
                    "EKS rejects a launch template with an IAM instance profile: it creates the profile itself from " +
                    "the node role. Remove iamInstanceProfile and give the role's ARN as the node group's nodeRoleArn.");
            }
        },
    },
    {
        id: "lt-no-shutdown-behavior",
        severity: "error",
        paths: ["launchTemplate.instanceInitiatedShutdownBehavior"],
        summary: "The template sets instanceInitiatedShutdownBehavior; EKS controls the instance lifecycle.",
        check(s, report) {
            if (isSet(s.launchTemplate.instanceInitiatedShutdownBehavior)) {
                report("launchTemplate.instanceInitiatedShutdownBehavior",
                    "EKS rejects a launch template with instanceInitiatedShutdownBehavior: managed node groups control " +
                    "the instance lifecycle. Leave it unset.");
            }
        },
    },
    {
        id: "lt-no-hibernation",
        severity: "error",
        paths: ["launchTemplate.hibernationOptions"],
        summary: "The template sets hibernationOptions; EKS controls the instance lifecycle.",
        check(s, report) {
            if (isSet(s.launchTemplate.hibernationOptions)) {
                report("launchTemplate.hibernationOptions",
                    "EKS rejects a launch template with hibernationOptions: managed node groups control the instance " +
                    "lifecycle. Leave it unset.");
            }
        },
    },
    {
        id: "lt-no-instance-requirements",
        severity: "error",
        paths: ["launchTemplate.instanceRequirements"],
        summary: "The template sets instanceRequirements; managed node groups do not take attribute-based instance selection.",
        check(s, report) {
            if (isSet(s.launchTemplate.instanceRequirements)) {
                report("launchTemplate.instanceRequirements",
                    "EKS managed node groups do not take attribute-based instance selection (instanceRequirements): EKS rejects the " +
                    "template. List the instance types instead (instanceTypes, up to 20).");
            }
        },
    },
    {
        id: "lt-same-region",
        severity: "error",
        paths: ["launchTemplate.region", "nodeGroup.region"],
        summary: "The template and the node group name different regions (@pulumi/aws v7's per-resource region: the overrides, or the raw resources).",
        check(s, report) {
            // Only a definite mismatch: a region given on one side alone meets the provider's, which no door sees.
            const template = str(s.launchTemplate.region);
            const group = str(s.nodeGroup.region);
            if (template !== undefined && group !== undefined && template !== group) {
                report("nodeGroup.region",
                    `The node group is created in ${show(group)} and its launch template in ${show(template)}: EKS looks for the template ` +
                    "in the node group's region and fails. Give both the same region, or neither (the provider's).");
            }
        },
    },
];
