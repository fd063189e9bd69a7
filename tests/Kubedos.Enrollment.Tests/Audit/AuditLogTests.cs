using System.Text;
using Kubedos.Enrollment.Audit;

namespace Kubedos.Enrollment.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-audit-").FullName;

    private string LogPath => Path.Combine(_dir, "audit.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Verify_IntactLog_ValidWithHeadOfLastLine()
    {
        await WriteAsync(5);

        var result = AuditLog.Verify(LogPath);

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(5, result.Entries);
        var lastLine = File.ReadAllLines(LogPath)[^1];
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(lastLine))), result.HeadHash);
    }

    [Fact]
    public async Task Append_FirstEntry_CarriesGenesisAndEachNextTheHashOfThePreviousBytes()
    {
        await WriteAsync(3);
        var lines = File.ReadAllLines(LogPath);

        Assert.Contains($"\"prev\":\"{AuditLog.GenesisHash}\"", lines[0], StringComparison.Ordinal);
        var hashOfFirst = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(lines[0])));
        Assert.Contains($"\"prev\":\"{hashOfFirst}\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneByteChanged_ReportsTheEditedLine()
    {
        await WriteAsync(5);
        var bytes = await File.ReadAllBytesAsync(LogPath);
        var thirdLineStart = IndexOfLine(bytes, 3);
        var reasonAt = IndexOf(bytes, "\"reason\":\"reason-3\"", thirdLineStart) + "\"reason\":\"reason-".Length;
        bytes[reasonAt] = (byte)'9';
        await File.WriteAllBytesAsync(LogPath, bytes);

        var result = AuditLog.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadLine);
        Assert.Contains("line 3 was changed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntryDropped_ReportsWhereTheGapIs()
    {
        await WriteAsync(5);
        var lines = File.ReadAllLines(LogPath).ToList();
        lines.RemoveAt(1);
        await File.WriteAllLinesAsync(LogPath, lines);

        var result = AuditLog.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBadLine);
        Assert.Contains("removed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntriesSwapped_ReportsReorder()
    {
        await WriteAsync(5);
        var lines = File.ReadAllLines(LogPath);
        (lines[2], lines[3]) = (lines[3], lines[2]);
        await File.WriteAllLinesAsync(LogPath, lines);

        var result = AuditLog.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadLine);
    }

    [Fact]
    public async Task Verify_TailCutButHeadKnown_Detected()
    {
        await WriteAsync(4);
        var head = AuditLog.Verify(LogPath).HeadHash;
        var lines = File.ReadAllLines(LogPath);
        await File.WriteAllLinesAsync(LogPath, lines[..^1]);

        Assert.True(AuditLog.Verify(LogPath).IsValid);
        var withHead = AuditLog.Verify(LogPath, head);
        Assert.False(withHead.IsValid);
        Assert.Contains("removed from the end", withHead.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_BrokenLog_RefusesToAppend()
    {
        await WriteAsync(3);
        var lines = File.ReadAllLines(LogPath);
        lines[0] = lines[0].Replace("admit", "reject", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LogPath, lines);

        var error = Assert.Throws<InvalidDataException>(() => AuditLog.Open(LogPath));
        Assert.Contains(":1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ExistingLog_ContinuesTheChain()
    {
        await WriteAsync(2);
        var log = AuditLog.Open(LogPath);
        await log.AppendAsync(Record(3), CancellationToken.None);

        var result = AuditLog.Verify(LogPath);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(3, result.Entries);
        Assert.Equal("reason-3", AuditLog.Read(LogPath)[2].Reason);
    }

    private async Task WriteAsync(int count)
    {
        var log = AuditLog.Open(LogPath);
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Record(i), CancellationToken.None);
        }
    }

    private static AuditRecord Record(int i) =>
        new(Now.AddMinutes(i), "enroll", $"node-{i}", "admit", $"reason-{i}", new Dictionary<string, string> { ["source"] = "127.0.0.1" });

    private static int IndexOfLine(byte[] bytes, int line)
    {
        var index = 0;
        for (var l = 1; l < line; l++)
        {
            index = Array.IndexOf(bytes, (byte)'\n', index) + 1;
        }

        return index;
    }

    private static int IndexOf(byte[] bytes, string text, int from) =>
        Encoding.UTF8.GetString(bytes).IndexOf(text, from, StringComparison.Ordinal);
}
