using System.Text;

namespace Kubedos.Components.Firstboot;

/// <summary>
/// The network sysctl baseline. Only per-namespace keys are listed (a lab node is a network
/// namespace); a key the namespace refuses is reported as skipped, never silently dropped.
/// </summary>
internal static class SysctlBaseline
{
    public const string Path = "/etc/sysctl.d/90-kubedos.conf";

    /// <summary>Key and value, with why.</summary>
    public static readonly IReadOnlyList<(string Key, string Value, string Why)> Settings =
    [
        ("net.ipv4.ip_forward", "0", "a node routes nothing for others"),
        ("net.ipv4.conf.all.rp_filter", "1", "strict reverse-path filtering (an inter-plane connection is checked against its plane's reply table, so it passes)"),
        ("net.ipv4.conf.all.src_valid_mark", "1", "reverse-path checks use the mark an inter-plane connection carries"),
        ("net.ipv4.conf.default.rp_filter", "1", "the same for interfaces created later (the planes)"),
        ("net.ipv4.conf.all.accept_redirects", "0", "no ICMP redirects"),
        ("net.ipv4.conf.default.accept_redirects", "0", "no ICMP redirects"),
        ("net.ipv4.conf.all.send_redirects", "0", "no ICMP redirects"),
        ("net.ipv4.conf.all.accept_source_route", "0", "no source routing"),
        ("net.ipv4.conf.all.log_martians", "1", "log impossible source addresses"),
        ("net.ipv4.icmp_echo_ignore_broadcasts", "1", "no smurf amplification"),
        ("net.ipv4.tcp_syncookies", "1", "SYN flood resistance"),
        ("net.ipv4.ip_nonlocal_bind", "1", "sshd binds its wg1 address before the plane brings it up"),
    ];

    /// <summary>The sysctl.d file recording the baseline.</summary>
    public static string RenderConf()
    {
        var text = new StringBuilder("# kubedos network baseline (per network namespace)\n");
        foreach (var (key, value, why) in Settings)
        {
            text.Append("# ").Append(why).Append('\n').Append(key).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A shell script applying each setting, printing <c>applied K=V</c> or <c>skipped K</c>.</summary>
    public static string RenderScript()
    {
        var text = new StringBuilder();
        foreach (var (key, value, _) in Settings)
        {
            text.Append("if sysctl -q -w ").Append(key).Append('=').Append(value).Append(" 2>/dev/null; then echo applied ")
                .Append(key).Append('=').Append(value).Append("; else echo skipped ").Append(key).Append("; fi\n");
        }

        return text.ToString();
    }
}
