// launchTemplateOverrides and nodeGroupOverrides: inputs of the two AWS resources that the package
// does not type, merged into them last — and into what the rules read, so a field EKS refuses fails
// there exactly as it does anywhere else (its finding then names the override's path). A key the
// component types or writes itself is not merged: the `overrides-inputs` rule refuses it with the setting it
// belongs to, as one concept has one place.
import { RESERVED_KEYS } from "./grammar";
import { isUnknown, obj } from "../base/values";
import { field } from "../base/deferred";

export const OVERRIDES = { launchTemplate: "launchTemplateOverrides", nodeGroup: "nodeGroupOverrides" } as const;
export type Overridden = keyof typeof OVERRIDES;

/**
 * Inputs the component sets or types, with the setting each belongs to. Forbidden inputs (an
 * instance profile, diskSize, remoteAccess, shutdown behaviour, hibernation) are not here: they merge,
 * and the rule that forbids them says why.
 */
export const OWNED: Record<Overridden, Record<string, string>> = {
    launchTemplate: {
        blockDeviceMappings: "launchTemplate.rootVolume, launchTemplate.dataVolumes (and launchTemplate.osVolume on Bottlerocket)",
        capacityReservationSpecification: "launchTemplate.capacityReservationSpecification",
        defaultVersion: "the component (it makes each new version the default: updateDefaultVersion)",
        description: "the component (it describes the template)",
        imageId: "launchTemplate.imageId (a custom AMI changes the bootstrap the component writes)",
        instanceMarketOptions: "launchTemplate.instanceMarketOptions",
        instanceType: "instanceTypes (or launchTemplate.instanceType)",
        keyName: "launchTemplate.keyName",
        metadataOptions: "launchTemplate.metadataOptions",
        monitoring: "launchTemplate.monitoring",
        networkInterfaces: "launchTemplate.networkInterfaces (or launchTemplate.efa)",
        placement: "launchTemplate.placement",
        tagSpecifications: "launchTemplate.instanceTags",
        tags: "launchTemplate.tags",
        updateDefaultVersion: "the component (the node group runs the latest version)",
        userData: "launchTemplate.userData (the component writes the bootstrap)",
        vpcSecurityGroupIds: "launchTemplate.vpcSecurityGroupIds",
    },
    nodeGroup: {
        amiType: "amiType (or osFamily, architecture, accelerator)",
        capacityType: "capacityType",
        clusterName: "cluster.name",
        forceUpdateVersion: "forceUpdateVersion",
        instanceTypes: "instanceTypes",
        labels: "labels",
        launchTemplate: "the component (the node group runs its own template)",
        nodeGroupName: "nodeGroupName",
        nodeGroupNamePrefix: "nodeGroupNamePrefix",
        nodeRepairConfig: "nodeRepairConfig",
        nodeRoleArn: "nodeRoleArn",
        releaseVersion: "releaseVersion",
        scalingConfig: "scalingConfig",
        subnetIds: "subnetIds",
        tags: "tags",
        taints: "taints",
        updateConfig: "updateConfig",
        version: "version",
        warmPoolConfig: "warmPoolConfig",
    },
};

/** The keys of an override map that merge: known, not owned, not a prototype name. */
export function mergedKeys(resolvedArgs: object, which: Overridden): string[] {
    const map = (resolvedArgs as Record<string, unknown>)[OVERRIDES[which]];
    if (isUnknown(map)) return [];
    return Object.keys(obj(map) ?? {}).filter((k) => !RESERVED_KEYS.has(k) && !Object.hasOwn(OWNED[which], k));
}

/**
 * Each merged key's value, read from `tree`: the resolved args for the rules (plain values), the
 * input tree for the resources (an Output stays one, a secret stays secret). Merged last in both.
 */
export function overridesOf(tree: object, resolvedArgs: object, which: Overridden): Record<string, unknown> {
    const map = (tree as Record<string, unknown>)[OVERRIDES[which]];
    return Object.fromEntries(mergedKeys(resolvedArgs, which).map((k) => [k, field(map, k)]));
}

/** A rule's Subject path, renamed to the override it came from when an override gave it. */
export function overridePath(path: string, resolvedArgs: object): string {
    for (const which of Object.keys(OVERRIDES) as Overridden[]) {
        const prefix = `${which}.`;
        if (!path.startsWith(prefix)) continue;
        const key = path.slice(prefix.length).split(/[.[]/)[0];
        if (mergedKeys(resolvedArgs, which).includes(key)) return `${OVERRIDES[which]}.${path.slice(prefix.length)}`;
    }
    return path;
}
