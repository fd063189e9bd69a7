namespace Kubedos.Image.Store;

/// <summary>How far acquisition is: packages and bytes done out of the locked totals, and the package at hand.</summary>
public sealed record AcquireProgress(int Done, int Total, long Bytes, long TotalBytes, string Current);
