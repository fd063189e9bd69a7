using System.Collections.Immutable;

namespace Kubedos.Engine.State;

/// <summary>A checkpoint fails <see cref="CheckpointIntegrity"/> (Pulumi's "snapshot integrity failure"); carries every violation.</summary>
public sealed class CheckpointIntegrityException : StateException
{
    /// <summary>How many violations the message lists; all of them are in <see cref="Violations"/>.</summary>
    private const int Shown = 10;

    public CheckpointIntegrityException(string source, IReadOnlyList<CheckpointIntegrityViolation> violations, string remedy)
        : base(Describe(source, violations, remedy))
    {
        Origin = source;
        Violations = [.. violations];
    }

    /// <summary>Where the checkpoint came from: the stack file, or the imported file.</summary>
    public string Origin { get; }

    public ImmutableArray<CheckpointIntegrityViolation> Violations { get; }

    private static string Describe(string source, IReadOnlyList<CheckpointIntegrityViolation> violations, string remedy)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var lines = violations.Take(Shown).Select(v => $"\n  {v}");
        var more = violations.Count > Shown ? $"\n  ... and {violations.Count - Shown} more" : string.Empty;
        return $"snapshot integrity failure: {source}: {violations.Count} problem(s):{string.Concat(lines)}{more}\n{remedy}";
    }
}
