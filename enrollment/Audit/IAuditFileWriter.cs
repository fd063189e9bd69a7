namespace Kubedos.Enrollment.Audit;

/// <summary>Writes one whole audit line to the open log and makes it durable; the seam tests fail mid-write through.</summary>
internal interface IAuditFileWriter
{
    /// <summary>Writes <paramref name="line"/> (newline included) at the stream's position and flushes it to disk.</summary>
    void Write(FileStream file, ReadOnlySpan<byte> line);
}
