"""examples/python under Pulumi's Python mock runtime: the program registers the node group with the
inputs the YAML example gives (Python programs cannot run under the real engine here: the Python
language host cannot be obtained)."""
import pathlib
import runpy

import pulumi
import pytest

EXAMPLE = pathlib.Path(__file__).resolve().parents[3] / "examples" / "python" / "__main__.py"


class Recorder(pulumi.runtime.Mocks):
    def __init__(self):
        self.inputs = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.inputs[args.typ] = args.inputs
        return [f"{args.name}-id", args.inputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


@pytest.fixture(autouse=True)
def recorder():
    mocks = Recorder()
    pulumi.runtime.set_mocks(mocks, project="eks-nodegroup-python", stack="dev", preview=False)
    return mocks


@pulumi.runtime.test
def test_example_registers_the_node_group(recorder):
    program = runpy.run_path(str(EXAMPLE))

    def check(_):
        inputs = recorder.inputs["eks-nodegroup:index:ManagedNodeGroup"]
        assert inputs["cluster"] == {
            "name": "prod", "endpoint": "https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
            "serviceIpv4Cidr": "172.20.0.0/16", "clusterSecurityGroupId": "sg-0c1a2b3c4d5e6f708"}
        assert inputs["osFamily"] == "AmazonLinux2023"
        assert inputs["scalingConfig"] == {"minSize": 2, "maxSize": 10}
        assert inputs["subnetIds"] == ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
        assert inputs["launchTemplate"] == {
            "vpcSecurityGroupIds": ["sg-0aa11bb22cc33dd44"], "instanceTags": {"team": "platform"},
            "userData": {"content": "#!/bin/bash\necho first\n"}}

    return program["nodes"].urn.apply(check)
