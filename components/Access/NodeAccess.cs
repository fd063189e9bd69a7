using System.Collections.Immutable;
using System.Text;
using Kubedos.Engine.Model;
using Kubedos.Providers.Command;

namespace Kubedos.Components.Access;

/// <summary>
/// SSH to every node over the control plane (wg1) as one user with the stack's key, host keys pinned from what first
/// boot exported: strict checking against a known_hosts made for the run, never trust-on-first-use. Built once by
/// <see cref="KubedosStack"/>; Converge (Ansible, OpenSSH) and later stages (the command provider's SSH) use it, on
/// every substrate.
/// </summary>
internal sealed class NodeAccess
{
    public NodeAccess(string user, Output<string> privateKeyPem, IReadOnlyList<AccessEndpoint> endpoints)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        ArgumentNullException.ThrowIfNull(endpoints);
        User = user;
        PrivateKeyPem = Output.CreateSecret(privateKeyPem);
        Endpoints = endpoints;
        KnownHosts = Output.All(endpoints.Select(e => Output.Tuple<string, string>(e.HostPublicKey, e.HostKeyFingerprint)))
            .Apply(keys => RenderKnownHosts(endpoints.Select((e, i) => (e, keys[i])).ToImmutableArray()));
    }

    /// <summary>The login user on every node.</summary>
    public string User { get; }

    /// <summary>The stack's SSH private key (PEM), a secret.</summary>
    public Output<string> PrivateKeyPem { get; }

    /// <summary>Every node, in the spec's order.</summary>
    public IReadOnlyList<AccessEndpoint> Endpoints { get; }

    /// <summary>One known_hosts line per node (<c>ADDRESS ssh-ed25519 AAAA...</c>), each key checked against its exported fingerprint.</summary>
    public Output<string> KnownHosts { get; }

    /// <summary>The node's endpoint.</summary>
    /// <exception cref="ArgumentException">No node has that name.</exception>
    public AccessEndpoint Endpoint(string node) =>
        Endpoints.FirstOrDefault(e => e.Node == node) ?? throw new ArgumentException($"no node named '{node}'", nameof(node));

    /// <summary>The connection for <c>command:remote:*</c> resources to <paramref name="node"/>, pinned by its fingerprint.</summary>
    public RemoteConnectionArgs Connection(string node)
    {
        var endpoint = Endpoint(node);
        return new RemoteConnectionArgs { Host = endpoint.Address, User = User, PrivateKey = PrivateKeyPem, HostKeyFingerprint = endpoint.HostKeyFingerprint };
    }

    private static string RenderKnownHosts(IReadOnlyList<(AccessEndpoint Endpoint, (string Key, string Fingerprint) Pin)> nodes)
    {
        var text = new StringBuilder();
        foreach (var (endpoint, (key, fingerprint)) in nodes)
        {
            // The key and the fingerprint come from one first-boot output; a key that does not hash to it is refused.
            if (!SshHostKeyPin.Matches(fingerprint, SshHostKeyPin.OfPublicKeyLine(key)))
            {
                throw new InvalidOperationException(
                    $"node {endpoint.Node}: host key '{key}' does not match the fingerprint first boot exported ({fingerprint}); refusing to pin it");
            }

            text.Append(endpoint.Address).Append(' ').Append(key).Append('\n');
        }

        return text.ToString();
    }
}
