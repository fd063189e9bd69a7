using System.Globalization;
using System.Text;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// Renders a POSIX sh script that runs probes in parallel and prints one tab-separated result
/// line each (<c>gate from to what expect rc start end saw</c>); it always exits 0, the verdict
/// is the program's.
/// </summary>
internal static class ProbeScriptRenderer
{
    /// <param name="probes">What to run.</param>
    /// <param name="sessions">WireGuard sessions to set up (or wait for) before any probe runs; a session that does not come up within 10 s is left to the probes to report.</param>
    public static string Render(IReadOnlyList<Probe> probes, IReadOnlyList<PlaneSession>? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var text = new StringBuilder("""
            set -u
            dir=$(mktemp -d)
            stamp() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
            probe() {
              id=$1; meta=$2; shift 2
              start=$(stamp)
              saw=$(sh -c "$1" 2>&1 </dev/null); rc=$?
              end=$(stamp)
              printf '%s\t%s\t%s\t%s\t%s\n' "$meta" "$rc" "$start" "$end" "$(printf '%s' "$saw" | tr '\t\n' '  ')" >"$dir/$id"
            }

            """);
        if (sessions is { Count: > 0 })
        {
            text.Append(SessionFunctions);
            foreach (var session in sessions)
            {
                text.Append(session.Initiates ? "session_start " : "session_await ")
                    .Append(Quote(session.Interface)).Append(' ').Append(Quote(session.Local)).Append(' ').Append(Quote(session.Peer)).Append(" &\n");
            }

            text.Append("wait\n");
        }

        for (var i = 0; i < probes.Count; i++)
        {
            var p = probes[i];
            var meta = string.Join('\t', p.Gate, p.From, p.To, p.What, p.Expect.ToString());
            text.Append("probe ").Append(i.ToString("D4", CultureInfo.InvariantCulture)).Append(' ')
                .Append(Quote(meta)).Append(' ').Append(Quote(p.Command)).Append(" &\n");
        }

        text.Append("wait\nfor f in \"$dir\"/*; do [ -f \"$f\" ] && cat \"$f\"; done\n");
        text.Append("rm -rf \"$dir\"\nexit 0\n");
        return text.ToString();
    }

    // session_start pings once a second until an answer (the first ping starts the handshake, a lost one is retried);
    // session_await waits for a handshake with the peer that admits the address, fresher than WireGuard's 120 s rekey
    // age, so the session outlives the probes. Both give up after 10 s.
    private const string SessionFunctions = """
        session_start() { ping -n -c 1 -w 10 -I "$2" "$3" >/dev/null 2>&1; }
        session_await() {
          key=$(wg show "$1" allowed-ips | awk -v a="$3/32" '{ for (i = 2; i <= NF; i++) if ($i == a) print $1 }')
          [ -n "$key" ] || return 0
          n=0
          while [ "$n" -lt 100 ]; do
            t=$(wg show "$1" latest-handshakes | awk -v k="$key" '$1 == k { print $2 }')
            [ "${t:-0}" -gt $(($(date +%s) - 120)) ] && return 0
            n=$((n + 1))
            sleep 0.1
          done
        }

        """;

    /// <summary>Single-quotes <paramref name="value"/> for sh.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
