using Kubedos.Agent;
using Kubedos.Enrollment.Node;
using Kubedos.Enrollment.Tests.Service;

namespace Kubedos.Enrollment.Tests.Agent;

public sealed class AgentProgramTests
{
    [Fact]
    public async Task Enroll_TokenFromFile_ExitsZeroAndWritesIdentity()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var tokenFile = Path.Combine(lab.Directory, "token");
        await File.WriteAllTextAsync(tokenFile, lab.TokenFor("node-1") + "\n");
        var dir = Path.Combine(lab.Directory, "identity");

        var parse = AgentProgram.Create().Parse(
            ["enroll", "--service", lab.Service.Address.ToString(), "--dir", dir, "--token-file", tokenFile, "--node", "node-1", "--address", "127.0.0.1"]);
        var error = new StringWriter();
        var code = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error });

        Assert.True(code == AgentProgram.Success, string.Join("; ", parse.Errors.Select(e => e.Message)) + error);
        Assert.True(new NodeIdentityDirectory(dir).Exists);
    }

    [Fact]
    public async Task Enroll_WrongPin_ExitsRefusedWithoutIdentity()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var tokenFile = Path.Combine(lab.Directory, "token");
        await File.WriteAllTextAsync(tokenFile, (lab.TokenFor("node-1") with { CaPin = "sha256:" + new string('1', 64) }).ToString());
        var dir = Path.Combine(lab.Directory, "identity");

        var code = await AgentProgram.Create().Parse(
            ["enroll", "--service", lab.Service.Address.ToString(), "--dir", dir, "--token-file", tokenFile, "--node", "node-1", "--address", "127.0.0.1"])
            .InvokeAsync();

        Assert.Equal(AgentProgram.Refused, code);
        Assert.False(new NodeIdentityDirectory(dir).Exists);
        Assert.Empty(lab.AuditRecords());
    }

    [Fact]
    public async Task Enroll_NoToken_ExitsFailure()
    {
        await using var lab = await EnrollmentLab.StartAsync();

        var code = await AgentProgram.Create().Parse(
            ["enroll", "--service", lab.Service.Address.ToString(), "--dir", Path.Combine(lab.Directory, "i"), "--token-file", Path.Combine(lab.Directory, "missing"), "--node", "node-1", "--address", "127.0.0.1"])
            .InvokeAsync();

        Assert.Equal(AgentProgram.Failure, code);
    }
}
