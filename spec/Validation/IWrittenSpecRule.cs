using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation;

/// <summary>
/// A validation rule about what the file wrote, not only what the document means: a defaulted field
/// and one written with the default value bind alike, so such a rule also reads the source map.
/// </summary>
internal interface IWrittenSpecRule
{
    /// <summary>Stable id, such as <c>unsupported-field</c>.</summary>
    string Id { get; }

    /// <summary>What the rule requires, in one sentence.</summary>
    string Summary { get; }

    IEnumerable<SpecFinding> Evaluate(ClusterDocument document, SourceMap sources);
}
