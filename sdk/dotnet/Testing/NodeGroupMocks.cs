// Hand-written (scripts/sdk.sh keeps it across regeneration). Not compiled or run on the project's
// machines (no .NET SDK there): docs/testing.md says so.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Pulumi.Testing;

namespace EksNodegroup.Sdk.Testing
{
    /// <summary>One rule finding: the same rule id, property path and message <c>pulumi preview</c> gives.</summary>
    public sealed record NodeGroupDiagnostic(string Severity, string RuleId, string Property, string Message)
    {
        public override string ToString() => $"{Severity} [{RuleId}] {Property}: {Message}";
    }

    /// <summary>What the component provider's <c>validate</c> mode answered for one ManagedNodeGroup's inputs.</summary>
    public sealed class NodeGroupValidation
    {
        public const string ProviderExecutable = "pulumi-resource-eks-nodegroup";

        public string Name { get; }
        public bool Valid { get; }
        public ImmutableArray<NodeGroupDiagnostic> Diagnostics { get; }
        /// <summary>The whole answer (<c>eks-nodegroup plan --json</c>): the resources preview would create, the decoded user data.</summary>
        public JsonObject Plan { get; }

        private NodeGroupValidation(string name, JsonObject plan)
        {
            Name = name;
            Plan = plan;
            Valid = plan["valid"]!.GetValue<bool>();
            Diagnostics = plan["diagnostics"]!.AsArray().Select(d => new NodeGroupDiagnostic(
                d!["severity"]!.GetValue<string>(), d["ruleId"]!.GetValue<string>(),
                d["property"]!.GetValue<string>(), d["message"]!.GetValue<string>())).ToImmutableArray();
        }

        public ImmutableArray<NodeGroupDiagnostic> Errors => Diagnostics.Where(d => d.Severity == "error").ToImmutableArray();

        public ImmutableArray<string> RuleIds => Errors.Select(d => d.RuleId).ToImmutableArray();

        /// <summary>Every error: rule id, property path, message.</summary>
        public string FailureMessage()
        {
            var errors = Errors;
            var lines = new List<string> { $"ManagedNodeGroup \"{Name}\" has {errors.Length} invalid setting{(errors.Length == 1 ? "" : "s")}:" };
            lines.AddRange(errors.Select(d => $"  - [{d.RuleId}] {d.Property}: {d.Message}"));
            return string.Join(Environment.NewLine, lines);
        }

        /// <summary>$EKS_NODEGROUP_PROVIDER, else pulumi-resource-eks-nodegroup on PATH, else the plugin under $PULUMI_HOME/plugins.</summary>
        public static string FindProvider()
        {
            var explicitPath = Environment.GetEnvironmentVariable("EKS_NODEGROUP_PROVIDER");
            if (!string.IsNullOrEmpty(explicitPath)) return explicitPath;
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, ProviderExecutable);
                if (File.Exists(candidate)) return candidate;
            }
            var home = Environment.GetEnvironmentVariable("PULUMI_HOME");
            if (string.IsNullOrEmpty(home)) home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pulumi");
            var version = Utilities.Version;
            var installed = Path.Combine(home, "plugins", $"resource-eks-nodegroup-v{version}", ProviderExecutable);
            if (File.Exists(installed)) return installed;
            throw new InvalidOperationException($"no {ProviderExecutable} to validate with: not in $EKS_NODEGROUP_PROVIDER, on PATH, or at {installed}. " +
                $"Install the plugin (pulumi plugin install resource eks-nodegroup {version} --server git://github.com/eksnodegroup/eks-nodegroup) or set EKS_NODEGROUP_PROVIDER.");
        }

        /// <summary>Checks one ManagedNodeGroup's inputs, as the mocks recorded them (camelCase names).</summary>
        public static async Task<NodeGroupValidation> ValidateAsync(IReadOnlyDictionary<string, object> inputs, string name)
        {
            var executable = FindProvider();
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var arg in new[] { "validate", "-", "--name", name }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(ToJson(inputs).ToJsonString());
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 && process.ExitCode != 1)
                throw new InvalidOperationException($"{executable} validate exited {process.ExitCode}: {(await stderr).Trim()}");
            var plan = JsonNode.Parse(await stdout)?.AsObject() ?? throw new InvalidOperationException($"{executable} validate answered no plan");
            return new NodeGroupValidation(name, plan);
        }

        private static JsonNode? ToJson(object? value) => value switch
        {
            null => null,
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            double d => JsonValue.Create(d),
            int i => JsonValue.Create(i),
            IEnumerable<KeyValuePair<string, object>> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
            IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
            _ => throw new ArgumentException($"cannot send a {value.GetType().Name} to validate"),
        };
    }

    /// <summary>
    /// Pulumi mocks that record every resource, and each ManagedNodeGroup's inputs for validation: the
    /// rules run inside the component provider, which mocks never start.
    /// </summary>
    public class NodeGroupMocks : IMocks
    {
        public const string ManagedNodeGroupType = "eks-nodegroup:index:ManagedNodeGroup";

        private readonly List<MockResourceArgs> _resources = new();

        public IReadOnlyList<MockResourceArgs> Resources { get { lock (_resources) return _resources.ToList(); } }

        public virtual Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
        {
            lock (_resources) _resources.Add(args);
            return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));
        }

        public virtual Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);

        /// <summary>The inputs the ManagedNodeGroup <paramref name="name"/> was registered with.</summary>
        public IReadOnlyDictionary<string, object> InputsOf(string name)
        {
            var all = Resources;
            var found = all.FirstOrDefault(r => r.Type == ManagedNodeGroupType && r.Name == name);
            if (found == null)
            {
                var registered = all.Count == 0 ? "nothing" : string.Join(", ", all.Select(r => $"{r.Type} \"{r.Name}\""));
                throw new InvalidOperationException($"no {ManagedNodeGroupType} named \"{name}\" was registered; registered: {registered}");
            }
            return found.Inputs;
        }

        public Task<NodeGroupValidation> ValidateAsync(string name) => NodeGroupValidation.ValidateAsync(InputsOf(name), name);

        /// <summary>Throws with every rule id, property path and message when the ManagedNodeGroup <paramref name="name"/> breaks a rule.</summary>
        public async Task<NodeGroupValidation> AssertValidAsync(string name)
        {
            var validation = await ValidateAsync(name);
            if (!validation.Valid) throw new NodeGroupInvalidException(validation.FailureMessage());
            return validation;
        }
    }

    /// <summary>A ManagedNodeGroup that breaks a rule: the message names each rule id, path and message.</summary>
    public sealed class NodeGroupInvalidException : Exception
    {
        public NodeGroupInvalidException(string message) : base(message) { }
    }
}
