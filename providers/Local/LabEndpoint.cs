using System.Net;

namespace Kubedos.Providers.Local;

/// <summary>A stable endpoint as it is on the host: its address, the ports it forwards, where they go, and the state that made it.</summary>
/// <param name="Name">The endpoint's name (its stack's).</param>
/// <param name="Address">The host address operators dial (a /32 on the host's loopback).</param>
/// <param name="Ports">The TCP ports forwarded.</param>
/// <param name="Target">The address the ports are forwarded to (the active colour's control plane on wg1).</param>
/// <param name="Owner">The id of the state that made it.</param>
public sealed record LabEndpoint(string Name, IPAddress Address, IReadOnlyList<int> Ports, IPAddress Target, string Owner);
