using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <see cref="PrivateKey"/>.</summary>
public sealed class PrivateKeyArgs : ResourceArgs
{
    /// <summary><c>ECDSA</c> (default) or <c>RSA</c>.</summary>
    public Input<string>? Algorithm { get; init; }

    /// <summary><c>P256</c> (default) or <c>P384</c>.</summary>
    public Input<string>? EcdsaCurve { get; init; }

    /// <summary>2048 (default) or 4096.</summary>
    public Input<int>? RsaBits { get; init; }
}
