"""eks_nodegroup.testing as a Python team's suite uses it: NodeGroupMocks under pulumi.runtime.set_mocks
record each ManagedNodeGroup's inputs (numbers as Python sends them: 3.0), and assert_valid runs them
through the component provider's validate mode (scripts/sdk.sh test sets EKS_NODEGROUP_PROVIDER to this
repository's pulumi-resource-eks-nodegroup), failing with the rule ids, paths and messages."""
import pulumi
import pytest

import eks_nodegroup as eksng
from eks_nodegroup.testing import NodeGroupMocks, validate

CLUSTER = eksng.ClusterArgs(name="prod", endpoint="https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
                            service_ipv4_cidr="172.20.0.0/16")
SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
ROLE = "arn:aws:iam::123456789012:role/nodes"


def use_mocks(preview: bool) -> NodeGroupMocks:
    mocks = NodeGroupMocks()
    pulumi.runtime.set_mocks(mocks, project="nodes", stack="test", preview=preview)
    return mocks


@pulumi.runtime.test
def test_an_invalid_group_fails_with_each_rule_id_path_and_message():
    mocks = use_mocks(preview=False)
    ng = eksng.ManagedNodeGroup(
        "general", cluster=CLUSTER, node_role_arn=ROLE, subnet_ids=SUBNETS,
        os_family="AmazonLinux2024", disk_size=100,
        scaling_config=eksng.ScalingConfigArgs(min_size=3, max_size=2),
        launch_template=eksng.LaunchTemplateArgs(network_interfaces=[
            eksng.NetworkInterfaceArgs(device_index=0, subnet_id="subnet-0a1b2c3d4e5f60718")]))

    def check(_):
        inputs = mocks.inputs_of("general")
        assert inputs["scalingConfig"] == {"minSize": 3.0, "maxSize": 2.0}
        assert isinstance(inputs["scalingConfig"]["minSize"], float)   # how Python's mocks record an int
        with pytest.raises(AssertionError) as failed:
            mocks.assert_valid("general")
        message = str(failed.value)
        assert message.startswith('ManagedNodeGroup "general" has 4 invalid settings:')
        assert "[ng-scaling] scalingConfig.minSize: scalingConfig.minSize (3) is greater than maxSize (2)." in message
        assert "[ng-no-disk-size] diskSize: EKS rejects diskSize" in message
        assert '[args-schema] osFamily: osFamily is "AmazonLinux2024"; did you mean "AmazonLinux2023"?' in message
        assert "[lt-no-subnet-in-network-interface] launchTemplate.networkInterfaces[0].subnetId: " in message
        found = validate(inputs, "general")
        assert found.valid is False
        assert sorted(found.rule_ids()) == ["args-schema", "lt-no-subnet-in-network-interface", "ng-no-disk-size", "ng-scaling"]
        assert {d.property for d in found.errors} >= {"osFamily", "diskSize", "scalingConfig.minSize",
                                                       "launchTemplate.networkInterfaces[0].subnetId"}

    return ng.urn.apply(check)


@pulumi.runtime.test
def test_a_valid_group_passes_and_its_plan_comes_back():
    mocks = use_mocks(preview=False)
    ng = eksng.ManagedNodeGroup(
        "general", cluster=CLUSTER, node_role_arn=pulumi.Output.secret(ROLE), subnet_ids=SUBNETS,
        os_family=eksng.OsFamily.AMAZON_LINUX2023,
        scaling_config=eksng.ScalingConfigArgs(min_size=2, max_size=10),
        launch_template=eksng.LaunchTemplateArgs(root_volume=eksng.RootVolumeArgs(size_gib=100)))

    def check(_):
        mocks.assert_valid()   # every ManagedNodeGroup registered
        found = mocks.validate("general")
        assert found.valid and found.errors == []
        node_group = next(r for r in found.plan["resources"] if r["type"] == "aws:eks/nodeGroup:NodeGroup")
        assert node_group["inputs"]["scalingConfig"] == {"minSize": 2, "maxSize": 10, "desiredSize": 2}
        assert node_group["inputs"]["nodeRoleArn"] == "[secret]"   # the secret stays one in the answer

    return ng.urn.apply(check)


class Role(pulumi.CustomResource):
    def __init__(self, name):
        super().__init__("aws:iam/role:Role", name, {"arn": None})


@pulumi.runtime.test
def test_values_unknown_at_preview_are_not_missing():
    mocks = use_mocks(preview=True)
    role = Role("nodes")   # under preview its arn is unknown, as the engine leaves it
    ng = eksng.ManagedNodeGroup("general", cluster=CLUSTER, node_role_arn=role.arn, subnet_ids=SUBNETS,
                                scaling_config=eksng.ScalingConfigArgs(min_size=1, max_size=3))

    def check(_):
        assert "nodeRoleArn" in mocks.inputs_of("general")
        mocks.assert_valid("general")

    return ng.urn.apply(check)


@pulumi.runtime.test
def test_a_name_never_registered_fails_naming_what_was():
    mocks = use_mocks(preview=False)
    ng = eksng.ManagedNodeGroup("general", cluster=CLUSTER, node_role_arn=ROLE, subnet_ids=SUBNETS,
                                scaling_config=eksng.ScalingConfigArgs(min_size=1, max_size=3))

    def check(_):
        with pytest.raises(AssertionError, match='no eks-nodegroup:index:ManagedNodeGroup named "gpu".*"general"'):
            mocks.assert_valid("gpu")

    return ng.urn.apply(check)
