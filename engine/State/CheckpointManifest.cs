namespace Kubedos.Engine.State;

/// <summary>The checkpoint's manifest: when it was written and by what.</summary>
public sealed record CheckpointManifest(DateTimeOffset Time, string Magic, string Version)
{
    public const string EngineVersion = "kubedos-engine/1";

    public static CheckpointManifest At(DateTimeOffset time) => new(time, Magic: "kubedos", EngineVersion);
}
