using Kubedos.Spec.Model;

namespace Kubedos.Spec.Loading;

/// <summary>What loading a ClusterSpec file produced: the document (when it could be read) and every fault found.</summary>
internal sealed record SpecLoadResult(ClusterDocument? Document, SourceMap Sources, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    public bool Succeeded => Document is not null && Diagnostics.Count == 0;
}
