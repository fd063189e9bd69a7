using Kubedos.Image.Lock;

namespace Kubedos.Image.Build;

/// <summary>What to build: the stack's lock, the files baked in, where outputs and the store live, and whether the network may be used.</summary>
/// <param name="Stack">The stack name (names the output directory).</param>
/// <param name="Version">The artifact version (ClusterSpec <c>metadata.artifactVersion</c>).</param>
/// <param name="Lock">The stack's image lock.</param>
/// <param name="Overlay">Files baked into the rootfs.</param>
/// <param name="OutDirectory">The stack's output directory (<c>out/&lt;stack&gt;</c>).</param>
/// <param name="StoreRoot">The content store's directory.</param>
/// <param name="Offline">Build from the store alone.</param>
public sealed record ImageBuildRequest(
    string Stack, string Version, ImageLock Lock, IReadOnlyList<OverlayFile> Overlay, string OutDirectory, string StoreRoot, bool Offline);
