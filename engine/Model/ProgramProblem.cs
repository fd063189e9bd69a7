
namespace Kubedos.Engine.Model;

/// <summary>One thing wrong with what a program was given (a spec line, a config key), reported as its own failure.</summary>
/// <param name="Message">What a person reads, naming the file:line:col or key (a spec diagnostic as <c>kubedos validate</c> prints it).</param>
/// <param name="Source">Where the problem is, when it is in a file.</param>
/// <param name="Rule">The rule it breaks (a spec rule id), when there is one.</param>
public sealed record ProgramProblem(string Message, PolicySourceLocation? Source = null, string? Rule = null)
{
    public override string ToString() => Message;
}
