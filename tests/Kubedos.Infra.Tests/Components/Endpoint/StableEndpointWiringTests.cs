using Kubedos.Components;
using Kubedos.Components.Endpoint;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Providers.Local;

namespace Kubedos.Infra.Tests.Components.Endpoint;

/// <summary>
/// A stack whose config names <c>kubedos:endpoint.serves</c> is an endpoint: the program reads the served colour's outputs
/// through a StackReference and forwards the endpoint's ports to its control plane; another substrate is refused.
/// </summary>
public sealed class StableEndpointWiringTests
{
    [Fact]
    public async Task EndpointStack_ForwardsItsPortsToTheServedColoursControlPlane()
    {
        var result = await RunAsync("local");

        Assert.Null(result.ProgramError);
        var reference = Assert.Single(result.OfType(StackReference.TypeToken));
        Assert.Equal("lab-01-blue", reference.Inputs.GetOrDefault("name")!.AsString());
        var forward = Assert.Single(result.OfType(LabEndpointResource.TypeToken));
        Assert.Equal("10.101.0.11", forward.Inputs.GetOrDefault("target")!.AsString());
        Assert.Equal("10.254.254.1", forward.Inputs.GetOrDefault("address")!.AsString());
        Assert.Equal("lab-01-blue", forward.Inputs.GetOrDefault("serves")!.AsString());
        Assert.Equal("lab-01-endpoint", forward.Inputs.GetOrDefault("name")!.AsString());
        Assert.Equal([6443d, 22d], forward.Inputs.GetOrDefault("ports")!.AsArray().Select(p => p.AsNumber()));
        Assert.Equal("10.101.0.11", result.StackOutputs.GetOrDefault("target")!.AsString());
        Assert.Empty(result.OfType(Kubedos.Providers.Local.NodeResource.TypeToken));
    }

    [Fact]
    public async Task EndpointStack_ServingAColourOnAnotherSubstrate_IsRefusedNamingIt()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("proxmox"));

        Assert.Equal("stack 'lab-01-blue' runs on the 'proxmox' substrate, and this endpoint is made on 'local' (kubedos:endpoint.substrate)", refused.Message);
    }

    [Fact]
    public async Task EndpointStack_OnASubstrateWithoutAnEndpoint_IsRefusedNamingWhatIsBuiltIn()
    {
        var result = await RunAsync("proxmox", endpointSubstrate: "proxmox");

        Assert.Contains("no provider for the 'proxmox' substrate is built into this version of kubedos; the substrates built in are: local", result.ProgramError, StringComparison.Ordinal);
        Assert.Empty(result.OfType(LabEndpointResource.TypeToken));
    }

    private static Task<DeploymentTestResult> RunAsync(string substrate, string? endpointSubstrate = null) => DeploymentTest.RunAsync(
        KubedosProgram.Create(),
        Mocks.From(args => args.Type == StackReference.TypeToken
            ? new MockResourceResult("lab-01-blue", PropertyMap.From(
            [
                KeyValuePair.Create("name", PropertyValue.Of("lab-01-blue")),
                KeyValuePair.Create("outputs", PropertyValue.Of(PropertyMap.From(
                [
                    KeyValuePair.Create("substrate", PropertyValue.Of(substrate)),
                    KeyValuePair.Create("controlPlaneEndpoint", PropertyValue.Of("10.101.0.11")),
                ]))),
                KeyValuePair.Create("secretOutputNames", PropertyValue.Array()),
            ]))
            : MockResourceResult.EchoInputs(args)),
        new TestOptions
        {
            ProjectName = "kubedos",
            StackName = "lab-01-endpoint",
            Config = new Dictionary<string, string>
            {
                [$"kubedos:{EndpointStack.ServesKey}"] = "lab-01-blue",
                [$"kubedos:{EndpointStack.AddressKey}"] = "10.254.254.1",
                [$"kubedos:{EndpointStack.SubstrateKey}"] = endpointSubstrate ?? "local",
            },
        });
}
