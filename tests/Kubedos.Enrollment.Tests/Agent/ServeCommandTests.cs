using System.CommandLine;
using Kubedos.Agent;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Node;
using Kubedos.Enrollment.Service;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Tests.Agent;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Serve_FromStateFiles_AdmitsADeclaredNodeOnceOverLoopback()
    {
        var state = new ServiceState(Path.Combine(_dir, "state"));
        var caPin = await WriteStateAsync(state, out var token);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var serving = AgentProgram.Create().Parse(["serve", "--listen", "127.0.0.1:0", "--state", state.Directory, "--any-source"])
            .InvokeAsync(new InvocationConfiguration { Output = TextWriter.Synchronized(output) }, stop.Token);
        var address = await AddressAsync(output, serving);
        var tokenFile = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(tokenFile, new EnrollmentToken(token, caPin).ToString());

        var first = await EnrollAsync(address, tokenFile, "one");
        var second = await EnrollAsync(address, tokenFile, "two");
        await stop.CancelAsync();

        Assert.Equal(AgentProgram.Success, first);
        Assert.True(new NodeIdentityDirectory(Path.Combine(_dir, "one")).Exists);
        Assert.Equal(AgentProgram.Refused, second);
        Assert.Equal(AgentProgram.Success, await serving);
        var decisions = AuditLog.Read(state.PathOf(ServiceState.AuditFile)).Select(r => (r.Node, r.Decision)).ToList();
        Assert.Equal([("cp-1", "admit"), ("cp-1", "reject")], decisions);
        Assert.True(AuditLog.Verify(state.PathOf(ServiceState.AuditFile), caPin: caPin).IsAnchored);
    }

    [Fact]
    public async Task Serve_RestartOnATornFinalAuditLine_ServesAndRecordsTheRepair()
    {
        var state = new ServiceState(Path.Combine(_dir, "state"));
        var caPin = await WriteStateAsync(state, out var token);
        await File.WriteAllTextAsync(Path.Combine(_dir, "token"), new EnrollmentToken(token, caPin).ToString());
        await ServeOnceAsync(state, address => EnrollAsync(address, Path.Combine(_dir, "token"), "one"));
        var log = state.PathOf(ServiceState.AuditFile);
        await File.AppendAllTextAsync(log, "{\"seq\":2,\"prev\":\"");

        var (code, error) = await ServeOnceAsync(state, _ => Task.FromResult(0));

        Assert.Equal(AgentProgram.Success, code);
        Assert.Contains("warning: audit log:", error, StringComparison.Ordinal);
        Assert.Contains("torn final line", error, StringComparison.Ordinal);
        var verification = AuditLog.Verify(log, caPin: caPin);
        Assert.True(verification.IsAnchored, verification.Problem);
        Assert.Equal("torn-tail-truncated", AuditLog.Read(log)[^1].Reason);
    }

    [Fact]
    public async Task Serve_LastAuditLineTamperedWith_ExitsFailureWithOneLine()
    {
        var state = new ServiceState(Path.Combine(_dir, "state"));
        var caPin = await WriteStateAsync(state, out var token);
        await File.WriteAllTextAsync(Path.Combine(_dir, "token"), new EnrollmentToken(token, caPin).ToString());
        await ServeOnceAsync(state, address => EnrollAsync(address, Path.Combine(_dir, "token"), "one"));
        var log = state.PathOf(ServiceState.AuditFile);
        var lines = await File.ReadAllLinesAsync(log);
        lines[0] = lines[0].Replace("\"admit\"", "\"reject\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(log, lines);
        var error = new StringWriter();

        var code = await AgentProgram.Create().Parse(["serve", "--listen", "127.0.0.1:0", "--state", state.Directory, "--any-source"])
            .InvokeAsync(new InvocationConfiguration { Error = error, Output = new StringWriter() });

        Assert.Equal(AgentProgram.Failure, code);
        // The only entry was changed: the chain alone holds, the signed head does not.
        Assert.StartsWith($"kubedos-agent: cannot serve: {log}: the log holds 1 entries", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("signed head", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Serve_BadListenAddress_ExitsFailure()
    {
        var error = new StringWriter();

        var code = await AgentProgram.Create().Parse(["serve", "--listen", "nowhere", "--state", _dir]).InvokeAsync(new InvocationConfiguration { Error = error });

        Assert.Equal(AgentProgram.Failure, code);
        Assert.Contains("ADDRESS:PORT", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<string> WriteStateAsync(ServiceState state, out JoinToken token)
    {
        Directory.CreateDirectory(state.Directory);
        var now = TimeProvider.System.GetUtcNow();
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("serve test root", 48, pathLength: 1), now);
        var (intermediate, key) = ClusterAuthority.CreateIntermediate(root, rootKey, "serve-test", 24, now);
        using var authority = new ClusterAuthority(root, intermediate, key);
        File.WriteAllText(state.PathOf(ServiceState.RootFile), CertificateIssuer.ToPem(root));
        File.WriteAllText(state.PathOf(ServiceState.IntermediateFile), CertificateIssuer.ToPem(intermediate));
        File.WriteAllText(state.PathOf(ServiceState.IntermediateKeyFile), key.ExportPrivateKeyPem());
        File.WriteAllText(state.PathOf(ServiceState.InventoryFile), ServiceState.RenderInventory(
            new Dictionary<string, IReadOnlyList<string>> { ["cp-1"] = ["10.101.0.11", "10.102.0.11"] }));
        token = JoinToken.Generate();
        File.WriteAllText(state.PathOf(ServiceState.TokensFile), ServiceState.RenderTokens([("cp-1", token.ToString(), now)]));
        return Task.FromResult(authority.CaPin);
    }

    private static async Task<string> AddressAsync(StringWriter output, Task<int> serving)
    {
        for (var i = 0; i < 300; i++)
        {
            var text = output.ToString();
            var at = text.IndexOf("serving on ", StringComparison.Ordinal);
            if (at >= 0)
            {
                return text[(at + "serving on ".Length)..].Trim();
            }

            Assert.False(serving.IsCompleted, $"serve exited early with {(serving.IsCompletedSuccessfully ? serving.Result : -1)}");
            await Task.Delay(50);
        }

        throw new TimeoutException("serve did not report its address");
    }

    // Starts serve, runs action against its address, stops it; returns its exit code and what it wrote to stderr.
    private static async Task<(int Code, string Error)> ServeOnceAsync(ServiceState state, Func<string, Task<int>> action)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var error = new StringWriter();
        var serving = AgentProgram.Create().Parse(["serve", "--listen", "127.0.0.1:0", "--state", state.Directory, "--any-source"])
            .InvokeAsync(new InvocationConfiguration { Output = TextWriter.Synchronized(output), Error = TextWriter.Synchronized(error) }, stop.Token);
        await action(await AddressAsync(output, serving));
        await stop.CancelAsync();
        return (await serving, error.ToString());
    }

    private async Task<int> EnrollAsync(string service, string tokenFile, string dir) =>
        await AgentProgram.Create().Parse(
            ["enroll", "--service", service, "--dir", Path.Combine(_dir, dir), "--token-file", tokenFile, "--node", "cp-1", "--address", "10.101.0.11"])
            .InvokeAsync();
}
