export * from "./args";
export { ManagedNodeGroup, MANAGED_NODE_GROUP_TYPE } from "./component";
export { fromEksCluster } from "./cluster";
export { validate } from "./validate/index";
export type { Diagnostic, Plan, PlannedResource, ValidateOptions } from "./validate/index";
