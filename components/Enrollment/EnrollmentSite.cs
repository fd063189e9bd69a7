using Kubedos.Components.Substrate;

namespace Kubedos.Components.Enrollment;

/// <summary>Where <see cref="ClusterEnrollment"/> places itself: the nodes (with their bootstrap channels) and how a node runs the agent.</summary>
/// <param name="Nodes">Every node of the cluster, as the substrate handed it out.</param>
/// <param name="AgentCommand">The argv prefix that runs <c>kubedos-agent</c> on a node (e.g. <c>dotnet /path/kubedos-agent.dll</c>).</param>
internal sealed record EnrollmentSite(IReadOnlyList<SubstrateNode> Nodes, IReadOnlyList<string> AgentCommand)
{
    /// <summary>The agent's assembly, built beside the running kubedos (nodes of the local lab see the host's filesystem).</summary>
    public static IReadOnlyList<string> BesideThisProgram() => ["dotnet", Path.Combine(AppContext.BaseDirectory, "kubedos-agent.dll")];
}
