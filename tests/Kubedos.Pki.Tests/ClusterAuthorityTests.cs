using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki.Tests;

public sealed class ClusterAuthorityTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void FromPem_IntermediateSignedByRoot_IssuesNodeCertificatesForItsRole()
    {
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("root", 24 * 3650, 1), Now);
        var (intermediate, key) = ClusterAuthority.CreateIntermediate(root, rootKey, "lab-01", 24 * 365, Now);

        using var authority = ClusterAuthority.FromPem(CertificateIssuer.ToPem(root), CertificateIssuer.ToPem(intermediate), key.ExportPrivateKeyPem());
        using var nodeKey = PrivateKeyMaterial.Generate(KeyAlgorithm.Rsa2048);
        using var node = authority.IssueNode(
            PublicKey.CreateFromSubjectPublicKeyInfo(nodeKey.ExportSubjectPublicKeyInfo(), out _), "cp-1",
            [IPAddress.Parse("10.10.1.11"), IPAddress.Parse("10.10.2.11")], TimeSpan.FromDays(90), Now);

        Assert.Equal(SpkiPin.Of(intermediate), authority.CaPin);
        Assert.Equal(SpkiPin.Of(root), authority.RootPin);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, node.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(["10.10.1.11", "10.10.2.11"], node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.Equal(Now.ToUnixTimeSeconds() + (90 * 86400), new DateTimeOffset(node.NotAfter).ToUnixTimeSeconds());
        key.Dispose();
        intermediate.Dispose();
    }

    [Fact]
    public void FromPem_IntermediateOfAnotherRoot_Refused()
    {
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("root", 24 * 3650, 1), Now);
        using var otherKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var other = CertificateIssuer.SelfSign(otherKey, CertificateProfile.Authority("root", 24 * 3650, 1), Now);
        var (intermediate, key) = ClusterAuthority.CreateIntermediate(other, otherKey, "lab-01", 24 * 365, Now);

        Assert.Throws<ArgumentException>(() =>
            ClusterAuthority.FromPem(CertificateIssuer.ToPem(root), CertificateIssuer.ToPem(intermediate), key.ExportPrivateKeyPem()));
        key.Dispose();
        intermediate.Dispose();
    }
}
