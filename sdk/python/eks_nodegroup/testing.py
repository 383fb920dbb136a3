# Hand-written (scripts/sdk.sh keeps it across regeneration): testing node groups under Pulumi's
# Python mocks. The rules run inside the component provider, which mocks never start; this module
# records each ManagedNodeGroup's inputs and checks them with the provider executable's `validate`
# mode — the same rules, paths and messages `pulumi preview` gives. See docs/testing.md.
"""Test ManagedNodeGroup definitions under ``pulumi.runtime.set_mocks``.

    mocks = NodeGroupMocks()
    pulumi.runtime.set_mocks(mocks, preview=False)

    @pulumi.runtime.test
    def test_general():
        ng = ManagedNodeGroup("general", ...)
        return ng.urn.apply(lambda _: mocks.assert_valid("general"))

``assert_valid`` raises ``AssertionError`` naming each finding (``[ng-scaling] scalingConfig.minSize: ...``);
``validate`` returns the findings for a test that expects some.
"""
import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import pulumi
from pulumi.output import Unknown
from pulumi.runtime import rpc

from . import _utilities

MANAGED_NODE_GROUP_TYPE = "eks-nodegroup:index:ManagedNodeGroup"
PROVIDER_EXECUTABLE = "pulumi-resource-eks-nodegroup"


@dataclass
class Diagnostic:
    severity: str
    rule_id: str
    property: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity} [{self.rule_id}] {self.property}: {self.message}"


@dataclass
class Validation:
    """What the provider's validate answered: the plan JSON of `eks-nodegroup plan --json`."""
    name: str
    valid: bool
    diagnostics: List[Diagnostic]
    plan: Dict[str, Any] = field(repr=False)

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def rule_ids(self) -> List[str]:
        return [d.rule_id for d in self.errors]


def provider_executable() -> str:
    """The component provider that answers `validate`: $EKS_NODEGROUP_PROVIDER, else
    pulumi-resource-eks-nodegroup on PATH, else the plugin `pulumi plugin install` put in $PULUMI_HOME."""
    explicit = os.environ.get("EKS_NODEGROUP_PROVIDER")
    if explicit:
        return explicit
    on_path = shutil.which(PROVIDER_EXECUTABLE)
    if on_path:
        return on_path
    home = os.environ.get("PULUMI_HOME") or os.path.join(os.path.expanduser("~"), ".pulumi")
    installed = os.path.join(home, "plugins", f"resource-eks-nodegroup-v{_utilities.get_version()}", PROVIDER_EXECUTABLE)
    if os.access(installed, os.X_OK):
        return installed
    raise RuntimeError(
        f"eks_nodegroup.testing: no {PROVIDER_EXECUTABLE} to validate with: not in $EKS_NODEGROUP_PROVIDER, on PATH, "
        f"or at {installed}. Install the plugin (pulumi plugin install resource eks-nodegroup "
        f"{_utilities.get_version()} --server {_utilities.get_plugin_download_url()}) or set EKS_NODEGROUP_PROVIDER.")


def _wire(value: Any) -> Any:
    """Unknown values as the engine's marker; secrets are already the engine's envelope."""
    if isinstance(value, Unknown):
        return rpc.UNKNOWN
    raise TypeError(f"eks_nodegroup.testing: cannot send a {type(value).__name__} to validate")


def validate(inputs: Dict[str, Any], name: str = "validate") -> Validation:
    """Checks one ManagedNodeGroup's inputs, as the mocks recorded them (camelCase names)."""
    completed = subprocess.run([provider_executable(), "validate", "-", "--name", name],
                               input=json.dumps(inputs, default=_wire), capture_output=True, text=True, check=False)
    try:
        # 0 valid, 1 invalid, each with the plan; anything else (or no plan) is not an answer.
        plan = json.loads(completed.stdout) if completed.returncode in (0, 1) else None
    except ValueError:
        plan = None
    if plan is None:
        raise RuntimeError(f"eks_nodegroup.testing: {completed.args[0]} validate exited {completed.returncode} "
                           f"without a plan: {completed.stderr.strip()}")
    diagnostics = [Diagnostic(d["severity"], d["ruleId"], d["property"], d["message"]) for d in plan["diagnostics"]]
    return Validation(name=name, valid=plan["valid"], diagnostics=diagnostics, plan=plan)


def failure_message(validation: Validation) -> str:
    errors = validation.errors
    lines = [f'ManagedNodeGroup "{validation.name}" has {len(errors)} invalid setting{"" if len(errors) == 1 else "s"}:']
    lines += [f"  - [{d.rule_id}] {d.property}: {d.message}" for d in errors]
    return "\n".join(lines)


def assert_valid_inputs(inputs: Dict[str, Any], name: str = "validate") -> Validation:
    """Fails the test, naming every rule id, path and message, when the inputs break a rule."""
    validation = validate(inputs, name)
    if not validation.valid:
        raise AssertionError(failure_message(validation))
    return validation


class NodeGroupMocks(pulumi.runtime.Mocks):
    """Pulumi mocks that record every resource registered, and each ManagedNodeGroup's inputs for validate."""

    def __init__(self) -> None:
        self.resources: List[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.resources.append(args)
        return [f"{args.name}-id", args.inputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}

    def inputs_of(self, name: str, typ: str = MANAGED_NODE_GROUP_TYPE) -> Dict[str, Any]:
        """The inputs a resource was registered with; fails naming what was registered when there is none."""
        for r in self.resources:
            if r.typ == typ and r.name == name:
                return r.inputs
        registered = ", ".join(f'{r.typ} "{r.name}"' for r in self.resources) or "nothing"
        raise AssertionError(f'no {typ} named "{name}" was registered; registered: {registered}')

    def node_group_names(self) -> List[str]:
        return [r.name for r in self.resources if r.typ == MANAGED_NODE_GROUP_TYPE]

    def validate(self, name: str) -> Validation:
        return validate(self.inputs_of(name), name)

    def assert_valid(self, name: Optional[str] = None) -> None:
        """Fails with every finding of the node group `name` (all recorded node groups when None)."""
        names = [name] if name is not None else self.node_group_names()
        if not names:
            raise AssertionError("no ManagedNodeGroup was registered")
        failures = [failure_message(v) for v in (self.validate(n) for n in names) if not v.valid]
        if failures:
            raise AssertionError("\n".join(failures))
