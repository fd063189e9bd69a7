using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kubedos.Components.Enrollment;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Seal;

/// <summary>
/// The last stage (<c>kubedos:components:Seal</c>, after acceptance): fetches the enrollment service's audit log, then writes
/// and signs <c>out/&lt;stack&gt;/recovery-bundle/</c> (<see cref="RecoveryBundle"/>). A preview writes nothing; an up whose
/// inputs did not change leaves the bundle as it is. <c>SOURCE_DATE_EPOCH</c> dates every document of the bundle.
/// </summary>
internal sealed class BundleSeal : ComponentResource
{
    public const string TypeToken = "kubedos:components:Seal";

    public BundleSeal(string name, SealArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var here = StageOptions.ForChildren(this, options);
        Output<string> audit = Output.Create(string.Empty);
        if (args.ServiceChannel is { } channel)
        {
            // After the gates (their refused enroll attempts are in the log), again whenever the report changes.
            audit = channel.Run(
                "enrollment-audit",
                ["sh", "-c", ServiceAuditLog.FetchScript(ClusterEnrollment.ServiceStateDirectory)],
                [args.AcceptanceReport.Apply(r => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r))))],
                here).Stdout;
        }

        ManifestSha256 = Output.Tuple<string, string>(args.AcceptanceReport, audit).Apply(t =>
        {
            if (IsDryRun)
            {
                return RecoveryBundle.SealedFrom(Path.Combine(args.OutDirectory, "recovery-bundle")) is null ? "not sealed yet" : "sealed (an up seals again when its inputs changed)";
            }

            var inputs = new SealInputs(
                args.Stack, args.Cluster, args.SpecFile, args.LockFile, args.OutDirectory, args.ProjectDirectory, t.Item1,
                t.Item2.Length == 0 ? null : ServiceAuditLog.Parse(t.Item2), args.NodeSoftware, args.Agent,
                SealInputs.AssetsBesideThisProgram("kubedos-agent"), SealInputs.AssetsBesideThisProgram("kubedos"),
                Environment.GetEnvironmentVariable("KUBEDOS_STORE") ?? Path.Combine(args.ProjectDirectory, ".kubedos", "store"));
            return RecoveryBundle.Seal(inputs, args.Material, args.Clock, SourceDateEpoch()).ManifestSha256;
        });
        RegisterOutputs(new Dictionary<string, object?> { ["manifestSha256"] = ManifestSha256, ["signingKeyPin"] = args.Material.PublicKey.KeyId });
    }

    /// <summary>The SHA-256 of the sealed bundle's manifest.json.</summary>
    public Output<string> ManifestSha256 { get; }

    private static long? SourceDateEpoch() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : null;
}
