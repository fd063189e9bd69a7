using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Ansible;

/// <summary>The <c>ansible</c> provider: playbooks run from this machine against nodes over SSH with pinned host keys.</summary>
public static class AnsibleProvider
{
    /// <summary>The package, running the <c>ansible-playbook</c> found on PATH.</summary>
    public static ProviderPackage Create() => new("ansible", new PlaybookHandler(new PlaybookRunner("ansible-playbook")));
}
