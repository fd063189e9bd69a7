using Xunit;

namespace Kubedos.Testing;

/// <summary>
/// A fact that needs the lab: root, network namespaces and host binaries.
/// </summary>
/// <remarks>
/// Outside the lab the test is skipped with the reason; CI runs as root with the host packages
/// installed by <c>scripts/install-host-deps.sh</c>, so there these tests run for real.
/// With <c>KUBEDOS_REQUIRE_LAB=1</c> nothing is skipped, so a missing prerequisite fails the test.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LabFactAttribute : FactAttribute
{
    /// <summary>Creates the gate; <paramref name="binaries"/> are programs the test runs (looked up on PATH).</summary>
    public LabFactAttribute(params string[] binaries)
    {
        var reason = LabPrerequisites.MissingReason(binaries);
        if (reason is null)
        {
            return;
        }

        // Where the lab is required (CI), the test runs anyway and fails on what is missing.
        if (!LabPrerequisites.Required)
        {
            Skip = reason;
        }
    }
}
