using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>A state edit (<c>state delete</c>, <c>state unprotect</c>) was refused; names the resource and the rule.</summary>
public sealed class StateSurgeryException : Exception
{
    public StateSurgeryException()
    {
    }

    public StateSurgeryException(string message)
        : base(message)
    {
    }

    public StateSurgeryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal about <paramref name="urn"/>.</summary>
    public StateSurgeryException(Urn urn, string problem)
        : base($"{urn}: {problem}")
    {
        Urn = urn;
        Problem = problem;
    }

    /// <summary>The resource the refusal is about.</summary>
    public Urn? Urn { get; }

    /// <summary>What is wrong, without the URN.</summary>
    public string? Problem { get; }
}
