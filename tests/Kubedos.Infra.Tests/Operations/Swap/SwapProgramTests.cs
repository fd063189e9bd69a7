using Kubedos.Engine.Automation;
using Kubedos.Engine.Providers;
using Kubedos.Infra.Tests.Components;
using Kubedos.Operations;
using Kubedos.Operations.Swap;
using Kubedos.Providers.Random;

namespace Kubedos.Infra.Tests.Operations.Swap;

/// <summary>
/// What a swap refuses before it touches anything: each case leaves every stack as it was (the new colour not even
/// created, the endpoint's config unchanged). The swap itself runs on the lab (EtcdLabTests).
/// </summary>
public sealed class SwapProgramTests : IDisposable
{
    private readonly string project = Directory.CreateTempSubdirectory("kubedos-swap-").FullName;
    private readonly Dictionary<string, IDictionary<string, object?>> outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> holding = new(StringComparer.Ordinal);

    public SwapProgramTests()
    {
        File.WriteAllText(Path.Combine(project, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\nbackend:\n  url: file://.kubedos\n");
    }

    private ColourPair Pair => new("blue", "green", [("wg1", "10.101.0.0/24", "10.131.0.0/24")]);

    [Fact]
    public async Task RunAsync_OldColourNotServing_IsRefusedAndNothingIsCreated()
    {
        var workspace = Workspace();
        await (await workspace.CreateStackAsync("blue")).UpAsync();
        var refused = await Assert.ThrowsAsync<OperationRefusedException>(() => RunAsync(workspace, "10.254.254.1"));
        Assert.Contains("stack 'blue' is not serving", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("green", await workspace.ListStacksAsync());
        Assert.False(Directory.Exists(Path.Combine(project, "out")));
    }

    [Fact]
    public async Task RunAsync_NewColourHoldingResources_IsRefusedNamingHowToEmptyIt()
    {
        var workspace = await ServingBlueAsync();
        holding.Add("green");
        await (await workspace.CreateStackAsync("green")).UpAsync();
        var refused = await Assert.ThrowsAsync<OperationRefusedException>(() => RunAsync(workspace, "10.254.254.1"));
        Assert.Contains("stack 'green' holds 2 resource(s)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("kubedos destroy --stack green", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FirstSwapWithoutAnEndpointAddress_IsRefusedAsAskedWrong()
    {
        var workspace = await ServingBlueAsync();
        var refused = await Assert.ThrowsAsync<OperationRefusedException>(() => RunAsync(workspace, address: null));
        Assert.True(refused.AskedWrong);
        Assert.Contains("--endpoint-address", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("green", await workspace.ListStacksAsync());
    }

    [Fact]
    public async Task RunAsync_EndpointServingAnotherStack_IsRefusedAndItsConfigIsUnchanged()
    {
        var workspace = await ServingBlueAsync();
        holding.Add("pair-endpoint");
        outputs["pair-endpoint"] = new Dictionary<string, object?> { ["serves"] = "green", ["target"] = "10.131.0.11" };
        var endpoint = await workspace.CreateStackAsync("pair-endpoint");
        await endpoint.SetConfigAsync("kubedos:endpoint.serves", "green");
        await endpoint.UpAsync();
        var refused = await Assert.ThrowsAsync<OperationRefusedException>(() => RunAsync(workspace, address: null));
        Assert.Contains("serves 'green' at 10.131.0.11, not 'blue' at 10.101.0.11", refused.Message, StringComparison.Ordinal);
        Assert.Equal("green", await endpoint.GetConfigAsync("kubedos:endpoint.serves"));
    }

    [Fact]
    public async Task RunAsync_WhileAnotherSwapOfThePairRuns_IsRefusedAndTheNextOneAfterItProceeds()
    {
        var workspace = await ServingBlueAsync();
        using (SwapLock.Take(project, "pair-endpoint"))
        {
            var refused = await Assert.ThrowsAsync<OperationRefusedException>(() => RunAsync(workspace, "10.254.254.1"));
            Assert.Contains("another swap over endpoint stack 'pair-endpoint' is running", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("green", await workspace.ListStacksAsync());
        }

        // Released (as the kernel releases it when a swap is killed): the next swap gets past the lock to its own checks.
        var next = await Assert.ThrowsAsync<OperationRefusedException>(() => RunAsync(workspace, address: null));
        Assert.Contains("--endpoint-address", next.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(project, recursive: true);

    private async Task<Workspace> ServingBlueAsync()
    {
        outputs["blue"] = new Dictionary<string, object?> { ["acceptance"] = "passed", ["controlPlaneEndpoint"] = "10.101.0.11" };
        var workspace = Workspace();
        await (await workspace.CreateStackAsync("blue")).UpAsync();
        return workspace;
    }

    private Task RunAsync(Workspace workspace, string? address) =>
        SwapProgram.RunAsync(workspace, Pair, LabSpecs.Lab01Kubernetes, Path.Combine(project, "out", "green"), Options(address), CancellationToken.None);

    private SwapOptions Options(string? address) => new() { ProjectDirectory = project, EndpointStack = "pair-endpoint", EndpointAddress = address };

    // Stacks whose outputs the test sets; a stack in `holding` keeps one resource.
    private Workspace Workspace() => Kubedos.Engine.Automation.Workspace.Create(new WorkspaceOptions
    {
        WorkDir = project,
        Providers = ProviderRegistry.Of(RandomProvider.Create()),
        Program = StackProgram.Create(stack =>
        {
            if (holding.Contains(stack.StackName))
            {
                _ = new RandomId("held", new RandomIdArgs { ByteLength = 4 });
            }

            return outputs.GetValueOrDefault(stack.StackName) ?? new Dictionary<string, object?>();
        }),
        Environment = name => name == "KUBEDOS_CONFIG_PASSPHRASE" ? "swap-test" : null,
    });
}
