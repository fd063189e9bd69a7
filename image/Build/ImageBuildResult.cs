namespace Kubedos.Image.Build;

/// <summary>A finished build: its manifest, whether it was a cache hit, and how many packages were downloaded.</summary>
public sealed record ImageBuildResult(ArtifactManifest Manifest, bool CacheHit, int Downloaded, string ManifestPath);
