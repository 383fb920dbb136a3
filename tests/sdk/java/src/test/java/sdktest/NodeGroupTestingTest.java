// The Java SDK's NodeGroupMocks as a Java team's suite uses it: Pulumi Java's mocks record each
// ManagedNodeGroup's inputs, and assertValid runs them through the component provider's validate mode
// (scripts/sdk.sh test sets EKS_NODEGROUP_PROVIDER to this repository's pulumi-resource-eks-nodegroup).
package sdktest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import io.github.eksnodegroup.eksnodegroup.ManagedNodeGroup;
import io.github.eksnodegroup.eksnodegroup.ManagedNodeGroupArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.ClusterArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.LaunchTemplateArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.NetworkInterfaceArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.RootVolumeArgs;
import io.github.eksnodegroup.eksnodegroup.inputs.ScalingConfigArgs;
import io.github.eksnodegroup.eksnodegroup.testing.NodeGroupMocks;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeGroupTestingTest {
    private static ManagedNodeGroupArgs.Builder base() {
        return ManagedNodeGroupArgs.builder()
            .cluster(ClusterArgs.builder().name("prod").endpoint("https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com")
                .serviceIpv4Cidr("172.20.0.0/16").build())
            .nodeRoleArn(Output.ofSecret("arn:aws:iam::123456789012:role/nodes"))
            .subnetIds("subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829");
    }

    private static NodeGroupMocks run(ManagedNodeGroupArgs args) {
        var mocks = new NodeGroupMocks();
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> new ManagedNodeGroup("general", args));
        assertTrue(result.errors().isEmpty(), () -> "the program failed: " + result.errors());
        return mocks;
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void anInvalidGroupFailsWithEachRuleIdPathAndMessage() {
        var mocks = run(base()
            .diskSize(100)
            .scalingConfig(ScalingConfigArgs.builder().minSize(3).maxSize(2).build())
            .launchTemplate(LaunchTemplateArgs.builder()
                .networkInterfaces(NetworkInterfaceArgs.builder().deviceIndex(0).subnetId("subnet-0a1b2c3d4e5f60718").build()).build())
            .build());
        var failure = assertThrows(AssertionError.class, () -> mocks.assertValid("general"));
        var message = failure.getMessage();
        assertTrue(message.startsWith("ManagedNodeGroup \"general\" has 3 invalid settings:"), message);
        assertTrue(message.contains("[ng-scaling] scalingConfig.minSize: scalingConfig.minSize (3) is greater than maxSize (2)."), message);
        assertTrue(message.contains("[ng-no-disk-size] diskSize: EKS rejects diskSize"), message);
        assertTrue(message.contains("[lt-no-subnet-in-network-interface] launchTemplate.networkInterfaces[0].subnetId: "), message);

        var validation = mocks.validate("general");
        assertFalse(validation.valid());
        assertEquals(List.of("lt-no-subnet-in-network-interface", "ng-no-disk-size", "ng-scaling"),
            validation.ruleIds().stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void aValidGroupPassesAndItsPlanComesBack() {
        var mocks = run(base()
            .scalingConfig(ScalingConfigArgs.builder().minSize(2).maxSize(10).build())
            .launchTemplate(LaunchTemplateArgs.builder().rootVolume(RootVolumeArgs.builder().sizeGib(100).build()).build())
            .build());
        var validation = mocks.assertValid("general");
        assertTrue(validation.errors().isEmpty());
        var resources = validation.plan().getAsJsonArray("resources");
        var nodeGroup = resources.get(resources.size() - 1).getAsJsonObject();
        assertEquals("aws:eks/nodeGroup:NodeGroup", nodeGroup.get("type").getAsString());
        var scaling = nodeGroup.getAsJsonObject("inputs").getAsJsonObject("scalingConfig");
        assertEquals(2, scaling.get("minSize").getAsInt());
        assertEquals(10, scaling.get("maxSize").getAsInt());
    }

    @Test
    void aNameNeverRegisteredFailsNamingWhatWas() {
        var mocks = run(base().scalingConfig(ScalingConfigArgs.builder().minSize(1).maxSize(3).build()).build());
        var failure = assertThrows(AssertionError.class, () -> mocks.assertValid("gpu"));
        assertTrue(failure.getMessage().contains("no eks-nodegroup:index:ManagedNodeGroup named \"gpu\""), failure.getMessage());
        assertTrue(failure.getMessage().contains("\"general\""), failure.getMessage());
    }
}
