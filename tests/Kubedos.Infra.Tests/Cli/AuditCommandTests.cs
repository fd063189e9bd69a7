using Kubedos.Cli;
using Kubedos.Enrollment.Audit;

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
    public async Task Run_IntactLog_ExitsZero()
    {
        var path = await WriteLogAsync();
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Success, AuditCommand.Run(path, null, json: false, output, new StringWriter()));
        Assert.Contains("intact: 3 entries", output.ToString(), StringComparison.Ordinal);
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

    private async Task<string> WriteLogAsync()
    {
        var path = Path.Combine(_dir, "audit.log");
        var log = AuditLog.Open(path);
        var now = DateTimeOffset.UnixEpoch;
        foreach (var node in new[] { "cp-1", "w-1", "w-2" })
        {
            await log.AppendAsync(new AuditRecord(now, "enroll", node, "admit", "token ok", new Dictionary<string, string>()), CancellationToken.None);
        }

        return path;
    }
}
