namespace Kubedos.Engine.Automation;

/// <summary>An operation finished with failures; <see cref="Result"/> holds every one and what did happen.</summary>
public sealed class UpdateFailedException : Exception
{
    public UpdateFailedException()
    {
    }

    public UpdateFailedException(string message)
        : base(message)
    {
    }

    public UpdateFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UpdateFailedException(UpdateResult result)
        : base(Describe(result)) => Result = result;

    public UpdateResult? Result { get; }

    private static string Describe(UpdateResult result) =>
        $"{result.Summary.Kind.ToString().ToLowerInvariant()} failed with {result.Summary.Failures.Length} error(s):"
        + string.Concat(result.Summary.Failures.Select(f => Environment.NewLine + "  " + f));
}
