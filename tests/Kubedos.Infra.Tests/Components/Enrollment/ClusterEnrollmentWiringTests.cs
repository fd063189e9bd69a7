using Kubedos.Components.Enrollment;
using Kubedos.Components.Image;
using Kubedos.Components.Substrate;
using Kubedos.Components.Trust;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Components.Enrollment;

/// <summary>Where the enrollment stage places itself, checked in memory against mocks (no project, backend or lab).</summary>
public sealed class ClusterEnrollmentWiringTests
{
    private const string OutDirectory = "/nonexistent/kubedos-wiring/out/lab-01";

    private static readonly NodeSoftware Agent = new("/opt/kubedos-agent", ["kubedos-agent.dll"], "0123abcd");

    private const string ImageSha256 = "d75fefcfdebe9ba071b500f392cc0c022ee018081a589df4e39ccfa968fa1fb1";

    // A preview: nothing runs, the tls and lab resources are only declared.
    private static Task<DeploymentTestResult> PreviewAsync(bool agentInImage = false) =>
        DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                // to-fu, allowed by config, so trust needs no operator material on disk.
                var cluster = LabSpecs.Lab01 with
                {
                    Security = LabSpecs.Lab01.Security with { Bootstrap = new BootstrapSpec { Model = BootstrapModel.ToFu } },
                };
                var trust = new ClusterTrust("trust", new TrustArgs { Cluster = cluster, Material = TrustMaterial.FromConfig(stack), OutDirectory = OutDirectory });
                var substrate = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = cluster, ProjectDirectory = "/srv/project" });
                _ = new ClusterEnrollment("enrollment", new EnrollmentArgs
                {
                    Cluster = cluster,
                    Trust = trust,
                    OutDirectory = OutDirectory,
                    Site = agentInImage ? EnrollmentSite.InImage(substrate.Nodes, ImageSha256) : new EnrollmentSite(substrate.Nodes, Agent),
                }, new ResourceOptions { DependsOn = [trust, substrate] });
            }),
            Mocks.EchoInputs,
            new TestOptions
            {
                ProjectName = "kubedos",
                StackName = "lab-01",
                IsPreview = true,
                Config = new Dictionary<string, string> { [TrustMaterial.AllowToFuKey] = "true" },
            });

    [Fact]
    public async Task Site_ServiceRunsOnThePrimaryControlPlane_AndEveryNodeGetsATokenAndAnEnroll()
    {
        var result = await PreviewAsync();

        Assert.Null(result.ProgramError);
        var enrollment = result.Single(ClusterEnrollment.TypeToken, "enrollment");
        var service = Assert.Single(result.OfType("local:lab:Process"), p => p.Parent == enrollment.Urn);
        Assert.Equal("cp-1-enrollment", service.Name);
        Assert.Equal(enrollment.Urn, service.Parent);
        Assert.Contains("10.101.0.11:7443", service.Inputs["command"].AsArray().Select(a => a.AsString()));
        Assert.Equal(
            ["cp-1-enroll", "cp-2-enroll", "cp-3-enroll", "w-1-enroll"],
            result.OfType("local:lab:Command").Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["cp-1-enrollment-token", "cp-2-enrollment-token", "cp-3-enrollment-token", "w-1-enrollment-token"],
            result.OfType("local:lab:File").Where(f => f.Name.EndsWith("-enrollment-token", StringComparison.Ordinal)).Select(f => f.Name).Order(StringComparer.Ordinal));

        // Each enroll waits for the service, and the service for its state files and the agent.
        Assert.All(result.OfType("local:lab:Command"), enroll => Assert.Contains(service.Urn, enroll.Dependencies));
        Assert.Contains(result.Single("local:lab:Payload", "cp-1-kubedos-agent").Urn, service.Dependencies);
    }

    [Fact]
    public async Task Site_EveryChild_CarriesTheStagesOwnDependsOn()
    {
        var result = await PreviewAsync();

        var substrate = result.Single(ClusterSubstrate.TypeToken, "substrate");
        var trust = result.Single(ClusterTrust.TypeToken, "trust");
        var children = result.Resources.Where(r => r.Custom && r.Parent == result.Single(ClusterEnrollment.TypeToken, "enrollment").Urn).ToList();

        Assert.NotEmpty(children);
        Assert.All(children, child =>
        {
            Assert.Contains(substrate.Urn, child.Dependencies);
            Assert.Contains(trust.Urn, child.Dependencies);
        });
    }

    [Fact]
    public async Task Site_AgentInTheNodeImage_ShipsNoAgentAndRunsTheImagesLauncher()
    {
        var result = await PreviewAsync(agentInImage: true);

        Assert.Null(result.ProgramError);
        Assert.Empty(result.OfType("local:lab:Payload"));
        var service = result.Single("local:lab:Process", "cp-1-enrollment");
        Assert.Equal(AgentImagePayload.Program, service.Inputs["command"].AsArray()[0].AsString());
        Assert.DoesNotContain("dotnet", service.Inputs["command"].AsArray().Select(a => a.AsString()));
        Assert.All(result.OfType("local:lab:Command"), enroll =>
            Assert.Contains(AgentImagePayload.Program, enroll.Inputs["create"].AsArray().Select(a => a.AsString())));
    }

    [Fact]
    public async Task Site_AgentShipped_RunsItUnderTheNodesDotnet()
    {
        var result = await PreviewAsync();

        var service = result.Single("local:lab:Process", "cp-1-enrollment");
        Assert.Contains("dotnet", service.Inputs["command"].AsArray().Select(a => a.AsString()));
        Assert.Equal(4, result.OfType("local:lab:Payload").Count());
    }
}
