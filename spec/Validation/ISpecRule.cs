using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation;

/// <summary>One validation rule of a ClusterSpec, with a stable id that diagnostics carry.</summary>
internal interface ISpecRule
{
    /// <summary>Stable id, such as <c>ha-replicas-odd</c>.</summary>
    string Id { get; }

    /// <summary>What the rule requires, in one sentence.</summary>
    string Summary { get; }

    IEnumerable<SpecFinding> Evaluate(ClusterDocument document);
}
