using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary><c>tls:index:CertRequest</c>: a PKCS#10 request signed by the key, for a CA to sign.</summary>
public sealed class CertRequest : CustomResource
{
    public CertRequest(string name, CertRequestArgs args, ResourceOptions? options = null)
        : base("tls:index:CertRequest", name, args, options)
    {
    }

    public Output<string> CertRequestPem { get; private set; } = null!;

    public Output<string> PublicKeyPin { get; private set; } = null!;
}
