namespace Kubedos.Providers.Command;

/// <summary>Replaces every known secret value in text before it is logged, returned or thrown.</summary>
/// <remarks>
/// Commands print what they are given; a secret passed in through the environment can come back in
/// stdout, stderr or an error message. Everything leaving the command provider goes through here.
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[secret]";

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so a secret that contains another is masked whole.
        // A multi-line secret (a PEM key) also comes back one line at a time, so its lines count too;
        // armour lines and short lines are public structure, not secret.
        var all = secrets.OfType<string>().Where(s => s.Length > 0).ToList();
        var lines = all.Where(s => s.Contains('\n', StringComparison.Ordinal))
            .SelectMany(s => s.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length >= 8 && !l.StartsWith("-----", StringComparison.Ordinal));

        // Longest first, so a secret that contains another is masked whole.
        _secrets = all.Concat(lines).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>A redactor that knows no secrets.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>The text with every secret masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
