using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>A shell script the operator's side runs (<see cref="IOperatorAccess.Run"/>).</summary>
/// <param name="Script">The script (<c>sh</c>); it must exit 0.</param>
internal sealed record OperatorScript(Input<string> Script)
{
    /// <summary>Variables the script reads (secrets travel here, never in the script).</summary>
    public IReadOnlyDictionary<string, Input<string>> Environment { get; init; } = new Dictionary<string, Input<string>>(StringComparer.Ordinal);

    /// <summary>Values whose change runs it again.</summary>
    public IReadOnlyList<Input<string>> Triggers { get; init; } = [];

    /// <summary>A read-only check run at every preview and up while the command is unchanged; when it fails, the command is replaced (runs again). Null checks nothing.</summary>
    public Input<string>? Verify { get; init; }
}
