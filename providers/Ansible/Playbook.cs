using Kubedos.Engine.Model;

namespace Kubedos.Providers.Ansible;

/// <summary>
/// <c>ansible:index:Playbook</c>: a playbook converged onto an inventory. Its inputs are the playbook's files (by digest),
/// the inventory, the variables and the SSH trust; a change of any re-runs the playbook, and so does drift that
/// <c>refresh</c> found (check mode). Deleting it changes nothing on the nodes.
/// </summary>
public sealed class Playbook : CustomResource
{
    public const string TypeToken = "ansible:index:Playbook";

    public Playbook(string name, PlaybookArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The digest of the files the last run used.</summary>
    public Output<string> Digest { get; private set; } = null!;

    /// <summary>Per host the recap of the last run that changed the nodes (<c>ok</c>, <c>changed</c>, <c>failures</c>, <c>unreachable</c>, <c>skipped</c>).</summary>
    public Output<Dictionary<string, Dictionary<string, int>>> Hosts { get; private set; } = null!;

    /// <summary>What the last check (refresh, preview) found would change, as <c>host: role: task</c>; empty when nothing.</summary>
    public Output<string[]> Drift { get; private set; } = null!;
}
