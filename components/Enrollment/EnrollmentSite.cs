using Kubedos.Components.Substrate;

namespace Kubedos.Components.Enrollment;

/// <summary>Where <see cref="ClusterEnrollment"/> places itself: the nodes (with their bootstrap channels) and the agent they run.</summary>
/// <param name="Nodes">Every node of the cluster, as the substrate handed it out.</param>
/// <param name="Agent">The <c>kubedos-agent</c> software, installed on every node as <see cref="AgentDirectory"/>.</param>
internal sealed record EnrollmentSite(IReadOnlyList<SubstrateNode> Nodes, NodeSoftware Agent)
{
    /// <summary>Where the agent is installed on a node.</summary>
    public const string AgentDirectory = "/var/lib/kubedos/agent";

    /// <summary>
    /// The argv prefix that runs the installed agent on a node with the node's own .NET runtime; the SDK's first-run
    /// chores (banner, telemetry notice, developer certificate) are not a node's business.
    /// </summary>
    public static IReadOnlyList<string> AgentCommand { get; } =
    [
        "env", "DOTNET_NOLOGO=1", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_GENERATE_ASPNET_CERTIFICATE=false",
        "dotnet", $"{AgentDirectory}/{AgentPayload.Assembly}",
    ];
}
