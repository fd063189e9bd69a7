using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>ssh-hardening</c>: password authentication off, root login off, a non-empty AllowUsers; in the spec and in every sshd_config the stack writes.</summary>
internal static class SshHardeningPolicy
{
    public const string Id = "ssh-hardening";

    public static Policy Create() => new ResourceValidationPolicy(
        Id,
        "SSH allows no password authentication and no root login, and names the users allowed in (AllowUsers not empty).",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Resource, report))
    {
        Remediation = "In spec.security.ssh set passwordAuth: false, permitRootLogin: false and list allowUsers (e.g. [ops]); rendered sshd_config must say PasswordAuthentication no, PermitRootLogin no and AllowUsers <users>.",
    };

    private static void Validate(PolicyResource resource, PolicyReport report)
    {
        if (resource.Type == PolicyContract.SpecFactType)
        {
            if (PolicyValues.String(resource.Inputs, "path") == PolicyContract.SshPath && PolicyValues.AsObject(PolicyValues.Get(resource.Inputs, "value")) is { } ssh)
            {
                if (PolicyValues.Bool(ssh, "passwordAuth") == true)
                {
                    report.Violation("spec.security.ssh.passwordAuth is true; password authentication must be off");
                }

                if (PolicyValues.Bool(ssh, "permitRootLogin") == true)
                {
                    report.Violation("spec.security.ssh.permitRootLogin is true; root login must be off");
                }

                if (PolicyValues.Strings(PolicyValues.Get(ssh, "allowUsers")).Count == 0)
                {
                    report.Violation("spec.security.ssh.allowUsers is empty; name the users allowed to log in");
                }
            }

            return;
        }

        if (PolicyValues.String(resource.Inputs, "path") is { } path && IsSshdConfig(path)
            && PolicyValues.String(resource.Inputs, "content") is { } content)
        {
            foreach (var problem in SshdConfig.Problems(content, dropIn: !path.EndsWith("/sshd_config", StringComparison.Ordinal) && path != "sshd_config"))
            {
                report.Violation($"{path}: {problem}");
            }
        }
    }

    private static bool IsSshdConfig(string path) =>
        path == "sshd_config" || path.EndsWith("/sshd_config", StringComparison.Ordinal)
        || (path.Contains("/sshd_config.d/", StringComparison.Ordinal) && path.EndsWith(".conf", StringComparison.Ordinal));
}
