export * from "./args";
export { ManagedNodeGroup, MANAGED_NODE_GROUP_TYPE } from "./component";
export { fromEksCluster } from "./cluster";
