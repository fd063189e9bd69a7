namespace Kubedos.Engine.Model;

/// <summary>A program refuses to run because of what it was given; each of <see cref="Problems"/> is reported as its own failure.</summary>
/// <remarks>Throw it (or a subclass) from a program for every problem at once, each with its location, instead of one message holding them all.</remarks>
public class ProgramException : Exception
{
    public ProgramException()
    {
    }

    public ProgramException(string message)
        : base(message) => Problems = [new ProgramProblem(message)];

    public ProgramException(string message, Exception innerException)
        : base(message, innerException) => Problems = [new ProgramProblem(message)];

    public ProgramException(string message, IReadOnlyList<ProgramProblem> problems)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
    }

    /// <summary>Every problem, in the order a person should fix them.</summary>
    public IReadOnlyList<ProgramProblem> Problems { get; } = [];
}
