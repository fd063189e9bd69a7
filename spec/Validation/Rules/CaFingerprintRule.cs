using Kubedos.Pki;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>A CA pin is a well-formed SHA-256 SPKI pin, and the CA-based models have one.</summary>
internal sealed class CaFingerprintRule : ISpecRule
{
    public string Id => "ca-fingerprint";

    public string Summary => "security.bootstrap.caFingerprint is sha256:<64 lower-case hex digits> (the form the trust stage compares), and is set for the pinned-ca model.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var bootstrap = document.Spec.Security.Bootstrap;
        const string path = "spec.security.bootstrap.caFingerprint";
        if (bootstrap.CaFingerprint is null)
        {
            // offline-ca may leave the pin out: the operator hands over the root certificate itself.
            if (bootstrap.Model == BootstrapModel.PinnedCa)
            {
                yield return new SpecFinding("spec.security.bootstrap", "bootstrap model 'pinned-ca' needs caFingerprint: sha256:<hex of the root CA's SubjectPublicKeyInfo>");
            }
        }
        else if (!SpkiPin.IsWellFormed(bootstrap.CaFingerprint))
        {
            yield return new SpecFinding(path, $"caFingerprint '{bootstrap.CaFingerprint}' is not sha256: followed by 64 lower-case hex digits");
        }
    }
}
