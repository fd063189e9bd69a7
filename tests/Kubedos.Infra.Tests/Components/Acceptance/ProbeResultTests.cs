using Kubedos.Components.Acceptance;

namespace Kubedos.Infra.Tests.Components.Acceptance;

public sealed class ProbeResultTests
{
    [Theory]
    [InlineData("Reaches", 1, "nc: connect to 10.103.0.12 port 6443 (tcp) failed: Connection refused", true)]
    [InlineData("Reaches", 1, "nc: connect to 10.103.0.12 port 6443 (tcp) timed out: Operation now in progress", false)]
    [InlineData("Filtered", 1, "nc: connect to 10.103.0.12 port 6443 (tcp) timed out: Operation now in progress", true)]
    [InlineData("Filtered", 1, "nc: connect to 10.103.0.12 port 6443 (tcp) failed: Connection refused", false)]
    [InlineData("Filtered", 0, "Connection to 10.250.1.11 22 port [tcp/*] succeeded!", false)]
    [InlineData("PasswordRefused", 255, "ops@10.101.0.12: Permission denied (publickey).", true)]
    [InlineData("PasswordRefused", 255, "ops@10.101.0.12: Permission denied (publickey,password).", false)]
    [InlineData("LoginRefused", 255, "ssh: connect to host 10.101.0.12 port 22: Connection refused", false)]
    [InlineData("Succeeds", 1, "", false)]
    public void Passed_WhatWasSeen_JudgesTheExpectation(string expectation, int exitCode, string saw, bool passed)
    {
        var result = new ProbeResult("g", "a", "b", "what", Enum.Parse<ProbeExpectation>(expectation), exitCode, saw, "t0", "t1");

        Assert.Equal(passed, result.Passed);
    }

    [Fact]
    public void ParseAll_ScriptLines_KeepsEveryField()
    {
        var results = ProbeResult.ParseAll("backplane-matrix\tcp-1\tcp-2\tping over wg1\tSucceeds\t1\t2026-01-01T00:00:00.000Z\t2026-01-01T00:00:02.000Z\t1 packets transmitted, 0 received\n");

        var r = Assert.Single(results);
        Assert.Equal(("cp-1", "cp-2", 1, false), (r.From, r.To, r.ExitCode, r.Passed));
        Assert.Contains("backplane-matrix: cp-1 -> cp-2", r.ToString(), StringComparison.Ordinal);
    }
}
