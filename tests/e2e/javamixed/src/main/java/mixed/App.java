package mixed;

import com.pulumi.Pulumi;
import io.github.eksnodegroup.eksnodegroup.ManagedNodeGroup;
import io.github.eksnodegroup.eksnodegroup.ManagedNodeGroupArgs;
import io.github.eksnodegroup.eksnodegroup.enums.OsFamily;
import io.github.eksnodegroup.eksnodegroup.inputs.ClusterArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.ScalingConfigArgs;

/** The node groups named by the config value `groups`, in order; those named bad* are invalid. */
public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            for (var name : ctx.config().require("groups").split(",")) {
                if (name.startsWith("bad")) {
                    new ManagedNodeGroup(name, ManagedNodeGroupArgs.builder()
                        .cluster(ClusterArgs.builder().name("prod").build())
                        .nodeRoleArn("arn:aws:iam::123456789012:role/prod-nodes")
                        .subnetIds("subnet-0a1b2c3d4e5f60718")
                        .scalingConfig(ScalingConfigArgs.builder().minSize(3).maxSize(2).build())
                        .diskSize(100)
                        .build());
                    continue;
                }
                new ManagedNodeGroup(name, ManagedNodeGroupArgs.builder()
                    .cluster(ClusterArgs.builder()
                        .name("prod")
                        .endpoint("https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com")
                        .serviceIpv4Cidr("172.20.0.0/16")
                        .clusterSecurityGroupId("sg-0c1a2b3c4d5e6f708")
                        .build())
                    .nodeRoleArn("arn:aws:iam::123456789012:role/prod-nodes")
                    .subnetIds("subnet-0a1b2c3d4e5f60718")
                    .osFamily(OsFamily.AmazonLinux2023)
                    .instanceTypes("m6i.large")
                    .scalingConfig(ScalingConfigArgs.builder().minSize(1).maxSize(3).build())
                    .build());
            }
        });
    }
}
