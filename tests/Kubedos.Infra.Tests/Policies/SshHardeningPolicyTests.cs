using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class SshHardeningPolicyTests
{
    private const string Hardened = "ListenAddress 10.101.0.11\nPasswordAuthentication no\nPermitRootLogin no\nAllowUsers ops\n";

    private static PolicyResource SshdFile(string content, PolicySourceLocation? at = null, string path = "/etc/kubedos/ssh/sshd_config") =>
        PolicyHarness.Resource("local:lab:File", "cp-1-sshd-config", PropertyMap.Of(("node", "cp-1"), ("path", path), ("content", content), ("mode", "0600")), at);

    [Fact]
    public void Evaluate_HardenedSpecAndConfig_Passes()
    {
        using var h = new PolicyHarness();
        var file = SshdFile(Hardened);
        Assert.Empty(h.Of(h.EvaluatePlan([file], [PolicyHarness.Create(file)]), SshHardeningPolicy.Id));
    }

    [Fact]
    public void Evaluate_ConfigAllowingPasswordsAndRoot_IsMandatoryAtTheSshSpec()
    {
        using var h = new PolicyHarness();
        var file = SshdFile("# sshd\nPasswordAuthentication yes\nAllowUsers ops\nPermitRootLogin no\nPermitRootLogin yes\n", h.Locate(PolicyContract.SshPath));

        var v = Assert.Single(h.Of(h.EvaluatePlan([file], [PolicyHarness.Create(file)]), SshHardeningPolicy.Id));

        Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
        Assert.Equal("/etc/kubedos/ssh/sshd_config: PasswordAuthentication is yes; it must be no", v.Message);
        Assert.Equal(h.LineOf("ssh:"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_ConfigSilentOnTheSettings_FallsToSshdsDefaults()
    {
        using var h = new PolicyHarness();
        var file = SshdFile("Port 22\nMatch User ops\n  PasswordAuthentication no\n");

        var messages = h.Of(h.EvaluatePlan([file], [PolicyHarness.Create(file)]), SshHardeningPolicy.Id).Select(v => v.Message).ToList();

        Assert.Equal(
            [
                "/etc/kubedos/ssh/sshd_config: AllowUsers is missing or empty; name the users allowed to log in",
                "/etc/kubedos/ssh/sshd_config: PasswordAuthentication is not set (sshd's default: yes); it must be no",
                "/etc/kubedos/ssh/sshd_config: PermitRootLogin is not set (sshd's default: prohibit-password); it must be no",
            ],
            messages);
    }

    [Fact]
    public void Evaluate_DropInJudgedOnlyOnWhatItSets()
    {
        using var h = new PolicyHarness();
        var quiet = SshdFile("ClientAliveInterval 300\n", path: "/etc/ssh/sshd_config.d/10-alive.conf");
        var loud = SshdFile("PermitRootLogin prohibit-password\n", path: "/etc/ssh/sshd_config.d/20-root.conf");
        Assert.Empty(h.Of(h.EvaluatePlan([quiet], [PolicyHarness.Create(quiet)]), SshHardeningPolicy.Id));
        var v = Assert.Single(h.Of(h.EvaluatePlan([loud], [PolicyHarness.Create(loud)]), SshHardeningPolicy.Id));
        Assert.Equal("/etc/ssh/sshd_config.d/20-root.conf: PermitRootLogin is prohibit-password; it must be no", v.Message);
    }

    [Fact]
    public void Evaluate_SpecFactWithPasswordAuth_IsAViolationAtTheSshLine()
    {
        using var h = new PolicyHarness();
        var fact = PolicyHarness.Resource(PolicyContract.SpecFactType, PolicyContract.SshPath, PropertyMap.Of(
            ("path", PolicyContract.SshPath),
            ("value", PropertyMap.Of(("allowUsers", PropertyValue.Array()), ("passwordAuth", true), ("permitRootLogin", false)))), h.Locate(PolicyContract.SshPath));

        var messages = h.Of(PolicyHarness.Evaluate([fact], [PolicyHarness.Create(fact)]), SshHardeningPolicy.Id);

        Assert.Equal(["spec.security.ssh.allowUsers is empty; name the users allowed to log in", "spec.security.ssh.passwordAuth is true; password authentication must be off"], messages.Select(m => m.Message));
        Assert.All(messages, m => Assert.Equal(h.LineOf("ssh:"), m.Source!.Line));
    }
}
