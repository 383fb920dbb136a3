// The component's type token: the schema's resource, the component provider's Construct, the policy
// pack's test for a template that is the component's own child.
export const MANAGED_NODE_GROUP_TYPE = "eks-nodegroup:index:ManagedNodeGroup";
