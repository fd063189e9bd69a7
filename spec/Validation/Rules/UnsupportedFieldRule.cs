using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>A field this build would accept and ignore is refused where it is written (spec section 19.1: no silent fallbacks).</summary>
internal sealed class UnsupportedFieldRule : IWrittenSpecRule
{
    public string Id => "unsupported-field";

    public string Summary => "The spec writes no field this build does not carry out (the fields and values listed under Field support): each is refused at its line as not supported by this build yet.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document, SourceMap sources) => FieldSupport.Refusals(document, sources);
}
