using Kubedos.Providers.Ansible;

namespace Kubedos.Providers.Tests.Ansible;

public sealed class PlaybookProgressTests
{
    [Fact]
    public void Take_TaskAndResults_StatusShowsTheTaskAndEveryHostsCounts()
    {
        var progress = new PlaybookProgress();

        progress.Take("""{"event": "task", "role": "supervision", "task": "run script"}""");
        progress.Take("""{"event": "ok", "host": "cp-1", "role": "supervision", "task": "run script"}""");
        var status = progress.Take("""{"event": "changed", "host": "w-1", "role": "supervision", "task": "run script"}""");

        Assert.Equal("supervision : run script | cp-1 ok=1 changed=0 failed=0, w-1 ok=0 changed=1 failed=0", status);
        Assert.Equal([new PlaybookChange("w-1", "supervision", "run script")], progress.Changes);
    }

    [Fact]
    public void Take_FailedAndUnreachable_AreFailuresInAnsiblesWords_IgnoredOnesAreNot()
    {
        var progress = new PlaybookProgress();

        progress.Take("""{"event": "failed", "host": "cp-1", "role": "etcd", "task": "start", "msg": "boom", "ignored": false}""");
        progress.Take("""{"event": "failed", "host": "cp-2", "role": "etcd", "task": "probe", "msg": "expected", "ignored": true}""");
        progress.Take("""{"event": "unreachable", "host": "w-1", "role": "", "task": "Gathering", "msg": "Host key verification failed."}""");

        Assert.Equal(
            ["cp-1: failed: etcd : start: boom", "w-1: unreachable: Gathering: Host key verification failed."],
            progress.Failures.Select(f => f.ToString()));
    }

    [Fact]
    public void Take_Stats_IsTheRecap()
    {
        var progress = new PlaybookProgress();

        progress.Take("""{"event": "stats", "hosts": {"cp-1": {"ok": 7, "changed": 2, "failures": 0, "unreachable": 0, "skipped": 1, "rescued": 0, "ignored": 0}}}""");

        Assert.Equal(new HostRecap(7, 2, 0, 0, 1), progress.Recap["cp-1"]);
        Assert.Equal(2, progress.Recap["cp-1"].ToMap()["changed"]);
    }

    [Fact]
    public void Take_LinesThatAreNotEvents_AreKeptApartAndRedacted()
    {
        var progress = new PlaybookProgress(text => text.Replace("hunter2", "[secret]", StringComparison.Ordinal));

        Assert.Null(progress.Take("[WARNING]: password hunter2 in a warning"));
        progress.Take("""{"event": "failed", "host": "cp-1", "role": "r", "task": "t", "msg": "bad hunter2"}""");
        progress.Take("""{"event": "diff", "host": "cp-1", "role": "r", "task": "t", "diff": "-hunter2\n+x\n"}""");

        Assert.Equal(["[WARNING]: password [secret] in a warning"], progress.Unparsed);
        Assert.Equal("bad [secret]", progress.Failures.Single().Message);
        Assert.DoesNotContain("hunter2", progress.Diffs.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NoTaskFailed_IsAnsiblesOwnError()
    {
        var result = new PlaybookResult(4, new PlaybookProgress(), "ERROR! the playbook: site.yml could not be found");

        Assert.False(result.Succeeded);
        Assert.Equal("ansible-playbook exited 4: ERROR! the playbook: site.yml could not be found", result.Explain());
    }
}
