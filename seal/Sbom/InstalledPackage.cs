namespace Kubedos.Seal.Sbom;

/// <summary>One package dpkg records as installed.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Version">Its version (epoch included).</param>
/// <param name="Architecture">amd64, all, ...</param>
/// <param name="Depends">Pre-Depends and Depends: per relation, its alternatives' names.</param>
/// <param name="Provides">The virtual packages it provides.</param>
public sealed record InstalledPackage(string Name, string Version, string Architecture, IReadOnlyList<IReadOnlyList<string>> Depends, IReadOnlyList<string> Provides);
