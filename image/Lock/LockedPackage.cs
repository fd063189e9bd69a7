namespace Kubedos.Image.Lock;

/// <summary>One resolved Debian package: exactly this version and this file, known by its SHA-256.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Version">The exact Debian version.</param>
/// <param name="Architecture">amd64 or all.</param>
/// <param name="Filename">The pool path below the mirror (<c>pool/main/...deb</c>).</param>
/// <param name="Size">The .deb's size in bytes.</param>
/// <param name="Sha256">The .deb's SHA-256 (lowercase hex), from the signed index.</param>
public sealed record LockedPackage(string Name, string Version, string Architecture, string Filename, long Size, string Sha256);
