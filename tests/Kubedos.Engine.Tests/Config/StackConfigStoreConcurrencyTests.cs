using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Config;

/// <summary>Concurrent writers of one stack's config file each keep their change; a lost salt is refused, never replaced.</summary>
public sealed class StackConfigStoreConcurrencyTests : IDisposable
{
    private readonly TempProject project = new();

    public StackConfigStoreConcurrencyTests()
    {
        project.Write("Pulumi.yaml", "name: demo\nruntime: dotnet\n");
    }

    public void Dispose() => project.Dispose();

    private StackConfigStore Store(string passphrase = "pw") => new(project.Directory, "dev", PassphraseSource.FromPassphrase(passphrase));

    private static async Task TogetherAsync(int count, Action<int> action)
    {
        using var start = new Barrier(count);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                action(i);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
    }

    [Fact]
    public async Task Set_TenConcurrentWriters_EveryKeySurvives()
    {
        await TogetherAsync(10, i => Store().Set($"key{i}", $"value{i}", secret: false));

        var values = Store().Load().Values;
        Assert.Equal(10, values.Count);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal($"value{i}", Store().Get($"key{i}")!.Text));
    }

    [Fact]
    public async Task Set_TenConcurrentProcesses_EveryKeySurvives()
    {
        // The stack exists (config set refuses a stack nobody made, as Pulumi does); its file is what the writers race for.
        project.Write("Pulumi.dev.yaml", "config: {}\n");
        var results = await KubedosChild.RunTogetherAsync(
            project.Directory,
            new Dictionary<string, string>(),
            Enumerable.Range(0, 10).Select(i => new[] { "config", "set", $"key{i}", $"value{i}", "--stack", "dev" }));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"demo:key{i}").Order(StringComparer.Ordinal), Store().Load().Values.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetSecret_ConcurrentFirstUsers_ShareOneSalt_EverySecretDecrypts()
    {
        await TogetherAsync(4, i => Store().Set($"secret{i}", $"hunter{i}", secret: true));

        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal($"hunter{i}", Store().Get($"secret{i}")!.Text));
    }

    [Fact]
    public void SetSecret_SaltRemovedWhileSecretsRemain_RefusedNamingTheFile_NoNewSalt()
    {
        Store().Set("token", "hunter2", secret: true);
        var path = project.PathOf("Pulumi.dev.yaml");
        var withoutSalt = string.Join('\n', File.ReadAllLines(path).Where(l => !l.StartsWith("encryptionsalt:", StringComparison.Ordinal))) + "\n";
        File.WriteAllText(path, withoutSalt);

        var set = Assert.Throws<ConfigException>(() => Store().Set("other", "x", secret: true));
        var get = Assert.Throws<ConfigException>(() => Store().Get("token"));
        var open = Assert.Throws<ConfigException>(() => Store().OpenSecrets());

        Assert.Equal(path, set.File);
        Assert.Contains("no 'encryptionsalt'", set.Message, StringComparison.Ordinal);
        Assert.Contains("secrets_providers.state.salt", set.Message, StringComparison.Ordinal);
        Assert.Equal(set.Message, get.Message);
        Assert.Equal(set.Message, open.Message);
        Assert.Equal(withoutSalt, File.ReadAllText(path));
    }

    [Fact]
    public void Save_LeavesNoTempFileBehind()
    {
        Store().Set("a", "1", secret: false);
        Store().Set("b", "2", secret: false);

        Assert.Equal(["Pulumi.dev.yaml", "Pulumi.yaml"], Directory.GetFiles(project.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
