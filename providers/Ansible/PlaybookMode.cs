namespace Kubedos.Providers.Ansible;

/// <summary>How a playbook runs.</summary>
public enum PlaybookMode
{
    /// <summary>Changes the hosts.</summary>
    Apply,

    /// <summary><c>--check --diff</c>: reports what would change and changes nothing.</summary>
    Check,
}
