namespace Kubedos.Spec.Validation;

/// <summary>
/// etcd quorum arithmetic: the one judgement of an HA control plane that validate (<c>ha-replicas-odd</c>)
/// and the policy pack (<c>ha-quorum</c>) both make, so they never disagree on a spec.
/// </summary>
internal static class HaQuorum
{
    /// <summary>Whether <paramref name="controlPlanes"/> members make an HA control plane: odd and at least 3 (spec section 15.3).</summary>
    public static bool Holds(int controlPlanes) => controlPlanes >= 3 && controlPlanes % 2 == 1;

    /// <summary>How many of <paramref name="members"/> etcd members may go down at once with quorum kept: (N - 1) / 2.</summary>
    public static int Tolerated(int members) => Math.Max(0, (members - 1) / 2);
}
