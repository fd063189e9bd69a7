using System.Text.Json;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class StackCommandsTests
{
    [Fact]
    public async Task Init_CreatesSelectsAndWritesEncryptionSalt()
    {
        using var p = new CliProject();

        await p.RunOkAsync("stack", "init", "dev");

        Assert.Contains("Created stack dev", p.Screen, StringComparison.Ordinal);
        Assert.StartsWith("encryptionsalt: v1:", File.ReadAllText(Path.Combine(p.Dir, "Pulumi.dev.yaml")), StringComparison.Ordinal);
        await p.RunOkAsync("stack", "ls");
        Assert.Contains("dev*", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_StackWithSecretsInState_NeedsNoPassphrase()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x", Password = Output.CreateSecret("hunter2") }));
        await p.RunOkAsync("up", "--yes");
        p.Environment.Clear();

        await p.RunOkAsync("stack", "ls");

        Assert.Contains("dev*", p.Screen, StringComparison.Ordinal);
        Assert.Contains("update", p.Screen, StringComparison.Ordinal);
        Assert.Contains("succeeded", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_SwitchesTheStackVerbsActOn()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("stack", "init", "prod");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));

        await p.RunOkAsync("stack", "select", "dev");
        await p.RunOkAsync("up", "--yes");

        Assert.Contains("Updating (dev):", p.Screen, StringComparison.Ordinal);
        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("stack", "select", "nope"));
    }

    [Fact]
    public async Task StackOption_And_Environment_OverrideTheSelection()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("stack", "init", "prod");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));

        await p.RunOkAsync("up", "--yes", "--stack", "dev");
        p.Environment["KUBEDOS_STACK"] = "dev";
        await p.RunOkAsync("preview");

        Assert.Contains("Updating (dev):", p.Screen, StringComparison.Ordinal);
        Assert.Contains("Previewing update (dev):", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rm_WithResources_RefusesUnlessForced()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        await p.RunOkAsync("up", "--yes");

        Assert.Equal(EngineExitCodes.NotConfirmed, await p.RunAsync("stack", "rm", "dev"));
        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("stack", "rm", "dev", "--yes"));
        await p.RunOkAsync("stack", "rm", "dev", "--yes", "--force");

        Assert.False(File.Exists(Path.Combine(p.Dir, "Pulumi.dev.yaml")));
        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("preview"));
    }

    [Fact]
    public async Task Output_MasksSecrets()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        p.Outputs = _ => new() { ["plain"] = "visible", ["token"] = Output.CreateSecret("hunter2") };
        await p.RunOkAsync("up", "--yes");

        await p.RunOkAsync("stack", "output");
        await p.RunOkAsync("stack", "output", "--json");

        Assert.Contains("Current stack outputs (2):", p.Screen, StringComparison.Ordinal);
        Assert.Contains("\"visible\"", p.Screen, StringComparison.Ordinal);
        Assert.Contains("[secret]", p.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", p.Screen + p.Out, StringComparison.Ordinal);
        Assert.Equal("""{"plain":"visible","token":"[secret]"}""", p.Out.Trim());
    }

    [Fact]
    public async Task ExportImport_RoundTripsTheCheckpoint()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        await p.RunOkAsync("up", "--yes");
        var exported = Path.Combine(p.Dir, "export.json");

        await p.RunOkAsync("stack", "export", "--file", exported);
        await p.RunOkAsync("destroy", "--yes");
        await p.RunOkAsync("stack", "import", "--file", exported, "--yes");
        await p.RunOkAsync("graph", "--format", "json");

        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(exported)).RootElement.GetProperty("deployment").GetProperty("resources").GetArrayLength());
        Assert.Contains(CliProject.UrnOf("a").Value, p.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_StaleLock_BreaksIt_LiveLockNeedsForce()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        var root = Path.Combine(p.Dir, ".kubedos");

        // A lock whose pid is now a later process (this one): stale.
        var lockFile = StackLock.PathFor(root, "demo", "dev");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        File.WriteAllText(lockFile, JsonSerializer.Serialize(new StackLockInfo("x", Environment.ProcessId, Environment.MachineName, "ghost", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), "up")));
        await p.RunOkAsync("stack", "unlock");
        Assert.Contains("Broke the lock of stack dev: 'up' by ghost@", p.Screen, StringComparison.Ordinal);

        using var live = StackLock.Acquire(root, "demo", "dev", "up");
        Assert.Equal(EngineExitCodes.StackLocked, await p.RunAsync("stack", "unlock"));
        Assert.Contains("live process", p.Error, StringComparison.Ordinal);
        await p.RunOkAsync("stack", "unlock", "--force");
        Assert.Null(StackLock.Read(root, "demo", "dev"));
        await p.RunOkAsync("stack", "unlock");
        Assert.Contains("Stack dev is not locked", p.Screen, StringComparison.Ordinal);
    }
}
