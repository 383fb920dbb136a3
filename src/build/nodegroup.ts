// Review → the inputs of the aws.eks.NodeGroup: the template by id and by
// its latest version number, so a template change rolls the nodes in place.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "../facts/defaults";
import { deferred, field } from "../base/deferred";
import { overrideInputs } from "../facts/overrides";
import { Spec } from "../model/spec";
import { isSet, obj } from "../base/values";

type In<T> = pulumi.Input<T>;

/** What the node group reads of its launch template. */
export type TemplateReference = Pick<aws.ec2.LaunchTemplate, "id" | "latestVersion">;

export function scalingConfig(spec: Spec): In<aws.types.input.eks.NodeGroupScalingConfig> {
    return deferred(spec.input.scalingConfig, (given) => {
        const sc = obj(given) ?? {};
        return {
            minSize: sc.minSize as In<number>,
            maxSize: sc.maxSize as In<number>,
            desiredSize: (isSet(sc.desiredSize) ? sc.desiredSize : sc.minSize) as In<number>,
        };
    }) as In<aws.types.input.eks.NodeGroupScalingConfig>;
}

export function nodeGroupArgs(spec: Spec, launchTemplate: TemplateReference): aws.eks.NodeGroupArgs {
    const a = spec.input;
    const eksAmiOnly = (key: string) => (spec.customAmi ? undefined : a[key]) as In<string> | undefined;
    return {
        clusterName: field(a.cluster, "name") as In<string>,
        nodeRoleArn: a.nodeRoleArn as In<string>,
        subnetIds: a.subnetIds as In<In<string>[]>,
        nodeGroupName: a.nodeGroupName as In<string> | undefined,
        nodeGroupNamePrefix: a.nodeGroupNamePrefix as In<string> | undefined,
        amiType: spec.amiType,
        releaseVersion: eksAmiOnly("releaseVersion"),
        // The cluster's version unless pinned: a cluster upgrade then rolls the nodes in place.
        version: spec.customAmi ? undefined : (a.version ?? field(a.cluster, "version")) as In<string> | undefined,
        // A Capacity Block's one type went into the template: EKS refuses it in both places.
        instanceTypes: spec.movedInstanceType !== undefined ? undefined : a.instanceTypes as In<In<string>[]> | undefined,
        capacityType: (a.capacityType ?? DEFAULTS.capacityType) as In<string>,
        scalingConfig: scalingConfig(spec),
        updateConfig: a.updateConfig as In<aws.types.input.eks.NodeGroupUpdateConfig> | undefined,
        nodeRepairConfig: a.nodeRepairConfig as In<aws.types.input.eks.NodeGroupNodeRepairConfig> | undefined,
        warmPoolConfig: a.warmPoolConfig as In<aws.types.input.eks.NodeGroupWarmPoolConfig> | undefined,
        forceUpdateVersion: a.forceUpdateVersion as In<boolean> | undefined,
        labels: a.labels as In<Record<string, In<string>>> | undefined,
        taints: a.taints as In<In<aws.types.input.eks.NodeGroupTaint>[]> | undefined,
        tags: a.tags as In<Record<string, In<string>>> | undefined,
        launchTemplate: {
            id: launchTemplate.id,
            version: launchTemplate.latestVersion.apply((v) => String(v)),
        },
        // Last: inputs the package does not type (the rules have read them with the rest).
        ...overrideInputs(a, spec.args, "nodeGroup"),
    };
}
