"""The installed Python SDK as a user's pip sees it: its distribution name and version are the
package's own (schema.json's), and its plugin metadata names the same version and the git URL the
Pulumi CLI installs the provider from."""
import importlib.metadata
import importlib.resources
import json
import pathlib

import eks_nodegroup

SCHEMA = json.loads((pathlib.Path(__file__).parents[3] / "schema.json").read_text())


def test_pip_reports_the_schema_version():
    assert importlib.metadata.version("eks_nodegroup") == SCHEMA["version"]


def test_plugin_metadata_carries_version_and_download_url():
    plugin = json.loads(importlib.resources.files(eks_nodegroup).joinpath("pulumi-plugin.json").read_text())
    assert plugin == {"resource": True, "name": "eks-nodegroup", "version": SCHEMA["version"],
                      "server": SCHEMA["pluginDownloadURL"]}


def test_readable_integer_arguments():
    volume = eks_nodegroup.RootVolumeArgs(size_gib=40, iops=4000)
    assert volume.size_gib == 40
    hints = eks_nodegroup.ScalingConfigArgs.__init__.__annotations__
    assert "int" in str(hints["min_size"]) and "float" not in str(hints["min_size"])
