using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>A certificate request whose signature has been verified: the requester holds the key.</summary>
/// <param name="Subject">The subject the requester asked for.</param>
/// <param name="CommonName">The subject's CN (empty when it has none).</param>
/// <param name="PublicKey">The key the request was signed with; an issued certificate binds this key.</param>
/// <param name="DnsNames">DNS SANs the requester asked for.</param>
/// <param name="IpAddresses">IP SANs the requester asked for.</param>
public sealed record SigningRequest(
    X500DistinguishedName Subject,
    string CommonName,
    PublicKey PublicKey,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses)
{
    /// <summary>The kubeadm-style pin of the requested key.</summary>
    public string PublicKeyPin => SpkiPin.OfSubjectPublicKeyInfo(PublicKey.ExportSubjectPublicKeyInfo());
}
