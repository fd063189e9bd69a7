using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>
/// What a stack may be called: a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, 1 to 63
/// characters). One rule for every verb, so that no name passes <c>stack init</c> or <c>preview</c> that <c>up</c> refuses.
/// </summary>
/// <remarks>
/// The strictest of the places a stack name goes: the local substrate names network namespaces and lab directories after
/// it (<c>kd.&lt;stack&gt;.&lt;node&gt;</c>, <c>LabNames</c>), which is stricter than the file backend's
/// letters, digits, '-', '_' and '.'.
/// </remarks>
public static class StackNameRule
{
    /// <summary>The rule in words, for messages.</summary>
    public const string Description = StackNames.Description;

    /// <summary>True when <paramref name="name"/> is a valid stack name.</summary>
    public static bool IsValid(string? name) => StackNames.IsValid(name);

    /// <summary>Why <paramref name="name"/> is not a valid stack name, or null when it is.</summary>
    public static string? Problem(string? name) => StackNames.Problem(name);
}
