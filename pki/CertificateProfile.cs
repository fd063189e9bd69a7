namespace Kubedos.Pki;

/// <summary>What a certificate says about its subject and what it may be used for.</summary>
/// <param name="CommonName">The subject CN (may be empty when SANs name the subject).</param>
/// <param name="Organizations">The subject O values.</param>
/// <param name="ValidityHours">How long the certificate is valid from the moment it is issued.</param>
/// <param name="IsCertificateAuthority">Sets basicConstraints CA:TRUE.</param>
/// <param name="PathLength">For a CA, how many CAs may sit below it (null: unlimited).</param>
/// <param name="AllowedUses">Key usages and extended key usages, by the names in <see cref="CertificateUses"/>.</param>
/// <param name="DnsNames">DNS subject alternative names.</param>
/// <param name="IpAddresses">IP subject alternative names.</param>
public sealed record CertificateProfile(
    string CommonName,
    IReadOnlyList<string> Organizations,
    int ValidityHours,
    bool IsCertificateAuthority,
    int? PathLength,
    IReadOnlyList<string> AllowedUses,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses)
{
    /// <summary>A leaf profile with no SANs and no uses; set what you need with <c>with</c>.</summary>
    public static CertificateProfile Leaf(string commonName, int validityHours) =>
        new(commonName, [], validityHours, false, null, [], [], []);

    /// <summary>A CA profile allowed to sign certificates and CRLs.</summary>
    public static CertificateProfile Authority(string commonName, int validityHours, int? pathLength) =>
        new(commonName, [], validityHours, true, pathLength,
            [CertificateUses.CertSigning, CertificateUses.CrlSigning, CertificateUses.DigitalSignature], [], []);

    /// <summary>What is wrong with this profile, one (property, reason) per problem.</summary>
    public IReadOnlyList<(string Property, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (ValidityHours <= 0)
        {
            problems.Add(("validityPeriodHours", $"must be positive, got {ValidityHours}"));
        }

        if (PathLength is < 0)
        {
            problems.Add(("maxPathLength", $"must not be negative, got {PathLength}"));
        }

        if (PathLength is not null && !IsCertificateAuthority)
        {
            problems.Add(("maxPathLength", "a path length only applies to a CA certificate (isCaCertificate: true)"));
        }

        foreach (var use in AllowedUses.Where(u => !CertificateUses.IsKnown(u)))
        {
            problems.Add(("allowedUses", $"unknown use '{use}'; known: {string.Join(", ", CertificateUses.All)}"));
        }

        if (IsCertificateAuthority && !AllowedUses.Contains(CertificateUses.CertSigning))
        {
            problems.Add(("allowedUses", $"a CA certificate needs '{CertificateUses.CertSigning}' (x509 strict verification requires keyCertSign)"));
        }

        foreach (var ip in IpAddresses.Where(a => !IsCanonicalIp(a)))
        {
            problems.Add(("ipAddresses", $"'{ip}' is not an IP address (IPv4 as four decimal octets without leading zeros, or IPv6)"));
        }

        foreach (var dns in DnsNames.Where(d => d.Length == 0 || d.Length > 253 || d.Any(char.IsWhiteSpace)))
        {
            problems.Add(("dnsNames", $"'{dns}' is not a DNS name"));
        }

        if (CommonName.Length == 0 && DnsNames.Count == 0 && IpAddresses.Count == 0)
        {
            problems.Add(("subject", "a certificate needs a common name or at least one subject alternative name"));
        }

        return problems;
    }

    // IPAddress.TryParse reads 010.0.0.1 as octal 8.0.0.1: a certificate would then name another host.
    private static bool IsCanonicalIp(string text) =>
        text.Contains(':', StringComparison.Ordinal)
            ? System.Net.IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : Ipv4Notation.TryParseAddress(text, out _, out _);
}
