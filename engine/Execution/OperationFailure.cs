using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Engine.Execution;

/// <summary>One failure of an operation: the resource (when one is to blame) and what went wrong.</summary>
/// <param name="Urn">The resource to blame, if one is.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="MandatoryPolicy">True when a mandatory policy stopped the operation (nothing failed at a provider).</param>
/// <param name="Source">Where the problem is in a file (a spec line the program rejected), when known.</param>
/// <param name="Rule">The rule broken (a spec rule id), when known.</param>
public sealed record OperationFailure(Urn? Urn, string Message, bool MandatoryPolicy = false, PolicySourceLocation? Source = null, string? Rule = null)
{
    public override string ToString() => Urn is null ? Message : $"{Urn.Value}: {Message}";
}
