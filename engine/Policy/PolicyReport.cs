using Kubedos.Engine.Model;

namespace Kubedos.Engine.Policy;

/// <summary>Where a policy reports its violations while it validates.</summary>
public sealed class PolicyReport
{
    private readonly List<(string Message, Urn? Urn)> found = [];

    internal PolicyReport(Urn? defaultUrn)
    {
        DefaultUrn = defaultUrn;
    }

    /// <summary>The resource a violation is about when none is named (the validated resource), or null for stack policies.</summary>
    public Urn? DefaultUrn { get; }

    internal IReadOnlyList<(string Message, Urn? Urn)> Found => found;

    /// <summary>Reports a violation with <paramref name="message"/>, about <paramref name="urn"/> (or the validated resource).</summary>
    public void Violation(string message, Urn? urn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        found.Add((message, urn ?? DefaultUrn));
    }
}
