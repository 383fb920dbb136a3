"""The generated Python SDK under Pulumi's Python mock runtime: constructing ManagedNodeGroup
registers the component with its inputs shaped as the schema says (nested objects, enums,
lists, integral numbers, secrets)."""
import pulumi
import eks_nodegroup as eksng
import pytest

registered = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered.append(args)
        return [f"{args.name}-id", {**args.inputs, "nodeGroupName": "ng-1234", "launchTemplateVersion": 1}]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


@pytest.fixture(autouse=True)
def mocks():
    pulumi.runtime.set_mocks(Mocks(), preview=False)


@pulumi.runtime.test
def test_component_inputs():
    ng = eksng.ManagedNodeGroup(
        "general",
        cluster=eksng.ClusterArgs(name="prod", endpoint="https://ABC.gr7.eu-west-1.eks.amazonaws.com",
                                      service_ipv4_cidr="10.100.0.0/16"),
        node_role_arn=pulumi.Output.secret("arn:aws:iam::123456789012:role/nodes"),
        subnet_ids=["subnet-a", "subnet-b"],
        os_family=eksng.OsFamily.BOTTLEROCKET,
        scaling_config=eksng.ScalingConfigArgs(min_size=3, max_size=5),
        taints=[eksng.TaintArgs(key="dedicated", value="a", effect=eksng.TaintEffect.NO_SCHEDULE)],
        launch_template=eksng.LaunchTemplateArgs(
            image_id="ami-0123456789abcdef0",
            user_data=eksng.UserDataArgs(max_pods=58),
            metadata_options=eksng.MetadataOptionsArgs(http_tokens=eksng.HttpTokens.REQUIRED),
        ),
    )

    def check(_):
        component = next(r for r in registered if r.typ == "eks-nodegroup:index:ManagedNodeGroup")
        inputs = component.inputs
        assert inputs["cluster"] == {"name": "prod", "endpoint": "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
                                     "serviceIpv4Cidr": "10.100.0.0/16"}
        assert inputs["osFamily"] == "Bottlerocket"
        assert inputs["subnetIds"] == ["subnet-a", "subnet-b"]
        assert inputs["scalingConfig"] == {"minSize": 3, "maxSize": 5}
        assert inputs["taints"] == [{"key": "dedicated", "value": "a", "effect": "NO_SCHEDULE"}]
        assert inputs["launchTemplate"]["userData"] == {"maxPods": 58}
        assert inputs["launchTemplate"]["metadataOptions"] == {"httpTokens": "required"}
        # The secret travels as a secret: the engine's envelope around the value.
        assert inputs["nodeRoleArn"] == {pulumi.runtime.rpc._special_sig_key: pulumi.runtime.rpc._special_secret_sig,
                                         "value": "arn:aws:iam::123456789012:role/nodes"}

    return ng.node_group_name.apply(check)


@pulumi.runtime.test
def test_outputs_come_back():
    ng = eksng.ManagedNodeGroup("other", cluster=eksng.ClusterArgs(name="prod"), node_role_arn="arn",
                                subnet_ids=["subnet-a"], scaling_config=eksng.ScalingConfigArgs(min_size=1, max_size=2))
    def check(name):
        assert name == "ng-1234"

    return ng.node_group_name.apply(check)
