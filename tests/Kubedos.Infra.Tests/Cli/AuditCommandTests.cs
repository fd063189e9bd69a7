using Kubedos.Cli;
using Kubedos.Enrollment.Audit;
using Kubedos.Pki;

namespace Kubedos.Infra.Tests.Cli;

public sealed class AuditCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-audit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_Fifo_IsRefusedInsteadOfHanging()
    {
        var fifo = Path.Combine(_dir, "audit.log");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var error = new StringWriter();

        Assert.Equal(ExitCodes.Usage, AuditCommand.Run(fifo, null, json: false, new StringWriter(), error));
        Assert.Contains("is not a regular file (a FIFO)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IntactLogSignedHeadAndPin_ExitsZeroIntact()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var path = await WriteLogAsync(key);
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, AuditCommand.Run(path, null, key.Pin, allowUnanchored: false, json: false, output, new StringWriter()));
        Assert.Contains("intact: 3 entries", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"anchored by the head signed by {key.Pin}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoAnchor_SaysTailUnanchoredAndExitsTampered()
    {
        var path = await WriteLogAsync();
        var output = new StringWriter();

        Assert.Equal(AuditCommand.Tampered, AuditCommand.Run(path, null, json: false, output, new StringWriter()));
        Assert.Contains("chain consistent, tail unanchored: 3 entries", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("intact", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoAnchorAllowed_ExitsZeroStillSayingUnanchored()
    {
        var path = await WriteLogAsync();
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, AuditCommand.Run(path, null, null, allowUnanchored: true, json: true, output, new StringWriter()));
        Assert.Contains("\"anchored\":false", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HeadHashGiven_ExitsZeroIntact()
    {
        var path = await WriteLogAsync();
        var head = AuditLog.Verify(path).HeadHash;
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, AuditCommand.Run(path, head, json: false, output, new StringWriter()));
        Assert.Contains("anchored by the head hash given", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyLog_NotIntact()
    {
        var path = Path.Combine(_dir, "empty.log");
        File.WriteAllBytes(path, []);
        var output = new StringWriter();

        Assert.Equal(AuditCommand.Tampered, AuditCommand.Run(path, null, null, allowUnanchored: true, json: false, output, new StringWriter()));
        Assert.Contains("no entries", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LastEntryChangedSignedHead_ExitsTamperedAtTheLastLine()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var path = await WriteLogAsync(key);
        var lines = await File.ReadAllLinesAsync(path);
        lines[^1] = lines[^1].Replace("w-2", "w-9", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);
        var output = new StringWriter();

        Assert.Equal(AuditCommand.Tampered, AuditCommand.Run(path, null, key.Pin, allowUnanchored: false, json: false, output, new StringWriter()));
        Assert.StartsWith($"{path}:3: line 3 was changed after it was signed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedPin_IsUsageError()
    {
        var path = await WriteLogAsync();
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Usage, AuditCommand.Run(path, null, "sha256:nope", allowUnanchored: false, json: false, new StringWriter(), error));
        Assert.Contains("--ca-pin", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OneByteChanged_ExitsTamperedNamingTheLine()
    {
        var path = await WriteLogAsync();
        var bytes = File.ReadAllBytes(path);
        var second = Array.IndexOf(bytes, (byte)'\n') + 1;
        var at = Array.IndexOf(bytes, (byte)'w', second);
        bytes[at] = (byte)'W';
        File.WriteAllBytes(path, bytes);
        var output = new StringWriter();

        Assert.Equal(AuditCommand.Tampered, AuditCommand.Run(path, null, json: true, output, new StringWriter()));
        Assert.Contains("\"valid\":false", output.ToString(), StringComparison.Ordinal);
        Assert.Matches("\"firstBadLine\":[23]", output.ToString());
    }

    [Fact]
    public void Run_MissingFile_IsUsageError()
    {
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Usage, AuditCommand.Run(Path.Combine(_dir, "none.log"), null, json: false, new StringWriter(), error));
        Assert.Contains("no such file", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> WriteLogAsync(PrivateKeyMaterial? headKey = null)
    {
        var path = Path.Combine(_dir, "audit.log");
        var log = AuditLog.Open(path, headKey);
        var now = DateTimeOffset.UnixEpoch;
        foreach (var node in new[] { "cp-1", "w-1", "w-2" })
        {
            await log.AppendAsync(new AuditRecord(now, "enroll", node, "admit", "token ok", new Dictionary<string, string>()), CancellationToken.None);
        }

        return path;
    }
}
