// Review → the inputs of the aws.eks.NodeGroup: the template by id and by
// its latest version number, so a template change rolls the nodes in place. The fields taken as
// given, and the overrides, are model/template.ts's (the rules read the same).
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "../facts/defaults";
import { member, whenKnown } from "../base/deferred";
import { overridesOf } from "../facts/overrides";
import { givenNodeGroup } from "../model/template";
import { Spec } from "../model/spec";
import { ScalingConfig } from "../args";

type In<T> = pulumi.Input<T>;

/** What the node group reads of its launch template. */
export type TemplateReference = Pick<aws.ec2.LaunchTemplate, "id" | "latestVersion">;

export function scalingConfig(spec: Spec): In<aws.types.input.eks.NodeGroupScalingConfig> {
    return whenKnown(spec.input.scalingConfig, (given) => {
        // scalingConfig and its sizes are required: the rules refuse a definition without them before a builder runs.
        const sc: Partial<ScalingConfig> = given ?? {};
        return { minSize: sc.minSize!, maxSize: sc.maxSize!, desiredSize: sc.desiredSize ?? sc.minSize! };
    });
}

export function nodeGroupArgs(spec: Spec, launchTemplate: TemplateReference): aws.eks.NodeGroupArgs {
    const a = spec.input;
    // What the rules read as the node group, from the inputs: without instanceTypes when a Capacity Block's moved to the template.
    const given = givenNodeGroup(a, spec.movedInstanceType !== undefined);
    return {
        // Required: the rules refuse a definition without them before a builder runs.
        clusterName: member(a.cluster, "name")!,
        nodeRoleArn: given.nodeRoleArn!,
        subnetIds: given.subnetIds!,
        nodeGroupName: given.nodeGroupName,
        nodeGroupNamePrefix: given.nodeGroupNamePrefix,
        amiType: spec.amiType,
        releaseVersion: spec.customAmi ? undefined : given.releaseVersion,
        // The cluster's version unless pinned: a cluster upgrade then rolls the nodes in place.
        version: spec.customAmi ? undefined : given.version ?? member(a.cluster, "version"),
        instanceTypes: given.instanceTypes,
        capacityType: given.capacityType ?? DEFAULTS.capacityType,
        scalingConfig: scalingConfig(spec),
        updateConfig: given.updateConfig,
        nodeRepairConfig: given.nodeRepairConfig,
        warmPoolConfig: given.warmPoolConfig,
        forceUpdateVersion: given.forceUpdateVersion,
        labels: given.labels,
        taints: given.taints,
        tags: given.tags,
        launchTemplate: {
            id: launchTemplate.id,
            version: launchTemplate.latestVersion.apply((v) => String(v)),
        },
        // Last: inputs the package does not type (the rules have read them with the rest).
        ...overridesOf(a, spec.args, "nodeGroup"),
    };
}
