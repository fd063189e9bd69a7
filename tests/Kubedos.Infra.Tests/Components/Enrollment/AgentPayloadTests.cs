using System.Diagnostics;
using Kubedos.Components.Enrollment;

namespace Kubedos.Infra.Tests.Components.Enrollment;

/// <summary>The agent shipped to nodes: exactly what it loads, and enough to run on its own.</summary>
public sealed class AgentPayloadTests
{
    [Fact]
    public void BesideThisProgram_HoldsTheAgentAndWhatItLoads_NotTheCliOrTheEngine()
    {
        var payload = AgentPayload.BesideThisProgram();

        Assert.Contains("kubedos-agent.dll", payload.Files);
        Assert.Contains("kubedos-agent.runtimeconfig.json", payload.Files);
        Assert.Contains("Kubedos.Enrollment.dll", payload.Files);
        Assert.Contains("Kubedos.Pki.dll", payload.Files);
        Assert.DoesNotContain("kubedos.dll", payload.Files);
        // The agent links pki and enrollment only: no engine, providers or console libraries travel to nodes.
        foreach (var unwanted in new[] { "Kubedos.Engine.dll", "Kubedos.Providers.dll", "YamlDotNet.dll", "Spectre.Console.dll", "Renci.SshNet.dll", "NSec.Cryptography.dll" })
        {
            Assert.DoesNotContain(unwanted, payload.Files);
        }

        Assert.DoesNotContain(payload.Files, f => f.Contains("Tests", StringComparison.Ordinal) || f.Contains("/android", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Payload_CopiedAloneToAnotherDirectory_RunsTheAgent()
    {
        var payload = AgentPayload.BesideThisProgram();
        var alone = Directory.CreateTempSubdirectory("kubedos-agent-").FullName;
        try
        {
            foreach (var file in payload.Files)
            {
                var target = Path.Combine(alone, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(payload.SourceDirectory, file), target);
            }

            var start = new ProcessStartInfo("dotnet", [Path.Combine(alone, AgentPayload.Assembly), "enroll", "--help"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var agent = Process.Start(start)!;
            var stdout = agent.StandardOutput.ReadToEndAsync();
            var stderr = agent.StandardError.ReadToEndAsync();
            await agent.WaitForExitAsync();

            Assert.True(agent.ExitCode == 0, $"exit {agent.ExitCode}: {await stdout}{await stderr}");
            Assert.Contains("--token-file", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(alone, recursive: true);
        }
    }

    [Fact]
    public void Read_DirectoryWithoutAnAgent_SaysWhatIsMissing()
    {
        var empty = Directory.CreateTempSubdirectory("kubedos-no-agent-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => AgentPayload.Read(empty));

            Assert.Contains("kubedos-agent.deps.json", error.Message, StringComparison.Ordinal);
            Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
