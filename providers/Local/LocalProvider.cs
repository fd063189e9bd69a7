using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>
/// The <c>local</c> provider: the lab substrate on this machine. <c>local:lab:Underlay</c> and
/// <c>local:lab:Node</c> build it; <c>local:lab:File</c>, <c>local:lab:Payload</c>, <c>local:lab:Command</c> and
/// <c>local:lab:Process</c> put configuration and software on its nodes; <c>local:lab:Disk</c> gives one a disk (a
/// sparse file on a loop device); <c>local:lab:WireGuardInterface</c>
/// brings up a kernel or wireguard-go interface; <c>local:lab:Endpoint</c> is a blue/green pair's stable address on the host.
/// </summary>
public static class LocalProvider
{
    /// <summary>The package driving <paramref name="lab"/>.</summary>
    public static ProviderPackage Create(LocalLab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return new ProviderPackage(
            "local",
            new UnderlayHandler(lab),
            new NodeHandler(lab),
            new NodeFileHandler(lab),
            new NodePayloadHandler(lab),
            new NodeCommandHandler(lab),
            new NodeProcessHandler(lab),
            new NodeDiskHandler(lab),
            new WireGuardInterfaceHandler(lab),
            new OperatorWireGuardHandler(lab),
            new LabEndpointHandler(lab));
    }

    /// <summary>The package for the real host lab under <see cref="LabOptions.DefaultLabRoot"/>.</summary>
    public static ProviderPackage Create() => Create(new LocalLab());
}
