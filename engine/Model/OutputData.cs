using System.Collections.Immutable;

namespace Kubedos.Engine.Model;

/// <summary>What an output resolves to: its value (default when unknown), knownness, secrecy and the resources it came from.</summary>
internal sealed record OutputData<T>(T Value, bool IsKnown, bool IsSecret, ImmutableHashSet<Resource> Resources)
{
    public static OutputData<T> Known(T value, bool secret = false) => new(value, true, secret, []);

    public static OutputData<T> Unknown(bool secret, ImmutableHashSet<Resource> resources) => new(default!, false, secret, resources);
}
