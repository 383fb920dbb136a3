import * as pulumi from "@pulumi/pulumi";
import { TypedManagedNodeGroupArgs } from "./args";
import { ManagedNodeGroup as Component } from "./component";

export * from "./args";
// TypeScript programs name the args with the settings EKS refuses beside a launch template typed
// `never` (src/args.ts): this export wins over the schema's interface of the same name above.
export type { TypedManagedNodeGroupArgs as ManagedNodeGroupArgs } from "./args";
export { MANAGED_NODE_GROUP_TYPE } from "./component";

/**
 * An Amazon EKS managed node group on a launch template of its own: custom AMIs, bootstrap and
 * kubelet settings, security groups, instance tags and IMDS settings, with every setting EKS
 * would reject caught at preview — and, in TypeScript, the settings EKS refuses beside a launch
 * template (diskSize, remoteAccess, a network interface's subnetId, ...) refused by `tsc`.
 */
export const ManagedNodeGroup: Omit<typeof Component, "prototype"> & {
    new (name: string, args: TypedManagedNodeGroupArgs, opts?: pulumi.ComponentResourceOptions): Component;
    readonly prototype: Component;
} = Component;
export type ManagedNodeGroup = Component;
export { fromEksCluster } from "./cluster";
export { validate } from "./validate/index";
export type { Diagnostic, Plan, PlannedResource, ValidateOptions } from "./validate/index";
