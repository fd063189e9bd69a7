namespace Kubedos.Seal.Bundle;

/// <summary>One file the manifest lists: its bundle-relative path, SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record BundleEntry(string Path, string Sha256, long Size);
