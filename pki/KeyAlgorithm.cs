namespace Kubedos.Pki;

/// <summary>The key types the tls provider generates.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 (the default: small, fast, accepted everywhere Kubernetes runs).</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384.</summary>
    EcdsaP384,

    /// <summary>RSA with a 2048-bit modulus.</summary>
    Rsa2048,

    /// <summary>RSA with a 4096-bit modulus.</summary>
    Rsa4096,
}
