using Kubedos.Engine.Model;

namespace Kubedos.Providers.Ansible;

/// <summary>Inputs of <see cref="Playbook"/>.</summary>
public sealed class PlaybookArgs : ResourceArgs
{
    /// <summary>The host directory holding the playbook, <c>ansible.cfg</c> and roles.</summary>
    public required Input<string> Source { get; init; }

    /// <summary>The files of <see cref="Source"/> the run uses, relative to it; only these are copied into the run.</summary>
    public required IReadOnlyList<Input<string>> Files { get; init; }

    /// <summary>SHA-256 of the files' <c>sha256sum</c> manifest (sorted by path); files changed since are refused.</summary>
    public required Input<string> Digest { get; init; }

    /// <summary>The playbook, relative to <see cref="Source"/> (<c>site.yml</c>).</summary>
    public required Input<string> Path { get; init; }

    /// <summary>The inventory as JSON (groups, hosts, host variables); nothing secret.</summary>
    public required Input<string> Inventory { get; init; }

    /// <summary>known_hosts lines pinning each host's key (<c>ADDRESS ssh-ed25519 AAAA...</c>); hosts are never trusted on first use.</summary>
    public required Input<string> KnownHosts { get; init; }

    /// <summary>The SSH login user on every host.</summary>
    public required Input<string> User { get; init; }

    /// <summary>The SSH private key (PEM or OpenSSH); a secret.</summary>
    public required Input<string> PrivateKey { get; init; }

    /// <summary>Extra variables per host: host -> name -> value; a secret value stays secret (written for a run only, to a 0600 file).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Input<string>>>? HostVariables { get; init; }

    /// <summary>How long one run may take, in seconds (default 900).</summary>
    public Input<int>? TimeoutSeconds { get; init; }
}
