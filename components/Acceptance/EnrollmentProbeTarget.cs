namespace Kubedos.Components.Acceptance;

/// <summary>The enrollment service the anonymous-enrollment probes knock on.</summary>
/// <param name="ServiceNode">The node running the service.</param>
/// <param name="ServiceUrl">The service, <c>https://&lt;wg1 address&gt;:&lt;port&gt;/</c>.</param>
/// <param name="CaPin">The cluster CA pin (a wrong token must still pass the agent's pin check to reach the service).</param>
/// <param name="AgentCommand">The argv prefix that runs <c>kubedos-agent</c> on a node.</param>
internal sealed record EnrollmentProbeTarget(string ServiceNode, string ServiceUrl, string CaPin, IReadOnlyList<string> AgentCommand);
