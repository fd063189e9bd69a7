using Kubedos.Engine.Model;

namespace Kubedos.Components.Enrollment;

/// <summary>Inputs <see cref="ClusterEnrollment"/> records for the policy pack (<c>enrollment-gated</c> reads <c>mode</c>).</summary>
internal sealed class EnrollmentPolicyInputs : ResourceArgs
{
    /// <summary>The admission mode as the spec writes it (<c>token+pin</c>, <c>offline-approve</c>, <c>cert-preseed</c>).</summary>
    public required string Mode { get; init; }

    /// <summary>How long a join token admits after it was minted.</summary>
    public required int JoinWindowMinutes { get; init; }
}
