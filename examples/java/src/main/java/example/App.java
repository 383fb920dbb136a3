package example;

import com.pulumi.Pulumi;
import io.github.eksnodegroup.eksnodegroup.ManagedNodeGroup;
import io.github.eksnodegroup.eksnodegroup.ManagedNodeGroupArgs;
import io.github.eksnodegroup.eksnodegroup.enums.OsFamily;
import io.github.eksnodegroup.eksnodegroup.inputs.ClusterArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.LaunchTemplateArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.ScalingConfigArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.UserDataArgs;
import java.util.Map;

/** The node group of examples/yaml, from Java. */
public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var userDataScript = ctx.config().get("userDataScript").orElse("#!/bin/bash\necho first\n");

            var nodes = new ManagedNodeGroup("nodes", ManagedNodeGroupArgs.builder()
                .cluster(ClusterArgs.builder()
                    .name("prod")
                    .endpoint("https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com")
                    .serviceIpv4Cidr("172.20.0.0/16")
                    .clusterSecurityGroupId("sg-0c1a2b3c4d5e6f708")
                    .build())
                .nodeRoleArn("arn:aws:iam::123456789012:role/prod-nodes")
                .subnetIds("subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829")
                .osFamily(OsFamily.AmazonLinux2023)
                .instanceTypes("m6i.large", "m5.large")
                .scalingConfig(ScalingConfigArgs.builder().minSize(2).maxSize(10).build())
                .labels(Map.of("team", "platform"))
                .launchTemplate(LaunchTemplateArgs.builder()
                    .vpcSecurityGroupIds("sg-0aa11bb22cc33dd44")
                    .instanceTags(Map.of("team", "platform"))
                    .userData(UserDataArgs.builder().content(userDataScript).build())
                    .build())
                .build());

            ctx.export("nodeGroupName", nodes.nodeGroupName());
            ctx.export("launchTemplateId", nodes.launchTemplateId());
            ctx.export("launchTemplateVersion", nodes.launchTemplateVersion());
            ctx.export("amiType", nodes.amiType());
        });
    }
}
