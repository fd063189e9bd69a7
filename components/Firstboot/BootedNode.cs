using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Firstboot;

/// <summary>A node after first boot: its SSH host key fingerprint (to pin) and the resources later stages wait for.</summary>
/// <param name="Substrate">The node as the substrate made it.</param>
/// <param name="HostKeyFingerprint">SHA256 fingerprint of the ed25519 host key.</param>
/// <param name="HostPublicKey">The node's ed25519 host key (<c>ssh-ed25519 AAAA...</c>), for known_hosts pins.</param>
/// <param name="Ready">What later stages wait for.</param>
internal sealed record BootedNode(SubstrateNode Substrate, Output<string> HostKeyFingerprint, Output<string> HostPublicKey, IReadOnlyList<Resource> Ready)
{
    public string Name => Substrate.Name;
}
