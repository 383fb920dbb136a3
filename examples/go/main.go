// The node group of examples/yaml, from Go.
package main

import (
	"github.com/eksnodegroup/eks-nodegroup/sdk/go/eksnodegroup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(program)
}

func program(ctx *pulumi.Context) error {
	userDataScript := config.Get(ctx, "userDataScript")
	if userDataScript == "" {
		userDataScript = "#!/bin/bash\necho first\n"
	}
	nodes, err := eksnodegroup.NewManagedNodeGroup(ctx, "nodes", &eksnodegroup.ManagedNodeGroupArgs{
		Cluster: &eksnodegroup.ClusterArgs{
			Name:                   pulumi.String("prod"),
			Endpoint:               pulumi.String("https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com"),
			ServiceIpv4Cidr:        pulumi.String("172.20.0.0/16"),
			ClusterSecurityGroupId: pulumi.String("sg-0c1a2b3c4d5e6f708"),
		},
		NodeRoleArn:   pulumi.String("arn:aws:iam::123456789012:role/prod-nodes"),
		SubnetIds:     pulumi.StringArray{pulumi.String("subnet-0a1b2c3d4e5f60718"), pulumi.String("subnet-0b2c3d4e5f6071829")},
		OsFamily:      eksnodegroup.OsFamilyAmazonLinux2023,
		InstanceTypes: pulumi.StringArray{pulumi.String("m6i.large"), pulumi.String("m5.large")},
		ScalingConfig: &eksnodegroup.ScalingConfigArgs{MinSize: pulumi.Int(2), MaxSize: pulumi.Int(10)},
		Labels:        pulumi.StringMap{"team": pulumi.String("platform")},
		LaunchTemplate: &eksnodegroup.LaunchTemplateArgs{
			VpcSecurityGroupIds: pulumi.StringArray{pulumi.String("sg-0aa11bb22cc33dd44")},
			InstanceTags:        pulumi.StringMap{"team": pulumi.String("platform")},
			UserData:            &eksnodegroup.UserDataArgs{Content: pulumi.String(userDataScript)},
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("nodeGroupName", nodes.NodeGroupName)
	ctx.Export("launchTemplateId", nodes.LaunchTemplateId)
	ctx.Export("launchTemplateVersion", nodes.LaunchTemplateVersion)
	ctx.Export("amiType", nodes.AmiType)
	return nil
}
