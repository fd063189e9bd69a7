using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>The names of key usages and extended key usages (Terraform's and Pulumi's tls names).</summary>
public static class CertificateUses
{
    public const string DigitalSignature = "digital_signature";
    public const string ContentCommitment = "content_commitment";
    public const string KeyEncipherment = "key_encipherment";
    public const string DataEncipherment = "data_encipherment";
    public const string KeyAgreement = "key_agreement";
    public const string CertSigning = "cert_signing";
    public const string CrlSigning = "crl_signing";
    public const string ServerAuth = "server_auth";
    public const string ClientAuth = "client_auth";
    public const string CodeSigning = "code_signing";
    public const string EmailProtection = "email_protection";
    public const string Timestamping = "timestamping";
    public const string OcspSigning = "ocsp_signing";

    private static readonly Dictionary<string, X509KeyUsageFlags> KeyUsages = new(StringComparer.Ordinal)
    {
        [DigitalSignature] = X509KeyUsageFlags.DigitalSignature,
        [ContentCommitment] = X509KeyUsageFlags.NonRepudiation,
        [KeyEncipherment] = X509KeyUsageFlags.KeyEncipherment,
        [DataEncipherment] = X509KeyUsageFlags.DataEncipherment,
        [KeyAgreement] = X509KeyUsageFlags.KeyAgreement,
        [CertSigning] = X509KeyUsageFlags.KeyCertSign,
        [CrlSigning] = X509KeyUsageFlags.CrlSign,
    };

    private static readonly Dictionary<string, string> ExtendedUsages = new(StringComparer.Ordinal)
    {
        [ServerAuth] = "1.3.6.1.5.5.7.3.1",
        [ClientAuth] = "1.3.6.1.5.5.7.3.2",
        [CodeSigning] = "1.3.6.1.5.5.7.3.3",
        [EmailProtection] = "1.3.6.1.5.5.7.3.4",
        [Timestamping] = "1.3.6.1.5.5.7.3.8",
        [OcspSigning] = "1.3.6.1.5.5.7.3.9",
    };

    /// <summary>Every known name, key usages first.</summary>
    public static IEnumerable<string> All => KeyUsages.Keys.Concat(ExtendedUsages.Keys);

    /// <summary>True when <paramref name="use"/> is a known name.</summary>
    public static bool IsKnown(string use) => KeyUsages.ContainsKey(use) || ExtendedUsages.ContainsKey(use);

    /// <summary>The keyUsage bits the names ask for.</summary>
    internal static X509KeyUsageFlags KeyUsageFlags(IEnumerable<string> uses) =>
        uses.Where(KeyUsages.ContainsKey).Aggregate(X509KeyUsageFlags.None, (flags, use) => flags | KeyUsages[use]);

    /// <summary>The extendedKeyUsage OIDs the names ask for.</summary>
    internal static OidCollection ExtendedKeyUsageOids(IEnumerable<string> uses)
    {
        var oids = new OidCollection();
        foreach (var use in uses.Where(ExtendedUsages.ContainsKey).Distinct(StringComparer.Ordinal))
        {
            oids.Add(new Oid(ExtendedUsages[use]));
        }

        return oids;
    }
}
