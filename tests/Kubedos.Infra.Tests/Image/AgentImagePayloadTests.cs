using Kubedos.Components.Image;

namespace Kubedos.Infra.Tests.Image;

/// <summary>The agent the node image carries: self-contained (the runtime inside), and the same bytes from any checkout.</summary>
public sealed class AgentImagePayloadTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("kubedos-checkout-").FullName;

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task PublishAsync_FromTwoCheckouts_GivesTheSameSelfContainedFiles()
    {
        var checkout = AgentImagePayload.CheckoutOfThisProgram();
        Assert.NotNull(checkout);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            File.Copy(Path.Combine(checkout, file), Path.Combine(_copy, file));
        }

        foreach (var project in new[] { "agent", "enrollment", "pki" })
        {
            CopySources(Path.Combine(checkout, project), Path.Combine(_copy, project));
        }

        var here = await AgentImagePayload.PublishAsync(checkout, CancellationToken.None);
        var there = await AgentImagePayload.PublishAsync(_copy, CancellationToken.None);

        Assert.Equal(here.Select(f => f.Path), there.Select(f => f.Path));
        Assert.All(here.Zip(there), pair => Assert.True(pair.First.Content.AsSpan().SequenceEqual(pair.Second.Content), $"{pair.First.Path} differs between two checkouts"));
        Assert.Contains(here, f => f.Path == AgentImagePayload.Program && f.Mode.HasFlag(UnixFileMode.OtherExecute));
        Assert.Contains(here, f => f.Path == $"{AgentImagePayload.Directory}/libcoreclr.so");

        // Self-contained: the runtime travels with it (a framework-dependent agent names a framework to find instead).
        var runtimeConfig = System.Text.Encoding.UTF8.GetString(here.Single(f => f.Path == $"{AgentImagePayload.Directory}/kubedos-agent.runtimeconfig.json").Content);
        Assert.Contains("\"includedFrameworks\"", runtimeConfig, StringComparison.Ordinal);
        Assert.DoesNotContain("\"framework\"", runtimeConfig, StringComparison.Ordinal);
        Assert.Contains(here, f => f.Path == $"{AgentImagePayload.Directory}/System.Private.CoreLib.dll");
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
