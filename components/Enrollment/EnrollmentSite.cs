using Kubedos.Components.Image;
using Kubedos.Components.Substrate;

namespace Kubedos.Components.Enrollment;

/// <summary>Where <see cref="ClusterEnrollment"/> places itself: the nodes (with their bootstrap channels) and the agent they run.</summary>
/// <param name="Nodes">Every node of the cluster, as the substrate handed it out.</param>
/// <param name="Agent">The <c>kubedos-agent</c> software installed on every node as <see cref="AgentDirectory"/>; null when the nodes' image carries it.</param>
/// <param name="Image">The SHA-256 of the node image that carries the agent (<see cref="AgentImagePayload"/>), when <paramref name="Agent"/> is null.</param>
internal sealed record EnrollmentSite(IReadOnlyList<SubstrateNode> Nodes, NodeSoftware? Agent, string? Image = null)
{
    /// <summary>Where the agent is installed on a node.</summary>
    public const string AgentDirectory = "/var/lib/kubedos/agent";

    /// <summary>
    /// The argv prefix that runs a shipped agent on a node with the node's own .NET runtime; the SDK's first-run
    /// chores (banner, telemetry notice, developer certificate) are not a node's business.
    /// </summary>
    public static IReadOnlyList<string> ShippedAgentCommand { get; } =
    [
        "env", "DOTNET_NOLOGO=1", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_GENERATE_ASPNET_CERTIFICATE=false",
        "dotnet", $"{AgentDirectory}/{AgentPayload.Assembly}",
    ];

    /// <summary>The nodes run the agent their image carries, self-contained (no .NET on the node).</summary>
    /// <param name="nodes">Every node of the cluster.</param>
    /// <param name="imageSha256">The image's digest (a new image restarts what runs the agent).</param>
    public static EnrollmentSite InImage(IReadOnlyList<SubstrateNode> nodes, string imageSha256) => new(nodes, null, imageSha256);

    /// <summary>The argv prefix that runs the agent on a node: the image's launcher, or the shipped assembly under .NET.</summary>
    public IReadOnlyList<string> AgentCommand => Agent is null ? [AgentImagePayload.Program] : ShippedAgentCommand;
}
