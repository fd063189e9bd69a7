namespace Kubedos.Policies;

/// <summary>Reads the hardening settings of an sshd_config text the way sshd does: keywords case-insensitive, the first value wins, <c>Match</c> ends the global part.</summary>
internal static class SshdConfig
{
    /// <summary>What is wrong with <paramref name="content"/>; a drop-in (<paramref name="dropIn"/>) is only judged on what it sets.</summary>
    public static IEnumerable<string> Problems(string content, bool dropIn)
    {
        var settings = Global(content);
        var includes = settings.ContainsKey("include");
        var explicitOnly = dropIn || includes;

        // sshd's defaults are PasswordAuthentication yes and PermitRootLogin prohibit-password: silence is not hardening.
        if (settings.TryGetValue("passwordauthentication", out var password) ? !No(password) : !explicitOnly)
        {
            yield return $"PasswordAuthentication is {password ?? "not set (sshd's default: yes)"}; it must be no";
        }

        if (settings.TryGetValue("permitrootlogin", out var root) ? !No(root) : !explicitOnly)
        {
            yield return $"PermitRootLogin is {root ?? "not set (sshd's default: prohibit-password)"}; it must be no";
        }

        if (settings.TryGetValue("allowusers", out var users) ? users.Trim().Length == 0 : !explicitOnly)
        {
            yield return "AllowUsers is missing or empty; name the users allowed to log in";
        }
    }

    private static bool No(string value) => string.Equals(value.Trim(), "no", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Global(string content)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cut = line.IndexOfAny([' ', '\t', '=']);
            var keyword = (cut < 0 ? line : line[..cut]).ToLowerInvariant();
            var value = cut < 0 ? string.Empty : line[(cut + 1)..].Trim().TrimStart('=').Trim();
            if (keyword == "match")
            {
                break;
            }

            settings.TryAdd(keyword, value);
        }

        return settings;
    }
}
