using System.Text;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// The verdict's check that the nodes it judged are the nodes deployed: each must answer over the control plane (through the
/// operator's own peer, so with the WireGuard key the probes used) with the SSH host key the probes pinned. Run before the
/// verdict is printed and at every later preview and up (the verdict command's <c>verify</c>), so a verdict never outlives
/// the machines it was about: a node killed, removed or made anew out of band fails it.
/// </summary>
internal static class VerdictEvidenceCheck
{
    /// <summary>How long one node may take to answer.</summary>
    public const int TimeoutSeconds = 3;

    /// <summary>A shell script that exits 1 naming every node that no longer answers as judged.</summary>
    /// <param name="controlPlane">The plane the operator reaches nodes on (<c>NormalisedCluster.ControlPlane</c>).</param>
    /// <param name="judged">The nodes the gates judged, with the host keys their probes pinned.</param>
    public static string Render(string controlPlane, IReadOnlyList<OperatorTarget> judged)
    {
        ArgumentNullException.ThrowIfNull(controlPlane);
        ArgumentNullException.ThrowIfNull(judged);
        var script = new StringBuilder();
        script.Append("judged() {\n")
            .Append("  got=$(ssh-keyscan -T ").Append(TimeoutSeconds).Append(" -t ed25519 \"$2\" 2>/dev/null | awk '$2 == \"ssh-ed25519\" { print $3; exit }')\n")
            .Append("  [ \"$got\" = \"$3\" ] && return 0\n")
            .Append("  echo \"evidence is stale: node $1 ($2) does not answer as the node the gates judged (host key ${got:-none}, judged $3)\" >&2\n")
            .Append("  return 1\n")
            .Append("}\n");
        for (var i = 0; i < judged.Count; i++)
        {
            var target = judged[i];
            script.Append("judged ").Append(ProbeScriptRenderer.Quote(target.Node.Name)).Append(' ')
                .Append(target.Node.PlaneAddresses[controlPlane]).Append(' ')
                .Append(ProbeScriptRenderer.Quote(KeyBlob(target.HostPublicKey))).Append(" & p").Append(i).Append("=$!\n");
        }

        script.Append("stale=0\n");
        for (var i = 0; i < judged.Count; i++)
        {
            script.Append("wait $p").Append(i).Append(" || stale=1\n");
        }

        script.Append("[ \"$stale\" = 0 ] || { echo 'the verdict rests on nodes that are gone or were replaced: run `kubedos up --refresh` to rebuild them and run every gate again' >&2; exit 1; }\n");
        return script.ToString();
    }

    private static string KeyBlob(string publicKey) =>
        publicKey.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var blob, ..] ? blob : publicKey;
}
