using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>The <c>pinned-ca</c> bootstrap model: the CA the operator supplies must have the spec's <c>caFingerprint</c>.</summary>
public static class PinnedCa
{
    /// <summary>Reads the CA certificate and checks its pin.</summary>
    /// <param name="expectedPin">The spec's <c>security.bootstrap.caFingerprint</c> (<c>sha256:&lt;hex&gt;</c>).</param>
    /// <param name="certificatePem">The supplied CA certificate.</param>
    /// <param name="source">Where the certificate came from (a path), for the message.</param>
    /// <exception cref="CaPinMismatchException">Malformed pin, not a CA certificate, or a different key.</exception>
    public static X509Certificate2 Require(string expectedPin, string certificatePem, string source)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        if (!SpkiPin.IsWellFormed(expectedPin))
        {
            throw new CaPinMismatchException($"caFingerprint '{expectedPin}' is not sha256:<64 lower-case hex digits> (the SPKI pin kubeadm prints)");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new CaPinMismatchException($"{source} holds no PEM certificate: {e.Message}");
        }

        if (!certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            var subject = certificate.Subject;
            certificate.Dispose();
            throw new CaPinMismatchException($"{source} ('{subject}') is not a CA certificate");
        }

        var actual = SpkiPin.Of(certificate);
        if (!SpkiPin.Matches(expectedPin, actual))
        {
            certificate.Dispose();
            throw new CaPinMismatchException(
                $"the CA in {source} has pin {actual}, but caFingerprint is {expectedPin}: refusing a CA the spec does not name");
        }

        return certificate;
    }
}
