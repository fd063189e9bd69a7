namespace Kubedos.Components.Kubernetes;

/// <summary>The namespaces the TK8S doctrine declares (section III), in its order, and the labels the baseline gives them.</summary>
internal static class BaselineNamespaces
{
    /// <summary>The namespace the doctrine's monitoring layer runs in; it may scrape the others, read-only.</summary>
    public const string Monitoring = "project-ai-monitoring";

    /// <summary>Every namespace of the reference carries this label, so policies can select them as one.</summary>
    public const string BaselineLabel = "kubedos.ca/baseline";

    public const string BaselineValue = "tk8s";

    public const string LayerLabel = "kubedos.ca/tk8s-layer";

    /// <summary>The Pod Security Standard every namespace enforces, audits and warns with.</summary>
    public const string PodSecurityLevel = "restricted";

    public static IReadOnlyList<BaselineNamespace> All { get; } =
    [
        new("project-ai-core", 2, "core application services", Scraped: true, ExternalEgressOnly: false),
        new("project-ai-security", 3, "governance and integrity monitoring", Scraped: true, ExternalEgressOnly: false),
        new("project-ai-memory", 2, "PostgreSQL, Redis, knowledge base", Scraped: true, ExternalEgressOnly: false),
        new("project-ai-eca", 4, "the External Cognition Amplifier, fully isolated", Scraped: false, ExternalEgressOnly: true),
        new(Monitoring, 5, "Prometheus, Grafana, Loki, Tempo", Scraped: true, ExternalEgressOnly: false),
        new("project-ai-system", 1, "Vault, cert-manager, system services", Scraped: true, ExternalEgressOnly: false),
    ];
}
