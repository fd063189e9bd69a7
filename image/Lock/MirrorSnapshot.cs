namespace Kubedos.Image.Lock;

/// <summary>The mirror's signed index at resolution time: its <c>Date</c> and the SHA-256 of the <c>InRelease</c> file read.</summary>
public sealed record MirrorSnapshot(DateTimeOffset Date, string InReleaseSha256);
