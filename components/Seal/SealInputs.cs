using Kubedos.Components.Substrate;

namespace Kubedos.Components.Seal;

/// <summary>What one seal reads, all of it named here so its digest can say whether anything changed.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="SpecFile">The ClusterSpec file the stack was built from.</param>
/// <param name="LockFile">The lockfile, or null (no lock exists until images are locked, issue #12).</param>
/// <param name="OutDirectory"><c>out/&lt;stack&gt;</c>: inventory.json, pki/, enrollment/, drills/ are read from it.</param>
/// <param name="ProjectDirectory">The project (its git revision is recorded).</param>
/// <param name="AcceptanceReport">The acceptance report's JSON, as the Acceptance stage rendered it.</param>
/// <param name="ServiceAudit">The enrollment service's audit log and signed head as fetched from its node, or null.</param>
/// <param name="NodeSoftware">Where the node SBOM's packages come from.</param>
/// <param name="Agent">The node agent's files (the artifact the nodes receive).</param>
/// <param name="AgentAssets">The agent build's <c>project.assets.json</c>, or null when this build carries none.</param>
/// <param name="KubedosAssets">kubedos's own <c>project.assets.json</c>, or null.</param>
/// <param name="ImageStore">The content store the node image was built from (its <c>.deb</c> files for the image SBOM).</param>
internal sealed record SealInputs(
    string Stack,
    string Cluster,
    string SpecFile,
    string? LockFile,
    string OutDirectory,
    string ProjectDirectory,
    string AcceptanceReport,
    ServiceAuditLog? ServiceAudit,
    NodeSoftwareSource NodeSoftware,
    NodeSoftware Agent,
    string? AgentAssets,
    string? KubedosAssets,
    string ImageStore)
{
    /// <summary>The bundle directory: <c>out/&lt;stack&gt;/recovery-bundle</c>.</summary>
    public string BundleDirectory => Path.Combine(OutDirectory, "recovery-bundle");

    /// <summary>Where the build copies the assets files, beside the running kubedos (see Kubedos.Infra.csproj).</summary>
    public static string AssetsBesideThisProgram(string project) => Path.Combine(AppContext.BaseDirectory, "sbom-inputs", project + ".assets.json");
}
