namespace Kubedos.Enrollment.Tokens;

/// <summary>A join token as the service keeps it: for which node, when minted, whether spent.</summary>
/// <param name="Id">The public token id.</param>
/// <param name="Secret">The token secret (server side only).</param>
/// <param name="Node">The only node that may use it.</param>
/// <param name="IssuedAt">When it was minted; the join window counts from here.</param>
/// <param name="UsedAt">When a node was admitted with it (null: unused).</param>
public sealed record IssuedJoinToken(string Id, string Secret, string Node, DateTimeOffset IssuedAt, DateTimeOffset? UsedAt)
{
    /// <summary>Prints without the secret.</summary>
    public override string ToString() => $"{Id} for {Node} issued {IssuedAt:O}{(UsedAt is null ? string.Empty : $" used {UsedAt:O}")}";
}
