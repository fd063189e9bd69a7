namespace Kubedos.Components.Enrollment;

/// <summary>The enrollment service as a node reaches it (what the acceptance gates knock on).</summary>
/// <param name="ServiceNode">The node running the service.</param>
/// <param name="ServiceUrl">The service, <c>https://&lt;wg1 address&gt;:&lt;port&gt;/</c>.</param>
/// <param name="CaPin">The cluster CA pin (a token must carry it to pass the agent's pin check and reach the service).</param>
/// <param name="AgentCommand">The argv prefix that runs <c>kubedos-agent</c> on a node.</param>
internal sealed record EnrollmentEndpoint(string ServiceNode, string ServiceUrl, string CaPin, IReadOnlyList<string> AgentCommand);
