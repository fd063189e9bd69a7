using Kubedos.Components.Image;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Testing;
using Kubedos.Providers.Local;

namespace Kubedos.Infra.Tests.Components.Substrate;

/// <summary>The substrate stage's wiring, checked in memory against mocks (no project, backend or lab).</summary>
public sealed class SubstrateWiringTests
{
    private const string UnderlayType = "local:lab:Underlay";

    private const string OwnerId = "0011223344556677";

    private static readonly IMocks Lab = Mocks.From(args => args.Type switch
    {
        UnderlayType => new MockResourceResult("underlay-id", args.Inputs.Set("cidr", "10.250.77.0/24")),
        "random:index:RandomId" => new MockResourceResult(OwnerId, args.Inputs.Set("hex", OwnerId)),
        _ => MockResourceResult.EchoInputs(args),
    });

    private static readonly NodeImage Image = new("/srv/project/out/lab-01/artifacts/kubedos-0.1.0-rootfs-20260711-d75fefcfdebe.tar", new string('d', 64));

    private static Task<DeploymentTestResult> RunAsync(bool preview = false, NodeImage? image = null) =>
        DeploymentTest.RunAsync(
            StackProgram.Create(stack => { _ = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = LabSpecs.Lab01, ProjectDirectory = "/srv/project", Image = image }); }),
            Lab,
            new TestOptions { ProjectName = "kubedos", StackName = "lab-01", IsPreview = preview });

    [Fact]
    public async Task Substrate_Lab01_DeclaresOneLabNodePerSpecNodeUnderItself()
    {
        var result = await RunAsync();

        Assert.Null(result.ProgramError);
        var substrate = result.Single(ClusterSubstrate.TypeToken, "substrate");
        var nodes = result.OfType(NodeResource.TypeToken);
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], nodes.Select(n => n.Inputs["name"].AsString()).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Equal(substrate.Urn, n.Parent));
        Assert.Equal(LabSpecs.Lab01.Planes.Select(p => p.Cidr.ToString()).Order(StringComparer.Ordinal),
            result.Single(UnderlayType, "underlay").Inputs["fallbackCidrs"].AsArray().Select(c => c.AsString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Substrate_NodesTakeTheUnderlayTheProviderReports_AndDependOnIt()
    {
        var result = await RunAsync();

        var underlay = result.Single(UnderlayType, "underlay");
        Assert.All(result.OfType(NodeResource.TypeToken), n =>
        {
            Assert.Equal("10.250.77.0/24", n.Inputs["underlayCidr"].AsString());
            Assert.Equal([underlay.Urn], n.Dependencies.ToArray());
        });
    }

    [Fact]
    public async Task Substrate_LabOwner_IsThisStatesRandomIdAndProjectOnTheUnderlayAndEveryNode()
    {
        var result = await RunAsync();

        var owner = result.Single("random:index:RandomId", "lab-owner");
        var underlay = result.Single(UnderlayType, "underlay");
        Assert.Equal(OwnerId, underlay.Inputs["labOwner"].AsString());
        Assert.Equal("/srv/project", underlay.Inputs["labOwnerProject"].AsString());
        Assert.Contains(owner.Urn, underlay.Dependencies);
        Assert.All(result.OfType(NodeResource.TypeToken), n => Assert.Equal(OwnerId, n.Inputs["labOwner"].AsString()));
    }

    [Fact]
    public async Task Substrate_Outputs_MapEachNodeToItsUnderlayAddress()
    {
        var result = await RunAsync();

        var nodes = result.Single(ClusterSubstrate.TypeToken, "substrate").Outputs["nodes"].AsObject();
        Assert.Equal("local", result.Single(ClusterSubstrate.TypeToken, "substrate").Outputs["type"].AsString());
        Assert.Equal(
            LabSpecs.Lab01.Nodes.Select(n => $"{n.Name}={result.Single(NodeResource.TypeToken, n.Name).Inputs["address"].AsString()}"),
            nodes.Select(kv => $"{kv.Key}={kv.Value.AsString()}"));
    }

    [Fact]
    public async Task Substrate_WithANodeImage_MakesEveryNodeFromItsRootfs()
    {
        var result = await RunAsync(image: Image);

        Assert.Null(result.ProgramError);
        Assert.All(result.OfType(NodeResource.TypeToken), n =>
        {
            Assert.Equal(Image.RootfsTarball, n.Inputs["rootfsTarball"].AsString());
            Assert.Equal(Image.Sha256, n.Inputs["rootfsSha256"].AsString());
        });
    }

    [Fact]
    public async Task Substrate_WithoutANodeImage_NodesRunTheHostsFiles()
    {
        var result = await RunAsync();

        Assert.All(result.OfType(NodeResource.TypeToken), n =>
        {
            Assert.False(n.Inputs.ContainsKey("rootfsTarball"));
            Assert.False(n.Inputs.ContainsKey("rootfsSha256"));
        });
    }
}
