using System.Collections.Immutable;

namespace Kubedos.Engine.Providers;

/// <summary>The providers a workspace's deployments use, compiled in: one default per package, plus named instances.</summary>
/// <remarks>
/// A resource uses its package's default provider unless its <c>Provider</c> option names an
/// instance added with <see cref="Add(string, IResourceProvider)"/>. The registry is immutable:
/// each <c>Add</c> returns a new one, so workspaces can share a base registry safely.
/// </remarks>
public sealed class ProviderRegistry
{
    private readonly ImmutableDictionary<string, IResourceProvider> _defaults;
    private readonly ImmutableDictionary<string, IResourceProvider> _named;

    private ProviderRegistry(ImmutableDictionary<string, IResourceProvider> defaults, ImmutableDictionary<string, IResourceProvider> named)
    {
        _defaults = defaults;
        _named = named;
    }

    /// <summary>A registry with no providers.</summary>
    public static ProviderRegistry Empty { get; } = new(
        ImmutableDictionary.Create<string, IResourceProvider>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, IResourceProvider>(StringComparer.Ordinal));

    /// <summary>A registry of these providers as their packages' defaults.</summary>
    public static ProviderRegistry Of(params IResourceProvider[] providers) =>
        providers.Aggregate(Empty, (registry, p) => registry.Add(p));

    /// <summary>This registry with <paramref name="provider"/> as its package's default.</summary>
    public ProviderRegistry Add(IResourceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (_defaults.ContainsKey(provider.Package))
        {
            throw new ArgumentException($"package '{provider.Package}' already has a default provider", nameof(provider));
        }

        return new(_defaults.Add(provider.Package, provider), _named);
    }

    /// <summary>This registry with a named provider instance that resources select with the <c>Provider</c> option.</summary>
    public ProviderRegistry Add(string name, IResourceProvider provider)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(provider);
        return new(_defaults, _named.SetItem(name, provider));
    }

    /// <summary>The packages with a default provider.</summary>
    public IEnumerable<string> Packages => _defaults.Keys.Order(StringComparer.Ordinal);

    /// <summary>True when <paramref name="package"/> has a default provider.</summary>
    internal bool HasPackage(string package) => _defaults.ContainsKey(package);

    /// <summary>The provider for <paramref name="type"/> (or the named instance) and its reference as recorded in state.</summary>
    internal (IResourceProvider Provider, string Reference) Resolve(string stack, string project, string type, string? name)
    {
        var package = type.Split(':')[0];
        if (name is not null)
        {
            if (!_named.TryGetValue(name, out var named))
            {
                throw new ProviderException($"no provider instance named '{name}' is registered (known: {string.Join(", ", _named.Keys)})");
            }

            if (named.Package != package)
            {
                throw new ProviderException($"provider instance '{name}' serves package '{named.Package}', not '{package}' of type '{type}'");
            }

            return (named, $"urn:pulumi:{stack}::{project}::pulumi:providers:{package}::{name}::{name}");
        }

        return _defaults.TryGetValue(package, out var provider)
            ? (provider, $"urn:pulumi:{stack}::{project}::pulumi:providers:{package}::default::default")
            : throw new ProviderException($"no provider is registered for package '{package}' (type '{type}'); registered: {string.Join(", ", Packages)}");
    }

    /// <summary>The provider a recorded reference names (for deleting and reading resources no longer in the program).</summary>
    internal IResourceProvider ResolveReference(string type, string? reference)
    {
        var package = type.Split(':')[0];
        if (reference is not null)
        {
            var parts = reference.Split("::");
            var name = parts.Length >= 2 ? parts[^1] : "default";
            if (name != "default")
            {
                return _named.TryGetValue(name, out var named)
                    ? named
                    : throw new ProviderException($"the state names provider instance '{name}' for a '{type}' resource, but no such instance is registered");
            }
        }

        return _defaults.TryGetValue(package, out var provider)
            ? provider
            : throw new ProviderException($"no provider is registered for package '{package}' (type '{type}'); registered: {string.Join(", ", Packages)}");
    }
}
