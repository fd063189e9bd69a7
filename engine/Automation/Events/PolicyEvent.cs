using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation.Events;

/// <summary>A policy violation: the policy, its pack, the enforcement level and the resource it concerns.</summary>
public sealed record PolicyEvent(Urn? ResourceUrn, string Message, string PolicyName, string PolicyPackName, string EnforcementLevel) : EngineEvent
{
    /// <summary>Where the resource at fault was declared (a ClusterSpec line), when known.</summary>
    public PolicySourceLocation? Source { get; init; }
}
