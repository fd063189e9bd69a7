namespace Kubedos.Engine.Providers;

/// <summary>What changed: the changed top-level keys, those that force replacement (with reasons), and whether to delete before replacing.</summary>
public sealed record DiffResponse(
    DiffChanges Changes,
    IReadOnlyList<string> ChangedKeys,
    IReadOnlyList<ReplaceReason> ReplaceKeys,
    bool DeleteBeforeReplace = false)
{
    /// <summary>No change.</summary>
    public static DiffResponse NoChange { get; } = new(DiffChanges.None, [], []);

    /// <summary>True when the change needs a replacement rather than an update.</summary>
    public bool RequiresReplace => ReplaceKeys.Count > 0;
}
