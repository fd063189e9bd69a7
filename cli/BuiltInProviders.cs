using Kubedos.Engine.Providers;
using Kubedos.Providers.Command;
using Kubedos.Providers.Kubernetes;
using Kubedos.Providers.Local;
using Kubedos.Providers.Random;
using Kubedos.Providers.Tls;
using Kubedos.Providers.WireGuard;

namespace Kubedos.Cli;

/// <summary>Every provider this build carries: compiled in, so nothing is downloaded at run time (air-gapped by construction).</summary>
internal static class BuiltInProviders
{
    public static ProviderRegistry Create(TimeProvider time) => ProviderRegistry.Of(
        RandomProvider.Create(),
        TlsProvider.Create(time),
        WireGuardProvider.Create(time),
        CommandProvider.Create(),
        LocalProvider.Create(),
        KubernetesProvider.Create());
}
