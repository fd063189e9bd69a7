using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <see cref="CertRequest"/>: the subject and SANs the signed certificate will carry.</summary>
public sealed class CertRequestArgs : ResourceArgs
{
    [Secret]
    public required Input<string> PrivateKeyPem { get; init; }

    public SubjectArgs? Subject { get; init; }

    public IReadOnlyList<Input<string>>? DnsNames { get; init; }

    public IReadOnlyList<Input<string>>? IpAddresses { get; init; }
}
