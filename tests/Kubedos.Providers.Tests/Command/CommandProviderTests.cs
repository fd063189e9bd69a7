using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Command;
using Kubedos.Testing;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.Command;

public sealed class CommandProviderTests : IDisposable
{
    private const string Local = "command:local:Command";
    private const string Remote = "command:remote:Command";
    private const string Copy = "command:remote:CopyToRemote";
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-cmd-").FullName;
    private readonly List<string> _log = [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Local_CreateUpdateDelete_RunTheirCommands()
    {
        var provider = CommandProvider.Create(_log.Add);
        var file = Path.Combine(_dir, "state");
        var inputs = PropertyMap.Of(
            ("create", $"echo created > {file}; echo made"),
            ("update", $"echo updated > {file}"),
            ("delete", $"rm {file}"),
            ("environment", PropertyMap.Of(("STAGE", "one"))));

        var created = await CreateAsync(provider, Local, inputs);
        Assert.Equal("created", (await File.ReadAllTextAsync(file)).Trim());
        Assert.Equal("made", Text(created.Outputs, "stdout"));
        Assert.Contains("r: stdout: made", _log);

        var newInputs = inputs.Set("environment", PropertyMap.Of(("STAGE", "two")));
        var diff = await DiffAsync(provider, Local, created, newInputs);
        Assert.False(diff.RequiresReplace);
        await provider.UpdateAsync(new UpdateRequest(UrnOf(Local, "r"), Local, created.Id, created.Inputs, created.Outputs, newInputs, false), CancellationToken.None);
        Assert.Equal("updated", (await File.ReadAllTextAsync(file)).Trim());

        await provider.DeleteAsync(new DeleteRequest(UrnOf(Local, "r"), Local, created.Id, newInputs, created.Outputs), CancellationToken.None);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Local_AnInputBecomesSecret_IsNoChangeAndNothingDerivedIsRecorded()
    {
        var provider = CommandProvider.Create();
        var inputs = PropertyMap.Of(("create", "true"), ("environment", PropertyMap.Of(("TOKEN", "t"))));
        var created = await CreateAsync(provider, Local, inputs);

        var diff = await DiffAsync(provider, Local, created, inputs.Set("environment", PropertyMap.Of(("TOKEN", PropertyValue.Secret("t")))));

        Assert.DoesNotContain("hasSecrets", created.Inputs.Keys);
        Assert.Equal(DiffChanges.None, diff.Changes);
        Assert.Empty(diff.ChangedKeys);
    }

    [Fact]
    public async Task Local_TriggersChanged_DiffRequiresReplacement()
    {
        var provider = CommandProvider.Create();
        var inputs = PropertyMap.Of(("create", "true"), ("triggers", PropertyValue.Array("v1")));
        var created = await CreateAsync(provider, Local, inputs);

        var diff = await DiffAsync(provider, Local, created, inputs.Set("triggers", PropertyValue.Array("v2")));

        Assert.Equal("triggers", Assert.Single(diff.ReplaceKeys).Property);
    }

    [Fact]
    public async Task Local_VerifyFailsOnAnUnchangedCommand_DiffReplacesItNamingTheFailure()
    {
        var provider = CommandProvider.Create();
        var evidence = Path.Combine(_dir, "evidence");
        await File.WriteAllTextAsync(evidence, "judged");
        var inputs = PropertyMap.Of(("create", "echo judged"), ("verify", $"test -f {evidence} || {{ echo 'node w-1 is gone' >&2; exit 1; }}"));
        var created = await CreateAsync(provider, Local, inputs);

        var fresh = await DiffAsync(provider, Local, created, inputs);
        File.Delete(evidence);
        var stale = await DiffAsync(provider, Local, created, inputs);

        Assert.Equal(DiffChanges.None, fresh.Changes);
        var reason = Assert.Single(stale.ReplaceKeys);
        Assert.Equal("verify", reason.Property);
        Assert.Contains("node w-1 is gone", reason.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_VerifyOfAChangedCommand_IsNotRunTheChangeDecides()
    {
        var provider = CommandProvider.Create();
        var ran = Path.Combine(_dir, "verify-ran");
        var inputs = PropertyMap.Of(("create", "true"), ("verify", $"touch {ran}"), ("triggers", PropertyValue.Array("v1")));
        var created = await CreateAsync(provider, Local, inputs);

        var diff = await DiffAsync(provider, Local, created, inputs.Set("triggers", PropertyValue.Array("v2")));

        Assert.Equal("triggers", Assert.Single(diff.ReplaceKeys).Property);
        Assert.False(File.Exists(ran));
    }

    [Fact]
    public async Task Local_SecretEnvironmentValue_MaskedAndOutputsMarkedSecret()
    {
        var provider = CommandProvider.Create(_log.Add);
        var secret = "db-pass-" + Guid.NewGuid().ToString("N");

        var created = await CreateAsync(provider, Local, PropertyMap.Of(
            ("create", "echo \"password is $PW\"; echo \"$PW\" >&2"),
            ("environment", PropertyMap.Of(("PW", PropertyValue.Secret(secret))))));

        Assert.True(created.Outputs["stdout"].IsSecret);
        Assert.Equal("password is [secret]", Text(created.Outputs, "stdout"));
        Assert.DoesNotContain(AllStrings(created.Outputs), s => s.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_log, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.True(created.Inputs["environment"].AsObject()["PW"].IsSecret);
    }

    [Fact]
    public async Task Local_FailingCommandWithSecret_ProviderExceptionNamesPropertyWithoutSecret()
    {
        var provider = CommandProvider.Create(_log.Add);
        var secret = "api-" + Guid.NewGuid().ToString("N");
        var secretCommand = $"curl -H 'Authorization: {secret}' http://127.0.0.1:9 2>/dev/null; exit 4";

        var error = await Assert.ThrowsAsync<ProviderException>(() => CreateAsync(provider, Local, PropertyMap.Of(
            ("create", PropertyValue.Secret(secretCommand)))));

        Assert.Equal("create", error.Property);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("command '[secret]'", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_MissingCreate_FailsCheck()
    {
        var failures = await CheckFailuresAsync(CommandProvider.Create(), Local, PropertyMap.Of(("create", "  ")));
        Assert.Contains(failures, f => f.Property == "create");
    }

    [Fact]
    public async Task Remote_MissingHostKeyFingerprint_FailsCheckNoTrustOnFirstUse()
    {
        var failures = await CheckFailuresAsync(CommandProvider.Create(), Remote, PropertyMap.Of(
            ("connection", PropertyMap.Of(("host", "127.0.0.1"), ("user", "root"), ("privateKey", PropertyValue.Secret("k")), ("hostKeyFingerprint", ""))),
            ("create", "true")));

        var failure = Assert.Single(failures, f => f.Property == "connection.hostKeyFingerprint");
        Assert.Contains("never trusted on first use", failure.Reason, StringComparison.Ordinal);
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task Remote_PinnedHost_RunsAndMasksSecretEnvironment()
    {
        using var sshd = LoopbackSshd.Start();
        var provider = CommandProvider.Create(_log.Add);
        var secret = "join-" + Guid.NewGuid().ToString("N");

        var created = await CreateAsync(provider, Remote, PropertyMap.Of(
            ("connection", Connection(sshd, sshd.HostKeyFingerprint)),
            ("create", "hostname >/dev/null && echo \"token=$TOKEN\""),
            ("environment", PropertyMap.Of(("TOKEN", PropertyValue.Secret(secret))))));

        Assert.Equal("token=[secret]", Text(created.Outputs, "stdout"));
        Assert.DoesNotContain(_log, l => l.Contains(secret, StringComparison.Ordinal) || l.Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.True(created.Inputs["connection"].AsObject()["privateKey"].IsSecret);
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task Remote_ChangedHostKey_ProviderErrorOnFingerprint()
    {
        using var sshd = LoopbackSshd.Start();
        var other = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

        var error = await Assert.ThrowsAsync<ProviderException>(() => CreateAsync(CommandProvider.Create(), Remote, PropertyMap.Of(
            ("connection", Connection(sshd, other)),
            ("create", "touch /tmp/kubedos-should-not-exist"))));

        Assert.Equal("connection.hostKeyFingerprint", error.Property);
        Assert.DoesNotContain("PRIVATE KEY", error.ToString(), StringComparison.Ordinal);
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task CopyToRemote_SecretContent_WrittenHashedSecretAndDeleted()
    {
        using var sshd = LoopbackSshd.Start();
        var provider = CommandProvider.Create();
        var target = Path.Combine(sshd.Directory, "wg1.conf");
        var content = "[Interface]\nPrivateKey = " + Guid.NewGuid().ToString("N") + "\n";
        var inputs = PropertyMap.Of(
            ("connection", Connection(sshd, sshd.HostKeyFingerprint)),
            ("remotePath", target),
            ("content", PropertyValue.Secret(content)),
            ("mode", "0600"));

        var created = await CreateAsync(provider, Copy, inputs);

        Assert.Equal(content, await File.ReadAllTextAsync(target));
        Assert.True(created.Outputs["sha256"].IsSecret);
        await provider.DeleteAsync(new DeleteRequest(UrnOf(Copy, "r"), Copy, created.Id, created.Inputs, created.Outputs), CancellationToken.None);
        Assert.False(File.Exists(target));
    }

    private static PropertyMap Connection(LoopbackSshd sshd, string fingerprint) => PropertyMap.Of(
        ("host", "127.0.0.1"),
        ("port", sshd.Port),
        ("user", Environment.UserName),
        ("privateKey", PropertyValue.Secret(sshd.ClientKey)),
        ("hostKeyFingerprint", fingerprint));
}
