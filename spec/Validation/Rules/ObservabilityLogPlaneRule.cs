using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Which log plane runs is written, never assumed: an enabled stack names rsyslog or loki.</summary>
internal sealed class ObservabilityLogPlaneRule : IWrittenSpecRule
{
    public const string Path = "spec.kubernetes.observability.logPlane";

    public string Id => "observability-log-plane";

    public string Summary => "With kubernetes.observability.enabled, logPlane is written (rsyslog or loki): which log plane runs is never a default.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document, SourceMap sources)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sources);
        if (document.Spec.Kubernetes.Observability.Enabled && !sources.Paths.Contains(Path, StringComparer.Ordinal))
        {
            yield return new SpecFinding(Path,
                "the observability stack is enabled but logPlane is not written: say which log plane runs (rsyslog: every node forwards its service logs over TLS to the collector; loki: Grafana Loki with promtail)");
        }
    }
}
