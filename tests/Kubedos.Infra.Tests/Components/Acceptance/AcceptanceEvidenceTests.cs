using Kubedos.Components.Acceptance;
using Kubedos.Components.Firstboot;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Providers.Command;

namespace Kubedos.Infra.Tests.Components.Acceptance;

/// <summary>What the gates' evidence rests on, checked in memory: a probe runs again when any node it touches changes, not only its own.</summary>
public sealed class AcceptanceEvidenceTests
{
    private static readonly string[] Nodes = ["cp-1", "cp-2", "cp-3", "w-1"];

    // Every gate resource's triggers (and the verdict's verify) for nodes of the given instances and host keys.
    private static async Task<IReadOnlyDictionary<string, (string Triggers, string? Verify)>> GatesAsync(
        Func<string, string> instance, Func<string, string> hostKey)
    {
        var result = await DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                var cluster = LabSpecs.Lab01;
                var booted = cluster.Nodes.Select((n, i) =>
                {
                    var substrate = new SubstrateNode(n, $"192.0.2.{i + 1}", new CommandChannel(n.Name), Output.Create(instance(n.Name)));
                    return new BootedNode(substrate, Output.Create("SHA256:" + n.Name), Output.Create($"ssh-ed25519 {hostKey(n.Name)}"), []);
                }).ToList();
                var keys = cluster.Nodes.SelectMany(n => cluster.Planes.Select(p => KeyValuePair.Create($"{n.Name}/{p.Name}", $"{p.Name}-key-of-{n.Name}")))
                    .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                _ = new AcceptanceGates("acceptance", new AcceptanceArgs
                {
                    Cluster = cluster,
                    Stack = "lab-01",
                    Nodes = booted,
                    SshPrivateKey = Output.Create("key"),
                    PlaneKeys = Output.Create(keys),
                    OutDirectory = Path.Combine(Path.GetTempPath(), "kubedos-evidence-unused"),
                    Run = "1",
                });
            }),
            Mocks.From(args => MockResourceResult.EchoInputs(args) with { Outputs = args.Inputs.Set("stdout", string.Empty) }),
            new TestOptions { ProjectName = "kubedos", StackName = "lab-01", IsPreview = true });
        Assert.Null(result.ProgramError);
        return result.OfType("command:local:Command").ToDictionary(
            r => r.Urn[(r.Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..],
            r => (string.Join(',', r.Inputs["triggers"].AsArray().Select(t => t.Unwrapped.AsString())), r.Inputs.GetOrDefault("verify")?.Unwrapped.AsString()),
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task Gates_OneNodeMadeAnew_EveryProbeThatTouchesItRunsAgainNotOnlyItsOwn()
    {
        var before = await GatesAsync(_ => "first", n => "KEY" + n);
        var same = await GatesAsync(_ => "first", n => "KEY" + n);
        var replaced = await GatesAsync(n => n == "w-1" ? "second" : "first", n => "KEY" + n);

        Assert.Equal(before, same);
        // Every node's probes ping w-1 over every plane, and the operator's reach every node: all of them run again.
        Assert.Equal(
            new[] { "operator-key-login", "operator-probes", "verdict" }.Concat(Nodes.Select(n => $"{n}-acceptance-probes")).Order(StringComparer.Ordinal),
            before.Keys.Order(StringComparer.Ordinal));
        Assert.All(before.Keys, name => Assert.NotEqual(before[name].Triggers, replaced[name].Triggers));
    }

    [Fact]
    public async Task Verdict_Verify_ChecksEveryJudgedNodesHostKeyOverTheControlPlane()
    {
        var gates = await GatesAsync(_ => "first", n => "KEY" + n);
        var rekeyed = await GatesAsync(_ => "first", n => n == "cp-2" ? "NEWKEY" : "KEY" + n);

        var verify = gates["verdict"].Verify;
        Assert.NotNull(verify);
        foreach (var node in LabSpecs.Lab01.Nodes)
        {
            Assert.Contains($"judged '{node.Name}' {node.PlaneAddresses[LabSpecs.Lab01.ControlPlane.Name]} 'KEY{node.Name}'", verify, StringComparison.Ordinal);
        }

        Assert.Contains("judged 'cp-2' ", rekeyed["verdict"].Verify, StringComparison.Ordinal);
        Assert.Contains("'NEWKEY'", rekeyed["verdict"].Verify, StringComparison.Ordinal);
        Assert.NotEqual(gates["cp-1-acceptance-probes"].Triggers, rekeyed["cp-1-acceptance-probes"].Triggers);
    }

    // A bootstrap channel whose commands are host commands, so the test reads their inputs; nothing else is asked of it.
    private sealed class CommandChannel(string node) : INodeBootstrapChannel
    {
        public string NodeName { get; } = node;

        public BootstrapCommand Run(string name, IReadOnlyList<Input<string>> argv, IReadOnlyList<Input<string>> triggers, ResourceOptions options)
        {
            var command = new LocalCommand($"{NodeName}-{name}", new LocalCommandArgs { Create = argv[^1], Triggers = triggers }, options);
            return new BootstrapCommand(command, command.Stdout);
        }

        public BootstrapFile WriteFile(string name, string path, Input<string> content, string mode, ResourceOptions options) => throw new InvalidOperationException("not a gate's");

        public BootstrapPayload Install(string name, NodeSoftware software, string directory, ResourceOptions options) => throw new InvalidOperationException("not a gate's");

        public Resource Serve(string name, IReadOnlyList<Input<string>> argv, IReadOnlyList<Input<string>> triggers, ResourceOptions options) => throw new InvalidOperationException("not a gate's");

        public Resource WireGuardInterface(string interfaceName, ResourceOptions options) => throw new InvalidOperationException("not a gate's");
    }
}
