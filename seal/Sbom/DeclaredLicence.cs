namespace Kubedos.Seal.Sbom;

/// <summary>
/// What a package itself declares about its licence, never inferred: the licence fields of a machine-readable
/// (DEP-5) copyright file as written, and the SPDX expression they amount to when every name has an exact SPDX id.
/// </summary>
/// <param name="Declared">Each distinct licence field as the copyright file writes it (empty: nothing machine-readable).</param>
/// <param name="SpdxExpression">The SPDX expression, or null (NOASSERTION) when a name has no exact SPDX id or nothing was declared.</param>
public sealed record DeclaredLicence(IReadOnlyList<string> Declared, string? SpdxExpression)
{
    /// <summary>Nothing machine-readable: the SBOMs say NOASSERTION.</summary>
    public static DeclaredLicence None { get; } = new([], null);
}
