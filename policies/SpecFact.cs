using Kubedos.Engine.Model;

namespace Kubedos.Policies;

/// <summary>One ClusterSpec setting a policy judges the plan by (a guard flag, a node's role, a plane's CIDR), registered with its file:line.</summary>
/// <remarks>
/// Facts are components (no provider, nothing real), so they cost nothing to apply; they put the spec's
/// guard settings into the plan where policies see them, old and new, and give each violation the
/// YAML line to change.
/// </remarks>
internal sealed class SpecFact : ComponentResource
{
    public SpecFact(string path, PropertyValue value, ResourceOptions? options = null)
        : base(PolicyContract.SpecFactType, path, new SpecFactArgs { Path = path, Value = value }, options)
    {
        RegisterOutputs();
    }
}
