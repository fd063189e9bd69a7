using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Tls;

/// <summary>The <c>tls</c> provider: private keys, self-signed and locally signed certificates, requests, revocation lists.</summary>
public static class TlsProvider
{
    /// <summary>The package, with <paramref name="time"/> deciding when certificates are issued and renewed.</summary>
    public static ProviderPackage Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ProviderPackage(
            "tls",
            new PrivateKeyHandler(),
            new SelfSignedCertHandler(time),
            new CertRequestHandler(),
            new LocallySignedCertHandler(time),
            new RevocationListHandler(time));
    }
}
