using Kubedos.Engine.Model;

namespace Kubedos.Components.Observability;

/// <summary>
/// What Prometheus needs to scrape etcd: the CA that signs the members' serving certificates and a client
/// certificate the members accept (issued by the etcd stage under its etcd CA). The members themselves come from the
/// spec (<see cref="ObservabilityTopology.EtcdMembers"/>), their metrics at <c>https://&lt;bind-plane address&gt;:2381/metrics</c>.
/// </summary>
/// <param name="CaPem">The etcd CA bundle, PEM.</param>
/// <param name="ClientCertPem">Prometheus's client certificate, PEM.</param>
/// <param name="ClientKeyPem">Its key, PEM (a secret).</param>
internal sealed record EtcdScrape(Output<string> CaPem, Output<string> ClientCertPem, Output<string> ClientKeyPem);
