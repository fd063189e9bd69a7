using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation;

/// <summary>One failure of an operation: the resource (when one is to blame) and what went wrong.</summary>
public sealed record OperationFailure(Urn? Urn, string Message)
{
    public override string ToString() => Urn is null ? Message : $"{Urn.Value}: {Message}";
}
