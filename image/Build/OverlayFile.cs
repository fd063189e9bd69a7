namespace Kubedos.Image.Build;

/// <summary>A file baked into every node's root filesystem (the hardening baseline, payloads): absolute path, content, mode.</summary>
public sealed record OverlayFile(string Path, byte[] Content, UnixFileMode Mode);
