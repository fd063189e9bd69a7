namespace Kubedos.Seal.Sbom;

/// <summary>One package of a bill of materials.</summary>
/// <param name="Ref">Its reference inside the document (unique; the purl when it has one).</param>
/// <param name="Name">The package's name.</param>
/// <param name="Version">Its version as its ecosystem writes it.</param>
/// <param name="Purl">Its package URL, or null (a project of the build, not a published package).</param>
/// <param name="Sha256">SHA-256 of the package file (lower-case hex), when known.</param>
/// <param name="Sha512">SHA-512 of the package file (lower-case hex), when known (NuGet records SHA-512).</param>
/// <param name="Licence">What the package declares.</param>
/// <param name="DependsOn">The refs of the packages it depends on, in ordinal order.</param>
/// <param name="Properties">Further facts (<c>kubedos:...</c> names), in ordinal order of name.</param>
public sealed record SbomPackage(
    string Ref,
    string Name,
    string Version,
    string? Purl,
    string? Sha256,
    string? Sha512,
    DeclaredLicence Licence,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<KeyValuePair<string, string>> Properties);
