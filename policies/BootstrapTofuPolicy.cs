using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>bootstrap-tofu</c> (advisory): a trust-on-first-use bootstrap is allowed but warned about.</summary>
/// <remarks>The engine gives a policy one level, so the "TOFU is advisory with a warning" half of enrollment-gated is its own policy.</remarks>
internal static class BootstrapTofuPolicy
{
    public const string Id = "bootstrap-tofu";

    public static Policy Create() => new ResourceValidationPolicy(
        Id,
        "A trust-on-first-use bootstrap trusts whatever CA answers first; prefer an offline or pinned CA.",
        EnforcementLevel.Advisory,
        (args, report) =>
        {
            if (PolicyValues.String(args.Resource.Inputs, "path") == PolicyContract.BootstrapModelPath
                && PolicyValues.String(args.Resource.Inputs, "value") == "to-fu")
            {
                report.Violation("spec.security.bootstrap.model is to-fu: the first CA a node sees is trusted without a pin");
            }
        })
    {
        ResourceTypes = [PolicyContract.SpecFactType],
        Remediation = "Use model: offline-ca (kubedos pki init-offline-root) or pinned-ca with caFingerprint.",
    };
}
