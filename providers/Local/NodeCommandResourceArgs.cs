using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Command</c> (see <see cref="NodeCommandResource"/>).</summary>
public sealed class NodeCommandResourceArgs : ResourceArgs
{
    /// <summary>The node (its name) to run on.</summary>
    public Input<string> Node { get; init; } = null!;

    /// <summary>argv run once when the resource is created (or replaced); it must exit 0.</summary>
    public IReadOnlyList<Input<string>> Create { get; init; } = [];

    /// <summary>argv run on delete while the node still runs; null runs nothing.</summary>
    public IReadOnlyList<Input<string>>? Delete { get; init; }

    /// <summary>Variables for both commands.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Environment { get; init; }

    /// <summary>Values whose change re-runs the command (replaces the resource).</summary>
    public IReadOnlyList<Input<string>>? Triggers { get; init; }

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the node's <c>labOwner</c> output); required: another state's node is refused.</summary>
    public Input<string>? LabOwner { get; init; }
}
