namespace Kubedos.Providers.Local;

/// <summary>A built node image a lab node runs: its rootfs tarball and the SHA-256 it must hash to.</summary>
/// <param name="RootfsTarball">The tarball's absolute path on the host.</param>
/// <param name="Sha256">Its SHA-256, lowercase hex: the unpacked tree is named by it and shared by every node that runs it.</param>
public sealed record LabImage(string RootfsTarball, string Sha256)
{
    /// <summary>True for 64 lowercase hex digits.</summary>
    public static bool IsDigest(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
