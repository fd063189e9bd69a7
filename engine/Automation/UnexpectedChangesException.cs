namespace Kubedos.Engine.Automation;

/// <summary>An operation run with <c>ExpectNoChanges</c> found changes; <see cref="Result"/> says which ops and how many.</summary>
public sealed class UnexpectedChangesException : Exception
{
    public UnexpectedChangesException()
    {
    }

    public UnexpectedChangesException(string message)
        : base(message)
    {
    }

    public UnexpectedChangesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Changes were proposed (<paramref name="applied"/> false: nothing was changed) or occurred.</summary>
    public UnexpectedChangesException(UpdateResult result, bool applied)
        : base(Describe(result, applied))
    {
        Result = result;
        Applied = applied;
    }

    /// <summary>The run that found the changes.</summary>
    public UpdateResult? Result { get; }

    /// <summary>True when the changes were made (they appeared only after the preview), false when nothing was changed.</summary>
    public bool Applied { get; }

    private static string Describe(UpdateResult result, bool applied) =>
        $"no changes were expected but changes {(applied ? "occurred" : "were proposed")}: "
        + string.Join(", ", result.Summary.ResourceChanges.Where(c => c.Key != "same" && c.Value > 0).Select(c => $"{c.Key} {c.Value}"));
}
