// Hand-written (scripts/sdk.sh keeps it across regeneration).
package io.github.eksnodegroup.eksnodegroup.testing;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Pulumi Java mocks that record every resource registered, and each ManagedNodeGroup's inputs for
 * {@link NodeGroupValidation}: the rules run inside the component provider, which mocks never start.
 *
 * <pre>
 * var mocks = new NodeGroupMocks();
 * PulumiTest.withMocks(mocks).runTest(ctx -&gt; new ManagedNodeGroup("general", args));
 * mocks.assertValid("general");   // AssertionError: [ng-scaling] scalingConfig.minSize: ...
 * </pre>
 *
 * Pulumi Java's mock monitor drops an input that is unknown (it keeps only known values) and
 * unwraps secrets: run these tests with preview off (Pulumi Java's default), where every mocked
 * output is known.
 */
public class NodeGroupMocks implements Mocks {
    public static final String MANAGED_NODE_GROUP_TYPE = "eks-nodegroup:index:ManagedNodeGroup";

    /** One resource as the mocks recorded it. */
    public static final class Registered {
        public final String type;
        public final String name;
        public final Map<String, Object> inputs;

        Registered(String type, String name, Map<String, Object> inputs) {
            this.type = type;
            this.name = name;
            this.inputs = inputs;
        }
    }

    private final List<Registered> resources = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        resources.add(new Registered(args.type, args.name, args.inputs));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
    }

    /** Every resource registered so far, in order. */
    public List<Registered> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    /** The inputs the ManagedNodeGroup {@code name} was registered with; fails naming what was registered when there is none. */
    public Map<String, Object> inputsOf(String name) {
        var all = resources();
        return all.stream().filter(r -> r.type.equals(MANAGED_NODE_GROUP_TYPE) && r.name.equals(name)).findFirst()
            .map(r -> r.inputs)
            .orElseThrow(() -> new AssertionError(String.format("no %s named \"%s\" was registered; registered: %s", MANAGED_NODE_GROUP_TYPE, name,
                all.isEmpty() ? "nothing" : all.stream().map(r -> r.type + " \"" + r.name + "\"").collect(Collectors.joining(", ")))));
    }

    /** Checks the ManagedNodeGroup {@code name} the mocks recorded. */
    public NodeGroupValidation validate(String name) {
        return NodeGroupValidation.validate(inputsOf(name), name);
    }

    /** Fails with every rule id, property path and message when the ManagedNodeGroup {@code name} breaks a rule. */
    public NodeGroupValidation assertValid(String name) {
        var validation = validate(name);
        if (!validation.valid()) throw new AssertionError(validation.failureMessage());
        return validation;
    }
}
