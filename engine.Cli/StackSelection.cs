using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Cli;

/// <summary>Which stack a verb acts on: <c>--stack</c>, else <c>KUBEDOS_STACK</c>, else the one <c>kubedos stack select</c> chose.</summary>
/// <remarks>The selection lives in <c>&lt;project&gt;/.kubedos/workspace.json</c> (git-ignored), like Pulumi's per-project workspace file.</remarks>
internal static class StackSelection
{
    internal const string StackVariable = "KUBEDOS_STACK";

    internal static string FileIn(string workDir) => Path.Combine(workDir, ".kubedos", "workspace.json");

    /// <summary>The stack to act on, or null when none is given or selected.</summary>
    internal static string? Resolve(string? option, ProgramHost host) =>
        option ?? NonEmpty(host.ResolvedEnvironment(StackVariable)) ?? Selected(host.WorkDir);

    /// <summary>The selected stack, or null.</summary>
    internal static string? Selected(string workDir)
    {
        var file = FileIn(workDir);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(file))?["stack"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // A damaged selection is not worth failing over: the person picks the stack again.
            return null;
        }
    }

    /// <summary>Selects <paramref name="stack"/> (null clears the selection).</summary>
    internal static void Select(string workDir, string? stack)
    {
        var file = FileIn(workDir);
        if (stack is null)
        {
            File.Delete(file);
            return;
        }

        // Atomic: concurrent `stack init`s leave one whole selection, never a torn file.
        DurableFileSystem.Instance.WriteAtomically(file, Encoding.UTF8.GetBytes(new JsonObject { ["stack"] = stack }.ToJsonString() + "\n"));
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
