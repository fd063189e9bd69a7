namespace Kubedos.Enrollment.Audit;

/// <summary>One write of the whole line, then fsync: a line is on disk whole or (after a crash) as a torn, unterminated tail.</summary>
internal sealed class DurableAuditFileWriter : IAuditFileWriter
{
    public static readonly DurableAuditFileWriter Instance = new();

    public void Write(FileStream file, ReadOnlySpan<byte> line)
    {
        file.Write(line);
        file.Flush(flushToDisk: true);
    }
}
