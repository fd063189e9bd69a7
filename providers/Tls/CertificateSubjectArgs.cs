namespace Kubedos.Providers.Tls;

/// <summary>A certificate subject as resource inputs give it.</summary>
/// <param name="CommonName">The CN.</param>
/// <param name="Organizations">The O values.</param>
internal sealed record CertificateSubjectArgs(string? CommonName = null, IReadOnlyList<string>? Organizations = null);
