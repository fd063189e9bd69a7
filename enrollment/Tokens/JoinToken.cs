using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Kubedos.Enrollment.Tokens;

/// <summary>A bootstrap token in kubeadm's format <c>[a-z0-9]{6}.[a-z0-9]{16}</c>: a public id and a secret.</summary>
public sealed partial record JoinToken(string Id, string Secret)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A fresh token from the OS CSPRNG (about 83 bits in the secret).</summary>
    public static JoinToken Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, 6), RandomNumberGenerator.GetString(Alphabet, 16));

    /// <summary>Reads <c>id.secret</c>.</summary>
    /// <exception cref="FormatException">Not a kubeadm-format token (the message never quotes it).</exception>
    public static JoinToken Parse(string text) =>
        TryParse(text, out var token) ? token : throw new FormatException("a join token reads [a-z0-9]{6}.[a-z0-9]{16}");

    public static bool TryParse(string? text, out JoinToken token)
    {
        token = null!;
        if (text is null || !Format().IsMatch(text))
        {
            return false;
        }

        token = new JoinToken(text[..6], text[7..]);
        return true;
    }

    /// <summary>The token as kubeadm prints it. Contains the secret.</summary>
    public override string ToString() => $"{Id}.{Secret}";

    [GeneratedRegex("^[a-z0-9]{6}\\.[a-z0-9]{16}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
