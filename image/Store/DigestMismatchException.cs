namespace Kubedos.Image.Store;

/// <summary>A received file whose SHA-256 is not the one the lock names; it was not kept.</summary>
public sealed class DigestMismatchException(string what, string expected, string actual)
    : Exception($"{what}: SHA-256 {actual} is not the locked {expected}; the file was refused and not kept")
{
    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
