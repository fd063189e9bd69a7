using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Firstboot;

/// <summary>A node after first boot: its SSH host key fingerprint (to pin) and the resources later stages wait for.</summary>
internal sealed record FirstbootNode(SubstrateNode Substrate, Output<string> HostKeyFingerprint, IReadOnlyList<Resource> Ready)
{
    public string Name => Substrate.Name;
}
