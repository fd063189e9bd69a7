using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary><c>tls:index:PrivateKey</c>: a key that lives only in the (encrypted) state; <see cref="PrivateKeyPem"/> is secret.</summary>
public sealed class PrivateKey : CustomResource
{
    public PrivateKey(string name, PrivateKeyArgs? args = null, ResourceOptions? options = null)
        : base("tls:index:PrivateKey", name, args ?? new PrivateKeyArgs(), options)
    {
    }

    public Output<string> Algorithm { get; private set; } = null!;

    /// <summary>PKCS#8 PEM. A secret.</summary>
    public Output<string> PrivateKeyPem { get; private set; } = null!;

    public Output<string> PublicKeyPem { get; private set; } = null!;

    /// <summary><c>sha256:&lt;hex&gt;</c> of the SubjectPublicKeyInfo (kubeadm's pin).</summary>
    public Output<string> PublicKeyPin { get; private set; } = null!;
}
