using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>A stack's state, shaped like Pulumi's deployment v3: resources in dependency order and pending operations.</summary>
public sealed record Checkpoint(
    CheckpointManifest Manifest,
    SecretsProviderState? SecretsProviders,
    ImmutableList<ResourceState> Resources,
    ImmutableList<PendingOperation> PendingOperations)
{
    /// <summary>The checkpoint version this engine writes (deployment v3).</summary>
    public const int Version = 3;

    /// <summary>A checkpoint with no resources.</summary>
    public static Checkpoint Empty(DateTimeOffset time) => new(CheckpointManifest.At(time), null, [], []);

    /// <summary>The live (not awaiting deletion) resource with <paramref name="urn"/>, or null.</summary>
    public ResourceState? Find(Urn urn) => Resources.FirstOrDefault(r => r.Urn == urn && !r.Delete);
}
