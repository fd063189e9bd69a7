using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Pki;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Trust;

/// <summary>The operator's root and intermediate, checked against the spec's bootstrap model before anything is issued.</summary>
/// <param name="RootCertPem">The offline root.</param>
/// <param name="IntermediateCertPem">The cluster intermediate it signed.</param>
/// <param name="RootPin">The root's SPKI pin.</param>
/// <param name="CaPin">The intermediate's SPKI pin: what enrollment clients check the service against.</param>
internal sealed record TrustAnchor(string RootCertPem, string IntermediateCertPem, string RootPin, string CaPin)
{
    public const string ModelField = "security.bootstrap.model";
    public const string FingerprintField = "security.bootstrap.caFingerprint";

    /// <summary>
    /// Checks <paramref name="material"/> for <paramref name="bootstrap"/>: <c>offline-ca</c> and <c>pinned-ca</c> need the
    /// root, an intermediate it signed and that intermediate's key; <c>pinned-ca</c> (and <c>offline-ca</c> when a
    /// fingerprint is given) needs the root to have <c>caFingerprint</c>. <c>to-fu</c> is refused here; the caller mints a CA
    /// only when the operator allowed it.
    /// </summary>
    /// <param name="bootstrap">The spec's bootstrap section.</param>
    /// <param name="material">The operator's root, intermediate and intermediate key.</param>
    /// <param name="signsEtcdCa">The intermediate must sign the etcd CA (Kubernetes enabled): its path length must allow a CA beneath it.</param>
    public static TrustAnchor Verify(BootstrapSpec bootstrap, TrustMaterial material, bool signsEtcdCa = false)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(material);
        if (bootstrap.Model == BootstrapModel.ToFu)
        {
            throw new TrustBootstrapException(ModelField,
                $"to-fu trusts whatever CA answers first and is refused; use offline-ca or pinned-ca, or set `kubedos config set {TrustMaterial.AllowToFuKey} true` to accept the risk");
        }

        var model = bootstrap.Model == BootstrapModel.PinnedCa ? "pinned-ca" : "offline-ca";
        var missing = Missing(material);
        if (missing.Count > 0)
        {
            // Every missing key at once: a fresh stack lacks all three, and fixing them one run at a time is three failed runs.
            throw new TrustBootstrapException(missing[0],
                $"{model} needs the cluster's trust material, and config {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set: "
                + $"create a root and cluster intermediate with `kubedos pki init-offline-root --out DIR --cluster NAME` (DIR outside the project), "
                + $"then run the `kubedos config set` lines it prints ({TrustMaterial.RootCertKey} <path to root-ca.pem>, {TrustMaterial.IntermediateCertKey} <path to intermediate-ca.pem>, "
                + $"--secret {TrustMaterial.IntermediateKeyKey} < intermediate-ca.key)");
        }

        var root = material.RootCertPem!;
        var intermediate = material.IntermediateCertPem!;

        string rootPin;
        string caPin;
        try
        {
            using var authority = ClusterAuthority.FromPem(root, intermediate, material.IntermediateKeyText());
            if (!authority.Root.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
            {
                throw new TrustBootstrapException(TrustMaterial.RootCertKey, $"{material.RootSource} ('{authority.Root.Subject}') is not a CA certificate");
            }

            rootPin = authority.RootPin;
            caPin = authority.CaPin;
            var constraints = authority.Intermediate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (signsEtcdCa && constraints is { HasPathLengthConstraint: true, PathLengthConstraint: 0 })
            {
                throw new TrustBootstrapException(TrustMaterial.IntermediateCertKey,
                    $"'{authority.Intermediate.Subject}' has path length 0, so it cannot sign the etcd CA that kubernetes.enabled needs beneath it; "
                    + "make a new root and intermediate with `kubedos pki init-offline-root --out DIR --cluster NAME` (its intermediates allow one CA beneath them) and set the config keys it prints");
            }

        }
        catch (ArgumentException e)
        {
            // ArgumentException messages from the authority name certificates and keys by subject, never by content.
            var key = e.ParamName == "intermediatePem" ? TrustMaterial.IntermediateCertKey : TrustMaterial.IntermediateKeyKey;
            throw new TrustBootstrapException(key, e.Message);
        }
        catch (CryptographicException)
        {
            throw new TrustBootstrapException(TrustMaterial.RootCertKey,
                $"the root, the intermediate or the intermediate key ({TrustMaterial.RootCertKey}, {TrustMaterial.IntermediateCertKey}, {TrustMaterial.IntermediateKeyKey}) is not valid PEM");
        }

        if (bootstrap.Model == BootstrapModel.PinnedCa && string.IsNullOrEmpty(bootstrap.CaFingerprint))
        {
            throw new TrustBootstrapException(FingerprintField, $"pinned-ca needs the root's pin; the supplied root has {rootPin}");
        }

        if (!string.IsNullOrEmpty(bootstrap.CaFingerprint))
        {
            if (!SpkiPin.IsWellFormed(bootstrap.CaFingerprint))
            {
                throw new TrustBootstrapException(FingerprintField, $"'{bootstrap.CaFingerprint}' is not sha256:<64 lower-case hex digits>");
            }

            if (!SpkiPin.Matches(bootstrap.CaFingerprint, rootPin))
            {
                throw new TrustBootstrapException(FingerprintField,
                    $"is {bootstrap.CaFingerprint}, but the root in {material.RootSource} has pin {rootPin}: refusing a CA the spec does not name");
            }
        }

        return new TrustAnchor(root, intermediate, rootPin, caPin);
    }

    private static List<string> Missing(TrustMaterial material)
    {
        var missing = new List<string>();
        if (material.RootCertPem is null)
        {
            missing.Add(TrustMaterial.RootCertKey);
        }

        if (material.IntermediateCertPem is null)
        {
            missing.Add(TrustMaterial.IntermediateCertKey);
        }

        if (!material.HasIntermediateKey)
        {
            missing.Add(TrustMaterial.IntermediateKeyKey);
        }

        return missing;
    }
}
