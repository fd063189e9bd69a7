using Kubedos.Components;
using Kubedos.Components.Acceptance;
using Kubedos.Components.Firstboot;
using Kubedos.Components.Planes;
using Kubedos.Components.Substrate;
using Kubedos.Components.Substrate.Local;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Providers.Random;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Components.Substrate;

/// <summary>The substrate seam, in memory: the spec's type picks one implementation, and later stages reach it only through <see cref="ISubstrate"/>.</summary>
public sealed class SubstrateSeamTests
{
    private const string OwnerId = "0011223344556677";

    private static readonly IMocks Lab = Mocks.From(args => args.Type switch
    {
        "local:lab:Underlay" => new MockResourceResult("underlay-id", args.Inputs.Set("cidr", "10.250.77.0/24")),
        "random:index:RandomId" => new MockResourceResult(OwnerId, args.Inputs.Set("hex", OwnerId)),
        _ => MockResourceResult.EchoInputs(args),
    });

    private static Task<DeploymentTestResult> RunAsync(Action<Stack> program) =>
        DeploymentTest.RunAsync(StackProgram.Create(program), Lab, new TestOptions { ProjectName = "kubedos", StackName = "lab-01", IsPreview = true });

    [Fact]
    public async Task Substrate_KindOfTheSpecsType_DeclaresTheMachinesUnderTheComponentAndNoLocalLab()
    {
        var kind = new MachinesKind(SubstrateType.Local);

        var result = await RunAsync(stack => { _ = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = LabSpecs.Lab01, ProjectDirectory = "/srv/project", Kinds = new SubstrateKinds([kind]) }); });

        Assert.Null(result.ProgramError);
        var substrate = result.Single(ClusterSubstrate.TypeToken, "substrate");
        var machines = result.OfType("random:index:RandomId");
        Assert.Equal(["machine-cp-1", "machine-cp-2", "machine-cp-3", "machine-w-1"], machines.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(machines, m => Assert.Equal(substrate.Urn, m.Parent));
        Assert.DoesNotContain(result.Resources, r => r.Type.StartsWith("local:", StringComparison.Ordinal));
        Assert.Equal("local", substrate.Outputs["type"].AsString());
        Assert.Equal(["cp-1=192.0.2.1", "cp-2=192.0.2.2", "cp-3=192.0.2.3", "w-1=192.0.2.4"], substrate.Outputs["nodes"].AsObject().Select(kv => $"{kv.Key}={kv.Value.AsString()}"));
    }

    [Fact]
    public async Task Substrate_TypeWithoutAnImplementation_FailsNamingTheTypeAndTheOnesThereAre()
    {
        var result = await RunAsync(stack =>
        {
            _ = new ClusterSubstrate("substrate", new SubstrateArgs
            {
                Cluster = LabSpecs.Lab01,
                ProjectDirectory = "/srv/project",
                Kinds = new SubstrateKinds([new MachinesKind(SubstrateType.Proxmox), new MachinesKind(SubstrateType.Aws)]),
            });
        });

        Assert.NotNull(result.ProgramError);
        Assert.Contains("spec.substrate.type 'local'", result.ProgramError, StringComparison.Ordinal);
        Assert.Contains("the substrates built in are: aws, proxmox", result.ProgramError, StringComparison.Ordinal);
        Assert.Empty(result.OfType("random:index:RandomId"));
    }

    [Fact]
    public void SubstrateKinds_TwoImplementationsOfOneType_AreRefusedNamingTheType()
    {
        var error = Assert.Throws<ArgumentException>(() => new SubstrateKinds([new MachinesKind(SubstrateType.Local), new LocalSubstrateKind()]));

        Assert.Contains("'local'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proxmox")]
    [InlineData("baremetal")]
    public void BuiltIn_TypeWithoutAnImplementation_ThrowsNamingItAndLocal(string specName)
    {
        var type = Enum.GetValues<SubstrateType>().Single(t => SubstrateKinds.SpecName(t) == specName);

        var error = Assert.Throws<UnsupportedSubstrateException>(() => SubstrateKinds.BuiltIn.For(type));

        Assert.Equal(specName, error.SubstrateType);
        Assert.EndsWith("the substrates built in are: local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaneSet_OperatorPeer_IsAddedThroughTheSubstratesOperatorAccess_AsTheLocalLabsHostPeer()
    {
        var recording = new RecordingKind(new LocalSubstrateKind());

        var result = await RunAsync(stack =>
        {
            var cluster = LabSpecs.Lab01;
            var rendered = new RenderedFiles(Path.Combine(Path.GetTempPath(), "kubedos-seam-never-written"), preview: true);
            var substrate = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = cluster, ProjectDirectory = "/srv/project", Kinds = new SubstrateKinds([recording]) });
            var firstboot = new NodeFirstboot("firstboot", new FirstbootArgs { Cluster = cluster, Nodes = substrate.Nodes, Rendered = rendered }, new ResourceOptions { DependsOn = [substrate] });
            _ = new PlaneSet(
                "planes",
                new PlaneSetArgs { Cluster = cluster, Nodes = firstboot.Nodes, OperatorAccess = substrate.OperatorAccess, Rendered = rendered },
                new ResourceOptions { DependsOn = [firstboot] });
        });

        Assert.Null(result.ProgramError);
        Assert.Equal(["operator-wg1"], recording.Peers);
        var peer = result.Single("local:lab:OperatorWireGuard", "operator-wg1");
        Assert.Equal(result.Single(PlaneSet.TypeToken, "planes").Urn, peer.Parent);
        Assert.Equal(OwnerId, peer.Inputs["labOwner"].AsString());
        Assert.Equal("10.101.0.254/24", peer.Inputs["address"].AsString());
        Assert.Equal(
            ["10.101.0.11/32@10.250.1.11:51821", "10.101.0.12/32@10.250.1.12:51821", "10.101.0.13/32@10.250.1.13:51821", "10.101.0.21/32@10.250.1.21:51821"],
            peer.Inputs["peers"].AsArray().Select(p => $"{p.AsObject()["allowedIps"].AsArray().Single().AsString()}@{p.AsObject()["endpoint"].AsString()}"));
    }

    [Fact]
    public async Task AcceptanceGates_HostSideProbes_RunThroughTheSubstratesOperatorAccess()
    {
        var recording = new RecordingKind(new LocalSubstrateKind());

        var result = await RunAsync(stack =>
        {
            var cluster = LabSpecs.Lab01;
            var rendered = new RenderedFiles(Path.Combine(Path.GetTempPath(), "kubedos-seam-never-written"), preview: true);
            var substrate = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = cluster, ProjectDirectory = "/srv/project", Kinds = new SubstrateKinds([recording]) });
            var firstboot = new NodeFirstboot("firstboot", new FirstbootArgs { Cluster = cluster, Nodes = substrate.Nodes, Rendered = rendered });
            var planes = new PlaneSet("planes", new PlaneSetArgs { Cluster = cluster, Nodes = firstboot.Nodes, OperatorAccess = substrate.OperatorAccess, Rendered = rendered });
            _ = new AcceptanceGates("acceptance", new AcceptanceArgs
            {
                Cluster = cluster,
                Stack = "lab-01",
                Nodes = firstboot.Nodes,
                OperatorAccess = substrate.OperatorAccess,
                SshPrivateKey = firstboot.UserPrivateKeyPem,
                PlaneKeys = planes.PublicKeys,
                OutDirectory = Path.Combine(Path.GetTempPath(), "kubedos-seam-never-written"),
                Run = "1",
            });
        });

        Assert.Null(result.ProgramError);
        Assert.Equal(["operator-probes", "operator-key-login", "verdict"], recording.Commands);
        var gates = result.Single(AcceptanceGates.TypeToken, "acceptance");
        Assert.All(recording.Commands, name => Assert.Equal(gates.Urn, result.Single("command:local:Command", name).Parent));
        Assert.Equal(["operator-key-login", "operator-probes", "verdict"], result.OfType("command:local:Command").Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    // A substrate of stand-in machines: one RandomId per node under the component, channels that must not be used.
    private sealed class MachinesKind(SubstrateType type) : ISubstrateKind
    {
        public SubstrateType Type { get; } = type;

        public ISubstrate Provision(ComponentResource substrate, SubstrateArgs args)
        {
            var nodes = args.Cluster.Nodes.Select((node, i) =>
            {
                var machine = new RandomId($"machine-{node.Name}", new RandomIdArgs { ByteLength = 4 }, new ResourceOptions { Parent = substrate });
                return new SubstrateNode(node, $"192.0.2.{i + 1}", null!, machine.Hex);
            }).ToList();
            return new Machines(nodes, null!);
        }

        private sealed record Machines(IReadOnlyList<SubstrateNode> Nodes, IOperatorAccess OperatorAccess) : ISubstrate;
    }

    // The local lab, with a record of every operator peer a later stage asks it for.
    private sealed class RecordingKind(ISubstrateKind inner) : ISubstrateKind, IOperatorAccess
    {
        private IOperatorAccess? access;

        public List<string> Peers { get; } = [];

        public SubstrateType Type => inner.Type;

        public ISubstrate Provision(ComponentResource substrate, SubstrateArgs args)
        {
            var supplied = inner.Provision(substrate, args);
            access = supplied.OperatorAccess;
            return new Supplied(supplied.Nodes, this);
        }

        public List<string> Commands { get; } = [];

        public Resource AddPeer(string name, OperatorPeering peering, ResourceOptions options)
        {
            Peers.Add(name);
            return access!.AddPeer(name, peering, options);
        }

        public OperatorCommand Run(string name, OperatorScript script, ResourceOptions options)
        {
            Commands.Add(name);
            return access!.Run(name, script, options);
        }

        private sealed record Supplied(IReadOnlyList<SubstrateNode> Nodes, IOperatorAccess OperatorAccess) : ISubstrate;
    }
}
