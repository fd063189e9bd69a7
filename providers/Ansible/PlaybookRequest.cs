namespace Kubedos.Providers.Ansible;

/// <summary>One run of a playbook: its files, inventory, variables and SSH trust.</summary>
/// <param name="Source">The host directory the files are read from.</param>
/// <param name="Files">The files the run uses, relative to <paramref name="Source"/>.</param>
/// <param name="Digest">The SHA-256 of their <c>sha256sum</c> manifest the caller expects; a mismatch refuses the run.</param>
/// <param name="Path">The playbook, relative to <paramref name="Source"/>.</param>
/// <param name="Inventory">The inventory as JSON.</param>
/// <param name="KnownHosts">known_hosts lines pinning every host's key.</param>
/// <param name="User">The SSH login user.</param>
/// <param name="PrivateKey">The SSH private key.</param>
/// <param name="HostVariables">Extra variables per host (some secret); written to 0600 files for the run only.</param>
/// <param name="Mode">Apply, or check mode (<c>--check --diff</c>).</param>
/// <param name="Timeout">How long the run may take.</param>
public sealed record PlaybookRequest(
    string Source,
    IReadOnlyList<string> Files,
    string Digest,
    string Path,
    string Inventory,
    string KnownHosts,
    string User,
    string PrivateKey,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> HostVariables,
    PlaybookMode Mode,
    TimeSpan Timeout);
