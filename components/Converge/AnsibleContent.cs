using Kubedos.Components.Substrate;

namespace Kubedos.Components.Converge;

/// <summary>The playbook, its configuration and roles as one piece of software: every file under <c>ansible/</c> but its documentation.</summary>
internal static class AnsibleContent
{
    /// <summary>The playbook Converge runs.</summary>
    public const string Playbook = "site.yml";

    /// <summary>Reads <paramref name="directory"/> now; its digest changes whenever a role, the playbook or the configuration does.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist or holds no playbook.</exception>
    public static NodeSoftware Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!File.Exists(Path.Combine(directory, Playbook)))
        {
            throw new DirectoryNotFoundException($"no Ansible playbook at {Path.Combine(directory, Playbook)} (config kubedos:ansibleDirectory, default ansible/ in the project)");
        }

        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part.StartsWith('.')) && !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".retry", StringComparison.Ordinal));
        return NodeSoftware.Read(directory, files);
    }
}
