// Review → the inputs of the aws.eks.NodeGroup (SPEC §1, §3, §4, §10): the template by id and by
// its latest version number, so a template change rolls the nodes in place.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "./model/defaults";
import { deferred, Lazy } from "./model/lazy";
import { Spec } from "./model/spec";
import { isSet, obj } from "./rules/values";

export function scalingConfig(spec: Spec): pulumi.Input<aws.types.input.eks.NodeGroupScalingConfig> {
    return deferred(spec.args.scalingConfig, (given) => {
        const sc = obj(given) ?? {};
        return {
            minSize: sc.minSize as pulumi.Input<number>,
            maxSize: sc.maxSize as pulumi.Input<number>,
            desiredSize: (isSet(sc.desiredSize) ? sc.desiredSize : sc.minSize) as pulumi.Input<number>,
        };
    });
}

/** What the node group reads of its launch template. */
export type TemplateReference = Pick<aws.ec2.LaunchTemplate, "id" | "latestVersion">;

export function nodeGroupArgs(lazy: Lazy, launchTemplate: TemplateReference): aws.eks.NodeGroupArgs {
    const ng = (pick: (spec: Spec) => unknown) => lazy((r) => pick(r.spec) as pulumi.Input<never>);
    const eksAmiOnly = (key: string) => ng((s) => (s.customAmi ? undefined : s.args[key]));
    return {
        clusterName: ng((s) => deferred(s.args.cluster, (c) => obj(c)?.name)),
        nodeRoleArn: ng((s) => s.args.nodeRoleArn),
        subnetIds: ng((s) => s.args.subnetIds),
        nodeGroupName: ng((s) => s.args.nodeGroupName),
        nodeGroupNamePrefix: ng((s) => s.args.nodeGroupNamePrefix),
        amiType: ng((s) => s.amiType),
        releaseVersion: eksAmiOnly("releaseVersion"),
        version: eksAmiOnly("version"),
        instanceTypes: ng((s) => s.args.instanceTypes),
        capacityType: ng((s) => s.args.capacityType ?? DEFAULTS.capacityType),
        scalingConfig: ng(scalingConfig),
        updateConfig: ng((s) => s.args.updateConfig),
        labels: ng((s) => s.args.labels),
        taints: ng((s) => s.args.taints),
        tags: ng((s) => s.args.tags),
        launchTemplate: {
            id: launchTemplate.id,
            version: launchTemplate.latestVersion.apply((v) => String(v)),
        },
    };
}
