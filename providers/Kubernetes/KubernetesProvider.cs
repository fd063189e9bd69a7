using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Kubernetes;

/// <summary>
/// The <c>kubernetes</c> provider as Pulumi.Kubernetes runs it with <c>renderYamlToDirectory</c>: manifests are
/// written as YAML files for review and a later apply, never sent to an API server.
/// </summary>
public static class KubernetesProvider
{
    /// <summary>The package.</summary>
    public static ProviderPackage Create() => new("kubernetes", new RenderedFileHandler());
}
