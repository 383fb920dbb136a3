"""The node group of examples/yaml, from Python."""
import pulumi
import eks_nodegroup as eksng

config = pulumi.Config()
user_data_script = config.get("userDataScript") or "#!/bin/bash\necho first\n"

nodes = eksng.ManagedNodeGroup(
    "nodes",
    cluster=eksng.ClusterArgs(
        name="prod",
        endpoint="https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
        service_ipv4_cidr="172.20.0.0/16",
        cluster_security_group_id="sg-0c1a2b3c4d5e6f708",
    ),
    node_role_arn="arn:aws:iam::123456789012:role/prod-nodes",
    subnet_ids=["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
    os_family=eksng.OsFamily.AMAZON_LINUX2023,
    instance_types=["m6i.large", "m5.large"],
    scaling_config=eksng.ScalingConfigArgs(min_size=2, max_size=10),
    labels={"team": "platform"},
    launch_template=eksng.LaunchTemplateArgs(
        vpc_security_group_ids=["sg-0aa11bb22cc33dd44"],
        instance_tags={"team": "platform"},
        user_data=eksng.UserDataArgs(content=user_data_script),
    ),
)

pulumi.export("nodeGroupName", nodes.node_group_name)
pulumi.export("launchTemplateId", nodes.launch_template_id)
pulumi.export("launchTemplateVersion", nodes.launch_template_version)
pulumi.export("amiType", nodes.ami_type)
