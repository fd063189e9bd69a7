namespace Kubedos.Components.Kubernetes;

/// <summary>A namespace of the TK8S segmentation (doctrine section III) and how the baseline isolates it.</summary>
/// <param name="Name">The namespace.</param>
/// <param name="Layer">Its doctrine layer (1 core to 5 observability).</param>
/// <param name="Holds">What runs there, as the doctrine says.</param>
/// <param name="Scraped">Whether the monitoring namespace may scrape its pods' <c>metrics</c> port (every namespace but the isolated one).</param>
/// <param name="ExternalEgressOnly">The isolated namespace: no ingress at all, egress only outside the cluster's networks, no service account token.</param>
internal sealed record BaselineNamespace(string Name, int Layer, string Holds, bool Scraped, bool ExternalEgressOnly);
