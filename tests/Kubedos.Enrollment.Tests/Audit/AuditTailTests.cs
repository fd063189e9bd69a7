using Kubedos.Enrollment.Audit;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Tests.Audit;

/// <summary>The tail the chain cannot prove alone, the signed head that does, and writes cut short.</summary>
public sealed class AuditTailTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-audit-tail-").FullName;
    private readonly PrivateKeyMaterial _key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

    private string LogPath => Path.Combine(_dir, "audit.log");

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Verify_SignedHeadAndPin_IntactAndAnchored()
    {
        await WriteAsync(3);

        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);

        Assert.True(result.IsAnchored, result.Problem);
        Assert.Equal(3, result.Entries);
        Assert.True(File.Exists(Path.Combine(_dir, "audit.head")));
    }

    [Fact]
    public async Task Verify_NoAnchor_ValidButNotAnchored()
    {
        await WriteAsync(3);

        var result = AuditLog.Verify(LogPath);

        Assert.True(result.IsValid, result.Problem);
        Assert.False(result.IsAnchored);
        Assert.Null(result.Anchor);
    }

    [Fact]
    public void Verify_EmptyLogWithoutAnchor_NotValid()
    {
        File.WriteAllBytes(LogPath, []);

        var result = AuditLog.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Contains("no entries", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EmptyLogSignedAsEmpty_Anchored()
    {
        AuditLog.Open(LogPath, _key);

        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);

        Assert.True(result.IsAnchored, result.Problem);
        Assert.Equal(0, result.Entries);
    }

    [Fact]
    public async Task Verify_LastEntryChangedWithSignedHead_FailsAtTheLastLine()
    {
        await WriteAsync(3);
        var lines = File.ReadAllLines(LogPath);
        lines[^1] = lines[^1].Replace("\"admit\"", "\"reject\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LogPath, lines);

        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadLine);
        Assert.Contains("changed after it was signed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastEntryKeysReordered_NotTheLogsFormEvenWithoutAnchor()
    {
        await WriteAsync(2);
        var lines = File.ReadAllLines(LogPath);
        using (var doc = System.Text.Json.JsonDocument.Parse(lines[^1]))
        {
            var reordered = doc.RootElement.EnumerateObject().Reverse().ToDictionary(p => p.Name, p => p.Value.Clone());
            lines[^1] = System.Text.Json.JsonSerializer.Serialize(reordered);
        }

        await File.WriteAllLinesAsync(LogPath, lines);

        var result = AuditLog.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBadLine);
        Assert.Contains("not in the form the log writes", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WellFormedEntryAppendedBehindTheSignedHead_Fails()
    {
        await WriteAsync(2);

        // Anyone can extend an unkeyed chain: a second writer without the head key appends a perfectly chained entry.
        var forger = AuditLog.Open(LogPath);
        await forger.AppendAsync(Record(3), CancellationToken.None);

        Assert.True(AuditLog.Verify(LogPath).IsValid);
        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadLine);
        Assert.Contains("appended after the last signed head", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage\n")]
    [InlineData("\n")]
    [InlineData("{\"seq\":3}")]
    public async Task Verify_GarbageAppended_Fails(string garbage)
    {
        await WriteAsync(2);
        await File.AppendAllTextAsync(LogPath, garbage);

        var result = AuditLog.Verify(LogPath);

        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadLine);
    }

    [Fact]
    public async Task Verify_HeadSignedByAnotherKey_Fails()
    {
        await WriteAsync(2);
        using var other = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var result = AuditLog.Verify(LogPath, caPin: other.Pin);

        Assert.False(result.IsValid);
        Assert.Contains("not by the pinned CA", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TailCutWithSignedHead_Fails()
    {
        await WriteAsync(3);
        var lines = File.ReadAllLines(LogPath);
        await File.WriteAllLinesAsync(LogPath, lines[..^1]);

        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);

        Assert.False(result.IsValid);
        Assert.Contains("removed from the end", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_WriteFailsHalfway_LineTakenBackAndTheNextEntryTakesItsNumber()
    {
        await WriteAsync(2);
        var writer = new HalfThenCancel();
        var log = AuditLog.Open(LogPath, _key, TimeProvider.System, writer);

        await Assert.ThrowsAsync<OperationCanceledException>(() => log.AppendAsync(Record(3), CancellationToken.None));
        Assert.True(writer.Wrote > 0);
        Assert.True(AuditLog.Verify(LogPath, caPin: _key.Pin).IsAnchored);

        writer.Fail = false;
        await log.AppendAsync(Record(4), CancellationToken.None);
        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);
        Assert.True(result.IsAnchored, result.Problem);
        Assert.Equal(3, result.Entries);
        Assert.Equal("reason-4", AuditLog.Read(LogPath)[^1].Reason);

        // A restart on the file: the service opens what it wrote.
        var reopened = AuditLog.Open(LogPath, _key);
        Assert.Empty(reopened.Recovered);
    }

    [Fact]
    public async Task Open_TornUnterminatedFinalLine_CutOffAndRecordedInTheLog()
    {
        await WriteAsync(2);
        await File.AppendAllTextAsync(LogPath, "{\"seq\":3,\"prev\":\"ab");

        var log = AuditLog.Open(LogPath, _key);

        var warning = Assert.Single(log.Recovered);
        Assert.Contains("torn final line", warning, StringComparison.Ordinal);
        var result = AuditLog.Verify(LogPath, caPin: _key.Pin);
        Assert.True(result.IsAnchored, result.Problem);
        var recovery = AuditLog.Read(LogPath)[^1];
        Assert.Equal(("recover", "torn-tail-truncated", "19"), (recovery.Decision, recovery.Reason, recovery.Details["bytes"]));
    }

    [Fact]
    public async Task Open_CompleteLineChangedUnderSignedHead_RefusesWithOneLine()
    {
        await WriteAsync(3);
        var lines = File.ReadAllLines(LogPath);
        lines[^1] = lines[^1].Replace("node-3", "node-9", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LogPath, lines);

        var error = Assert.Throws<InvalidDataException>(() => AuditLog.Open(LogPath, _key));

        Assert.Contains("signed head", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Open_HeadOneBehind_ReanchorsAndRecordsIt()
    {
        await WriteAsync(2);
        var head = await File.ReadAllBytesAsync(AuditLog.HeadPathOf(LogPath));
        await AuditLog.Open(LogPath, _key).AppendAsync(Record(3), CancellationToken.None);
        await File.WriteAllBytesAsync(AuditLog.HeadPathOf(LogPath), head);

        var log = AuditLog.Open(LogPath, _key);

        Assert.Contains("one entry behind", Assert.Single(log.Recovered), StringComparison.Ordinal);
        Assert.True(AuditLog.Verify(LogPath, caPin: _key.Pin).IsAnchored);
        Assert.Equal("head-behind", AuditLog.Read(LogPath)[^1].Reason);
    }

    private async Task WriteAsync(int count)
    {
        var log = AuditLog.Open(LogPath, _key);
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Record(i), CancellationToken.None);
        }
    }

    private static AuditRecord Record(int i) =>
        new(Now.AddMinutes(i), "enroll", $"node-{i}", "admit", $"reason-{i}", new Dictionary<string, string> { ["source"] = "127.0.0.1" });

    /// <summary>Writes half the line, then fails as a cancelled write would.</summary>
    private sealed class HalfThenCancel : IAuditFileWriter
    {
        public bool Fail { get; set; } = true;

        public int Wrote { get; private set; }

        public void Write(FileStream file, ReadOnlySpan<byte> line)
        {
            if (!Fail)
            {
                file.Write(line);
                file.Flush(flushToDisk: true);
                return;
            }

            file.Write(line[..(line.Length / 2)]);
            file.Flush(flushToDisk: true);
            Wrote = line.Length / 2;
            throw new OperationCanceledException("the client went away");
        }
    }
}
