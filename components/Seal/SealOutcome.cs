namespace Kubedos.Components.Seal;

/// <summary>What sealing did: the manifest's SHA-256, the inputs digest, and whether the bundle was written (false: nothing changed).</summary>
internal sealed record SealOutcome(string ManifestSha256, string InputsDigest, bool Written);
