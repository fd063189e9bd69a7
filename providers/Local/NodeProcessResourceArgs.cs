using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Process</c> (see <see cref="NodeProcessResource"/>).</summary>
public sealed class NodeProcessResourceArgs : ResourceArgs
{
    /// <summary>The node (its name) to run on.</summary>
    public Input<string> Node { get; init; } = null!;

    /// <summary>The process name (a DNS label): its PID file and log are named after it.</summary>
    public Input<string> Name { get; init; } = null!;

    /// <summary>argv of a program that stays in the foreground.</summary>
    public IReadOnlyList<Input<string>> Command { get; init; } = [];

    /// <summary>Variables for the program.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Environment { get; init; }

    /// <summary>Values whose change restarts the program.</summary>
    public IReadOnlyList<Input<string>>? Triggers { get; init; }

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the node's <c>labOwner</c> output); required: another state's node is refused.</summary>
    public Input<string>? LabOwner { get; init; }
}
