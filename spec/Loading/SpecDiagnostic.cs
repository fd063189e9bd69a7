namespace Kubedos.Spec.Loading;

/// <summary>One fault of a ClusterSpec: where it is, which rule it breaks, and what to do.</summary>
/// <param name="Location">Where the fault is.</param>
/// <param name="RuleId">Stable id of the rule (documented in spec/README.md).</param>
/// <param name="Message">Plain-language message.</param>
/// <param name="Path">Field path such as <c>spec.nodes.inventory[2].name</c>; empty for file-level faults.</param>
internal sealed record SpecDiagnostic(SourceLocation Location, string RuleId, string Message, string Path)
{
    public override string ToString() => $"{Location}: error {RuleId}: {Message}";
}
