using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Seal;

/// <summary>What the Seal stage is given.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="SpecFile">The ClusterSpec file.</param>
/// <param name="LockFile">The lockfile, when the stack has one.</param>
/// <param name="OutDirectory"><c>out/&lt;stack&gt;</c>.</param>
/// <param name="ProjectDirectory">The project directory.</param>
/// <param name="Material">The signing key, from the stack's config.</param>
/// <param name="AcceptanceReport">The acceptance report JSON (resolves once every gate passed).</param>
/// <param name="ServiceChannel">The enrollment service node's channel (its audit log is fetched through it), or null.</param>
/// <param name="NodeSoftware">Where the node SBOM's packages come from.</param>
/// <param name="Agent">The node agent's files.</param>
internal sealed record SealArgs(
    string Stack,
    string Cluster,
    string SpecFile,
    string? LockFile,
    string OutDirectory,
    string ProjectDirectory,
    SealMaterial Material,
    Output<string> AcceptanceReport,
    INodeBootstrapChannel? ServiceChannel,
    NodeSoftwareSource NodeSoftware,
    NodeSoftware Agent);
