// The inputs of the two AWS resources the component creates, and what a change of each does to a
// running node group: the one table `plan --against`, `impact` and the override rules read.
// Pulumi's AWS provider bridges terraform-provider-aws, so the replacements are its ForceNew
// arguments:
//   - aws_eks_node_group: internal/service/eks/node_group.go (hashicorp/terraform-provider-aws at
//     012e0a32f0686212f447447fd3d81c3d0ce256ad, read 2026-12-01): ami_type, capacity_type, cluster_name,
//     disk_size, instance_types, launch_template.id/name, node_group_name(_prefix), node_role_arn,
//     remote_access, subnet_ids; and in AWS provider v7 every resource's `region`. Its update calls
//     UpdateNodegroupVersion for launch_template (its version), release_version and version — EKS then
//     replaces every node, maxUnavailable at a time — and UpdateNodegroupConfig for the rest.
//   - aws_launch_template: internal/service/ec2/ec2_launch_template.go (same repository, read
//     2026-12-01): name and name_prefix force a new template; a change of any launch-template data
//     key (its `updateKeys`, description included) makes a new version; default_version,
//     update_default_version and tags change the template in place without one.
// AWS's own CloudFormation schemas (AWS::EKS::Nodegroup, AWS::EC2::LaunchTemplate, as shipped in
// aws-cloudformation/rain v1.24.4, compared by hand 2026-12-01) name the same create-only
// properties, except that CloudFormation updates a node group's launch template id in place where
// Terraform replaces the group; this table follows Terraform, which is what the engine runs.
// New inputs of a later @pulumi/aws default to "in-place" for the node group and "version" for the
// template; tests/impact/against.test.ts checks every input of the pinned declarations is listed
// here, so an upgrade shows what is new.

/** The @pulumi/aws these tables were written against (the package's development pin; tests/impact/against.test.ts checks it). */
export const AWS_TABLE_VERSION = "7.48.0";

export const NODE_GROUP_TYPE = "aws:eks/nodeGroup:NodeGroup";
export const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";

/** How EKS applies a change of a node group input. */
export type NodeGroupInputEffect = "replace" | "rolling" | "in-place";
/** How a launch template input change lands: a new template, a new version (the nodes roll to it), or the template alone. */
export type LaunchTemplateInputEffect = "replace" | "version" | "template-only";

/** Paths are the Pulumi input names; a dotted path is one field of an object input. */
export const NODE_GROUP_INPUTS: Record<string, NodeGroupInputEffect> = {
    amiType: "replace",
    capacityType: "replace",
    clusterName: "replace",
    diskSize: "replace",
    instanceTypes: "replace",
    "launchTemplate.id": "replace",
    "launchTemplate.name": "replace",
    nodeGroupName: "replace",
    nodeGroupNamePrefix: "replace",
    nodeRoleArn: "replace",
    region: "replace",
    remoteAccess: "replace",
    subnetIds: "replace",
    "launchTemplate.version": "rolling",
    releaseVersion: "rolling",
    version: "rolling",
    forceUpdateVersion: "in-place",
    labels: "in-place",
    nodeRepairConfig: "in-place",
    scalingConfig: "in-place",
    tags: "in-place",
    taints: "in-place",
    updateConfig: "in-place",
    warmPoolConfig: "in-place",
};

export const LAUNCH_TEMPLATE_INPUTS: Record<string, LaunchTemplateInputEffect> = {
    name: "replace",
    namePrefix: "replace",
    region: "replace",
    defaultVersion: "template-only",
    tags: "template-only",
    updateDefaultVersion: "template-only",
};

/** Every other input of the pinned aws.ec2.LaunchTemplate: launch-template data, whose change is a new version. */
export const LAUNCH_TEMPLATE_VERSIONED = [
    "blockDeviceMappings", "capacityReservationSpecification", "cpuOptions", "creditSpecification", "description", "disableApiStop",
    "disableApiTermination", "ebsOptimized", "enclaveOptions", "hibernationOptions", "iamInstanceProfile", "imageId",
    "instanceInitiatedShutdownBehavior", "instanceMarketOptions", "instanceRequirements", "instanceType", "kernelId", "keyName",
    "licenseSpecifications", "maintenanceOptions", "metadataOptions", "monitoring", "networkInterfaces", "networkPerformanceOptions",
    "placement", "privateDnsNameOptions", "ramDiskId", "secondaryInterfaces", "securityGroupNames", "tagSpecifications", "userData",
    "vpcSecurityGroupIds",
];

/** Every input name of the pinned aws.eks.NodeGroup and aws.ec2.LaunchTemplate. */
export const NODE_GROUP_INPUT_NAMES: ReadonlySet<string> = new Set(Object.keys(NODE_GROUP_INPUTS).map((p) => p.split(".")[0]));
export const LAUNCH_TEMPLATE_INPUT_NAMES: ReadonlySet<string> = new Set([...Object.keys(LAUNCH_TEMPLATE_INPUTS), ...LAUNCH_TEMPLATE_VERSIONED]);

/** A node group input path's effect: the longest table entry that is the path or holds it. */
export function nodeGroupInputEffect(path: string): NodeGroupInputEffect {
    return NODE_GROUP_INPUTS[path] ?? NODE_GROUP_INPUTS[path.split(".")[0]] ?? "in-place";
}

export function launchTemplateInputEffect(path: string): LaunchTemplateInputEffect {
    return LAUNCH_TEMPLATE_INPUTS[path.split(".")[0]] ?? "version";
}
