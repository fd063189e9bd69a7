using Kubedos.Engine.Model;
using Kubedos.Pki;
using Kubedos.Providers.Tls;

namespace Kubedos.Components.Trust;

/// <summary>
/// The <c>to-fu</c> model, only when the operator set <c>kubedos:pki.allowToFu</c>: a root and intermediate minted inside
/// the engine (both keys then live in state as secrets; that is the risk the operator accepted).
/// </summary>
internal sealed record MintedAuthority(
    Output<string> RootCertPem, Output<string> IntermediateCertPem, Output<string> IntermediateKeyPem, Output<string> RootPin, Output<string> CaPin)
{
    private const int RootHours = 10 * 365 * 24;
    private const int IntermediateHours = 2 * 365 * 24;

    public static MintedAuthority Create(string cluster, ResourceOptions child)
    {
        var rootKey = new PrivateKey("to-fu-root", new PrivateKeyArgs(), child);
        var root = new SelfSignedCert("to-fu-root", new SelfSignedCertArgs
        {
            PrivateKeyPem = rootKey.PrivateKeyPem,
            Subject = new SubjectArgs { CommonName = $"Kubedos {cluster} to-fu root CA", Organizations = ["kubedos"] },
            ValidityPeriodHours = RootHours,
            IsCaCertificate = true,
            MaxPathLength = OfflineRoot.RootPathLength,
            AllowedUses = [CertificateUses.CertSigning, CertificateUses.CrlSigning, CertificateUses.DigitalSignature],
        }, child);
        var intermediateKey = new PrivateKey("to-fu-intermediate", new PrivateKeyArgs(), child);
        var request = new CertRequest("to-fu-intermediate", new CertRequestArgs
        {
            PrivateKeyPem = intermediateKey.PrivateKeyPem,
            Subject = new SubjectArgs { CommonName = $"Kubedos {cluster} intermediate CA", Organizations = ["kubedos"] },
        }, child);
        var intermediate = new LocallySignedCert("to-fu-intermediate", new LocallySignedCertArgs
        {
            CertRequestPem = request.CertRequestPem,
            CaCertPem = root.CertPem,
            CaPrivateKeyPem = rootKey.PrivateKeyPem,
            ValidityPeriodHours = IntermediateHours,
            EarlyRenewalHours = IntermediateHours / 3,
            IsCaCertificate = true,
            MaxPathLength = ClusterAuthority.IntermediatePathLength,
            AllowedUses = [CertificateUses.CertSigning, CertificateUses.CrlSigning, CertificateUses.DigitalSignature],
        }, child);
        return new MintedAuthority(root.CertPem, intermediate.CertPem, intermediateKey.PrivateKeyPem, root.PublicKeyPin, intermediate.PublicKeyPin);
    }
}
