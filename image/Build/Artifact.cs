namespace Kubedos.Image.Build;

/// <summary>One file a build produced or consumed: its role, file name, SHA-256 and size.</summary>
/// <param name="Kind">rootfs-tar, qcow2, iso (outputs) or deb, lock, overlay (inputs).</param>
/// <param name="Name">The file name (outputs: under <c>out/&lt;stack&gt;/artifacts/</c>).</param>
/// <param name="Sha256">Lowercase hex.</param>
/// <param name="Size">Bytes.</param>
public sealed record Artifact(string Kind, string Name, string Sha256, long Size);
