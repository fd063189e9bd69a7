using Kubedos.Pki;

namespace Kubedos.Enrollment.Tokens;

/// <summary>
/// What an operator hands a node: its join token bound to the cluster CA's pin, so the node can tell
/// the real enrollment service from an impostor before it sends anything.
/// </summary>
/// <remarks>Text form: <c>kubedos1:&lt;id&gt;.&lt;secret&gt;:sha256:&lt;hex&gt;</c>. A secret as a whole.</remarks>
public sealed record EnrollmentToken(JoinToken Token, string CaPin)
{
    private const string Prefix = "kubedos1:";

    /// <summary>Reads the text form.</summary>
    /// <exception cref="FormatException">Malformed (the message never quotes the token).</exception>
    public static EnrollmentToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length < Prefix.Length + 24)
        {
            throw new FormatException("an enrollment token reads kubedos1:<join token>:sha256:<hex>");
        }

        var token = JoinToken.Parse(text.Substring(Prefix.Length, 23));
        var pin = text[(Prefix.Length + 24)..];
        if (text[Prefix.Length + 23] != ':' || !SpkiPin.IsWellFormed(pin))
        {
            throw new FormatException("an enrollment token ends with the CA pin sha256:<64 hex digits>");
        }

        return new EnrollmentToken(token, pin);
    }

    /// <summary>The text form. Contains the secret.</summary>
    public override string ToString() => $"{Prefix}{Token}:{CaPin}";
}
