namespace Kubedos.Operations.Runbooks;

/// <summary>One step of a runbook: what it acts on, what kind of step it is, and the resources an up replaces for it.</summary>
/// <param name="Subject">The node, or <c>operator</c> for the host's own control-plane key.</param>
/// <param name="Kind">A rotation's <c>wireguard</c>, <c>node-certs</c> or <c>etcd-certs</c>; compromised-node's <c>fence</c>, <c>revoke</c>, <c>destroy</c>, <c>replace</c>.</param>
/// <param name="Resources">The resources replaced, by type token and name (their URNs come from the stack's state); none for a step outside the engine.</param>
internal sealed record RunbookStep(string Subject, string Kind, IReadOnlyList<(string Type, string Name)> Resources);
