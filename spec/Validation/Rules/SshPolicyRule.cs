using System.Text.RegularExpressions;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>SSH admits named, non-root users only.</summary>
internal sealed partial class SshPolicyRule : ISpecRule
{
    public string Id => "ssh-allow-users";

    public string Summary => "security.ssh.allowUsers is not empty, holds valid user names, and never root.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var users = document.Spec.Security.Ssh.AllowUsers;
        if (users.Count == 0)
        {
            yield return new SpecFinding("spec.security.ssh.allowUsers", "allowUsers is empty: name the users allowed to log in");
        }

        for (var i = 0; i < users.Count; i++)
        {
            if (users[i] == "root")
            {
                yield return new SpecFinding($"spec.security.ssh.allowUsers[{i}]", "root may not be an SSH user; log in as a named user and escalate");
            }
            else if (!UserName().IsMatch(users[i]))
            {
                yield return new SpecFinding($"spec.security.ssh.allowUsers[{i}]", $"'{users[i]}' is not a valid user name ([a-z_][a-z0-9_-]*, at most 32)");
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
