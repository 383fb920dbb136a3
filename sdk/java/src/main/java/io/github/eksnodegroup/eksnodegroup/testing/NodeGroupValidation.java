// Hand-written (scripts/sdk.sh keeps it across regeneration).
package io.github.eksnodegroup.eksnodegroup.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.eksnodegroup.eksnodegroup.Utilities;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * What the component provider's {@code validate} mode answered for one ManagedNodeGroup's inputs:
 * the same rule ids, property paths and messages {@code pulumi preview} gives.
 */
public final class NodeGroupValidation {
    public static final String PROVIDER_EXECUTABLE = "pulumi-resource-eks-nodegroup";

    /** One rule finding. */
    public static final class Diagnostic {
        public final String severity;
        public final String ruleId;
        public final String property;
        public final String message;

        Diagnostic(String severity, String ruleId, String property, String message) {
            this.severity = severity;
            this.ruleId = ruleId;
            this.property = property;
            this.message = message;
        }

        @Override
        public String toString() {
            return severity + " [" + ruleId + "] " + property + ": " + message;
        }
    }

    private final String name;
    private final boolean valid;
    private final List<Diagnostic> diagnostics;
    private final JsonObject plan;

    private NodeGroupValidation(String name, JsonObject plan) {
        this.name = name;
        this.plan = plan;
        this.valid = plan.get("valid").getAsBoolean();
        var found = new ArrayList<Diagnostic>();
        for (var element : plan.getAsJsonArray("diagnostics")) {
            var d = element.getAsJsonObject();
            found.add(new Diagnostic(d.get("severity").getAsString(), d.get("ruleId").getAsString(),
                d.get("property").getAsString(), d.get("message").getAsString()));
        }
        this.diagnostics = Collections.unmodifiableList(found);
    }

    public String name() { return name; }
    public boolean valid() { return valid; }
    public List<Diagnostic> diagnostics() { return diagnostics; }
    /** The whole answer (`eks-nodegroup plan --json`): the resources preview would create, the decoded user data. */
    public JsonObject plan() { return plan; }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity.equals("error")).collect(Collectors.toList());
    }

    public List<String> ruleIds() {
        return errors().stream().map(d -> d.ruleId).collect(Collectors.toList());
    }

    /** Every error: rule id, property path, message. */
    public String failureMessage() {
        var errors = errors();
        return String.format("ManagedNodeGroup \"%s\" has %d invalid setting%s:%n", name, errors.size(), errors.size() == 1 ? "" : "s")
            + errors.stream().map(d -> "  - [" + d.ruleId + "] " + d.property + ": " + d.message).collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * The component provider: $EKS_NODEGROUP_PROVIDER, else pulumi-resource-eks-nodegroup on PATH, else
     * the plugin `pulumi plugin install` put under $PULUMI_HOME/plugins.
     */
    public static String providerExecutable() {
        var explicit = System.getenv("EKS_NODEGROUP_PROVIDER");
        if (explicit != null && !explicit.isEmpty()) return explicit;
        var path = System.getenv("PATH");
        if (path != null) {
            for (var dir : path.split(java.io.File.pathSeparator)) {
                var candidate = Paths.get(dir, PROVIDER_EXECUTABLE);
                if (Files.isExecutable(candidate)) return candidate.toString();
            }
        }
        var home = System.getenv("PULUMI_HOME");
        var plugins = (home == null || home.isEmpty() ? Paths.get(System.getProperty("user.home"), ".pulumi") : Paths.get(home)).resolve("plugins");
        Path installed = plugins.resolve("resource-eks-nodegroup-v" + Utilities.getVersion()).resolve(PROVIDER_EXECUTABLE);
        if (Files.isExecutable(installed)) return installed.toString();
        throw new IllegalStateException("no " + PROVIDER_EXECUTABLE + " to validate with: not in $EKS_NODEGROUP_PROVIDER, on PATH, or at "
            + installed + ". Install the plugin (pulumi plugin install resource eks-nodegroup " + Utilities.getVersion()
            + " --server git://github.com/eksnodegroup/eks-nodegroup) or set EKS_NODEGROUP_PROVIDER.");
    }

    /** Checks one ManagedNodeGroup's inputs, as the mocks recorded them (camelCase names). */
    public static NodeGroupValidation validate(Map<String, Object> inputs, String name) {
        Gson gson = new GsonBuilder().serializeNulls().create();
        byte[] body = gson.toJson(inputs).getBytes(StandardCharsets.UTF_8);
        var executable = providerExecutable();
        try {
            var process = new ProcessBuilder(executable, "validate", "-", "--name", name).start();
            // stdout and stderr drained while stdin is written: neither pipe can fill and stall the other.
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            }
            int code = process.waitFor();
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            if (code != 0 && code != 1) {
                throw new IllegalStateException(executable + " validate exited " + code + ": " + new String(stderr.join(), StandardCharsets.UTF_8).trim());
            }
            return new NodeGroupValidation(name, gson.fromJson(out, JsonObject.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            var buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
