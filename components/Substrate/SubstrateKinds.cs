using System.Reflection;
using System.Runtime.Serialization;
using Kubedos.Components.Substrate.Local;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Substrate;

/// <summary>The substrate implementations a build knows, by <c>spec.substrate.type</c>.</summary>
internal sealed class SubstrateKinds
{
    private readonly Dictionary<SubstrateType, ISubstrateKind> kinds = [];

    /// <param name="kinds">One implementation per type.</param>
    /// <exception cref="ArgumentException">Two implementations claim one type.</exception>
    public SubstrateKinds(IEnumerable<ISubstrateKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var kind in kinds)
        {
            if (!this.kinds.TryAdd(kind.Type, kind))
            {
                throw new ArgumentException($"two substrate implementations for '{SpecName(kind.Type)}': {this.kinds[kind.Type].GetType().Name} and {kind.GetType().Name}", nameof(kinds));
            }
        }
    }

    /// <summary>The substrates built into this version of kubedos.</summary>
    public static SubstrateKinds BuiltIn { get; } = new([new LocalSubstrateKind()]);

    /// <summary>The implementation of <paramref name="type"/>.</summary>
    /// <exception cref="UnsupportedSubstrateException">No implementation of <paramref name="type"/> is known.</exception>
    public ISubstrateKind For(SubstrateType type) =>
        kinds.TryGetValue(type, out var kind)
            ? kind
            : throw new UnsupportedSubstrateException(SpecName(type), [.. kinds.Keys.Select(SpecName).Order(StringComparer.Ordinal)]);

    /// <summary>The type as the spec writes it (<c>local</c>, <c>proxmox</c>...).</summary>
    public static string SpecName(SubstrateType type) =>
        typeof(SubstrateType).GetField(type.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? type.ToString().ToLowerInvariant();
}
