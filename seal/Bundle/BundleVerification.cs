namespace Kubedos.Seal.Bundle;

/// <summary>What verifying a bundle found: every check in the order it ran.</summary>
public sealed record BundleVerification(string Directory, string KeyId, string KeySource, IReadOnlyList<BundleCheck> Checks, BundleManifest? Manifest)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>The first check that failed, or null.</summary>
    public BundleCheck? FirstFailure => Checks.FirstOrDefault(c => !c.Passed);
}
