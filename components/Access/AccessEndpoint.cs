using Kubedos.Engine.Model;

namespace Kubedos.Components.Access;

/// <summary>One node as SSH over the control plane reaches it: its address there and the host key first boot exported.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Address">Its address on the control plane (wg1).</param>
/// <param name="HostPublicKey">Its ed25519 host key (<c>ssh-ed25519 AAAA...</c>), pinned.</param>
/// <param name="HostKeyFingerprint">The key's <c>SHA256:...</c> fingerprint, as first boot exported it.</param>
internal sealed record AccessEndpoint(string Node, string Address, Output<string> HostPublicKey, Output<string> HostKeyFingerprint);
