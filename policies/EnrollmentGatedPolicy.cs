using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>enrollment-gated</c>: node enrollment is never open: a gated mode and a bounded join window.</summary>
internal static class EnrollmentGatedPolicy
{
    public const string Id = "enrollment-gated";

    /// <summary>The gated modes (spec.security.enrollment.mode); anything else admits nodes nobody vouched for.</summary>
    public static readonly IReadOnlyList<string> GatedModes = ["token+pin", "offline-approve", "cert-preseed"];

    public static Policy Create() => new ResourceValidationPolicy(
        Id,
        "Enrollment is never open: every node must present a token with the CA pin, an offline approval or a pre-seeded certificate, within a bounded join window.",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Resource, report))
    {
        ResourceTypes = [PolicyContract.SpecFactType, PolicyContract.EnrollmentType],
        Remediation = "Set spec.security.enrollment.mode to token+pin, offline-approve or cert-preseed and joinWindowMinutes to a positive number of minutes.",
    };

    private static void Validate(PolicyResource resource, PolicyReport report)
    {
        if (resource.Type == PolicyContract.EnrollmentType)
        {
            CheckMode(PolicyValues.String(resource.Inputs, "mode"), $"enrollment service {resource.Name}", report);
            return;
        }

        var value = PolicyValues.Get(resource.Inputs, "value");
        switch (PolicyValues.String(resource.Inputs, "path"))
        {
            case PolicyContract.EnrollmentModePath:
                CheckMode(PolicyValues.AsString(value), PolicyContract.EnrollmentModePath, report);
                break;
            case PolicyContract.JoinWindowPath when PolicyValues.AsNumber(value) is not > 0:
                report.Violation($"{PolicyContract.JoinWindowPath} is {PolicyValues.AsNumber(value)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not set"}; an unbounded join window leaves enrollment open");
                break;
        }
    }

    private static void CheckMode(string? mode, string what, PolicyReport report)
    {
        if (mode is null || !GatedModes.Contains(mode))
        {
            report.Violation($"{what} is {(mode is null ? "not set" : $"'{mode}'")}: enrollment would be open (gated modes: {string.Join(", ", GatedModes)})");
        }
    }
}
