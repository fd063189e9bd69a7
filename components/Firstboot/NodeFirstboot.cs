using System.Text;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;
using Kubedos.Providers.Tls;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Firstboot;

/// <summary>
/// Stage 2 (<c>kubedos:components:Firstboot</c>): per node the <c>security.ssh.allowUsers</c>
/// accounts with the stack's SSH key, hardened sshd on the node's wg1 address, host keys
/// generated on the node (their fingerprints are outputs to pin), and the nftables and sysctl
/// baselines. Everything goes through each node's bootstrap channel.
/// </summary>
internal sealed class NodeFirstboot : ComponentResource
{
    public const string TypeToken = "kubedos:components:Firstboot";

    public NodeFirstboot(string name, FirstbootArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cluster = args.Cluster;
        var key = new PrivateKey("ssh-user-key", new PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P256" }, new ResourceOptions { Parent = this });
        AuthorizedKey = key.PublicKeyPem.Apply(pem => OpenSshPublicKey.FromPem(pem, $"kubedos@{cluster.Name}"));
        UserPrivateKeyPem = key.PrivateKeyPem;
        var here = StageOptions.ForChildren(this, options);
        Nodes = [.. args.Nodes.Select(node => Boot(cluster, node, args.Rendered, here))];
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["authorizedKey"] = AuthorizedKey,
            ["hostKeyFingerprints"] = Output.All(Nodes.Select(n => n.HostKeyFingerprint))
                .Apply(all => Nodes.Select((n, i) => (n.Name, all[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal)),
        });
    }

    /// <summary>The stack's SSH public key as an <c>authorized_keys</c> line.</summary>
    public Output<string> AuthorizedKey { get; }

    /// <summary>The stack's SSH private key (PKCS#8 PEM), a secret.</summary>
    public Output<string> UserPrivateKeyPem { get; }

    /// <summary>Every node after first boot, in the spec's order.</summary>
    public IReadOnlyList<BootedNode> Nodes { get; }

    private BootedNode Boot(NormalisedCluster cluster, SubstrateNode node, RenderedFiles rendered, ResourceOptions here)
    {
        var channel = node.Channel;
        var ssh = cluster.Security.Ssh;
        var sysctlConf = SysctlBaseline.RenderConf();
        var sysctlScript = SysctlBaseline.RenderScript();
        var sysctlFile = channel.WriteFile("sysctl-conf", SysctlBaseline.Path, sysctlConf, "0644", here);
        var sysctl = channel.Run("sysctl", ["sh", "-c", sysctlScript], [], here.After(sysctlFile.Resource));

        var users = channel.Run("users", ["sh", "-c", UsersScript(ssh.AllowUsers), "users", .. ssh.AllowUsers.Select(u => (Input<string>)u)], [], here);
        var keys = ssh.AllowUsers
            .Select(user => channel.WriteFile($"authorized-keys-{user}", SshdConfigRenderer.AuthorizedKeysPath(user), AuthorizedKey, "0644", here))
            .ToList();

        var hostKeys = channel.Run("ssh-host-keys", ["sh", "-c", HostKeysScript()], [], here);
        var fingerprint = hostKeys.Stdout.Apply(HostKeyFingerprint.Parse);

        var listen = node.Node.PlaneAddresses[cluster.ControlPlane.Name].ToString();
        var sshdConfig = SshdConfigRenderer.Render(node.Name, listen, ssh);
        var sshdFile = channel.WriteFile("sshd-config", SshdConfigRenderer.ConfigPath, sshdConfig, "0600", here);
        var sshd = channel.Serve(
            "sshd",
            ["sh", "-c", SshdStartScript],
            [sshdFile.Sha256, fingerprint],
            here.After([sysctl.Resource, users.Resource, hostKeys.Resource, sshdFile.Resource, .. keys.Select(k => k.Resource)]));

        var baseline = BaselineFirewallRenderer.Render(cluster.Planes);
        var baselineFile = channel.WriteFile("nftables-baseline", BaselineFirewallRenderer.Path, baseline, "0600", here);
        var firewall = channel.Run("nftables-baseline", ["nft", "-f", BaselineFirewallRenderer.Path], [baselineFile.Sha256], here.After(baselineFile.Resource));

        rendered.Write(node.Name, "sshd_config", sshdConfig);
        rendered.Write(node.Name, "nftables-baseline.nft", baseline);
        rendered.Write(node.Name, "sysctl.conf", sysctlConf);
        return new BootedNode(node, fingerprint, hostKeys.Stdout.Apply(HostKeyFingerprint.PublicKey), [sysctl.Resource, users.Resource, sshd, firewall.Resource]);
    }

    // An sshd left by an interrupted run (kill -9 of the engine before it recorded the process)
    // would hold port 22: it goes first, found by its PID file, then sshd replaces the shell.
    private static readonly string SshdStartScript =
        $"if [ -f {SshdConfigRenderer.PidFile} ]; then kill \"$(cat {SshdConfigRenderer.PidFile})\" 2>/dev/null && sleep 0.3; fi; "
        + $"exec /usr/sbin/sshd -D -e -f {SshdConfigRenderer.ConfigPath}";

    // The node's /etc is its own (an overlay), so these accounts never touch the host's. A '*'
    // password (not the '!' of a locked account) keeps password login impossible while sshd,
    // without PAM, still admits the account by key.
    private static string UsersScript(IReadOnlyList<string> users) => """
        set -e
        for user in "$@"; do
          getent passwd "$user" >/dev/null || useradd --create-home --shell /bin/sh "$user"
          usermod -p '*' "$user"
          echo "$user"
        done
        """ + (users.Count == 0 ? "\necho no users" : string.Empty);

    private static string HostKeysScript()
    {
        var text = new StringBuilder("set -e\nmkdir -p -m 0755 ").Append(SshdConfigRenderer.Directory).Append(" /run/sshd\n");
        foreach (var type in SshdConfigRenderer.HostKeyTypes)
        {
            var path = SshdConfigRenderer.HostKeyPath(type);
            text.Append("[ -f ").Append(path).Append(" ] || ssh-keygen -q -t ").Append(type).Append(" -N '' -C \"$(hostname)\" -f ").Append(path).Append('\n');
        }

        text.Append("ssh-keygen -l -E sha256 -f ").Append(SshdConfigRenderer.HostKeyPath(SshdConfigRenderer.HostKeyTypes[0])).Append(".pub\n");
        text.Append("cat ").Append(SshdConfigRenderer.HostKeyPath(SshdConfigRenderer.HostKeyTypes[0])).Append(".pub\n");
        return text.ToString();
    }
}
