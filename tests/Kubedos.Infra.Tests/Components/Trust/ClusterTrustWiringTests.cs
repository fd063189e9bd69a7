using Kubedos.Components.Trust;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Testing;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Components.Trust;

/// <summary>The trust stage's refusals, checked in memory against mocks (no project, backend or certificates).</summary>
public sealed class ClusterTrustWiringTests
{
    private static Task<DeploymentTestResult> RunAsync(BootstrapModel model, IReadOnlyDictionary<string, string> config) =>
        DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                var cluster = LabSpecs.Lab01 with { Security = LabSpecs.Lab01.Security with { Bootstrap = new BootstrapSpec { Model = model } } };
                _ = new ClusterTrust("trust", new TrustArgs { Cluster = cluster, Material = TrustMaterial.FromConfig(stack), OutDirectory = "/nonexistent/kubedos-wiring/out/dev" });
            }),
            Mocks.EchoInputs,
            new TestOptions { ProjectName = "kubedos", StackName = "dev", IsPreview = true, Config = config });

    [Fact]
    public async Task ToFu_NotAllowed_FailsNamingTheModelAndTheKeyBeforeAnyKeyIsMade()
    {
        var result = await RunAsync(BootstrapModel.ToFu, new Dictionary<string, string>());

        Assert.NotNull(result.ProgramError);
        Assert.Contains(TrustAnchor.ModelField, result.ProgramError, StringComparison.Ordinal);
        Assert.Contains(TrustMaterial.AllowToFuKey, result.ProgramError, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Resources, r => r.Type.StartsWith("tls:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToFu_Allowed_MintsTheAuthorityInTheEngineAndIssuesEveryNode()
    {
        var result = await RunAsync(BootstrapModel.ToFu, new Dictionary<string, string> { [TrustMaterial.AllowToFuKey] = "true" });

        Assert.Null(result.ProgramError);
        Assert.NotEmpty(result.OfType("tls:index:SelfSignedCert"));
        Assert.Equal(
            ["cp-1-identity", "cp-2-identity", "cp-3-identity", "w-1-identity"],
            result.OfType("tls:index:LocallySignedCert").Select(c => c.Name).Where(n => n.EndsWith("-identity", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }
}
