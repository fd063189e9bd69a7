namespace Kubedos.Spec.Normalisation;

/// <summary>SSH policy of every node.</summary>
/// <param name="AllowUsers">The only users allowed to log in (validation holds it non-empty, without root).</param>
/// <param name="OperatorUser">
/// The account the operator (and every stage that reaches a node over SSH) logs in as: the first of
/// <paramref name="AllowUsers"/>. Chosen here and nowhere else.
/// </param>
/// <param name="PasswordAuth">Password authentication.</param>
/// <param name="PermitRootLogin">Root login.</param>
internal sealed record NormalisedSsh(IReadOnlyList<string> AllowUsers, string OperatorUser, bool PasswordAuth, bool PermitRootLogin);
