using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>Inputs of <see cref="RemoteCommand"/>.</summary>
public sealed class RemoteCommandArgs : ResourceArgs
{
    public required RemoteConnectionArgs Connection { get; init; }

    public required Input<string> Create { get; init; }

    public Input<string>? Update { get; init; }

    public Input<string>? Delete { get; init; }

    public IReadOnlyDictionary<string, Input<string>>? Environment { get; init; }

    public IReadOnlyList<Input<string>>? Triggers { get; init; }
}
