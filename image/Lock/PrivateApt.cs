using Kubedos.Image.Tools;

namespace Kubedos.Image.Lock;

/// <summary>
/// An apt of its own in a temporary directory (own sources, lists and an empty dpkg status), so resolution sees
/// only the lock's mirror and never this machine's installed packages or configuration.
/// </summary>
internal sealed class PrivateApt : IDisposable
{
    private readonly string _root;

    private PrivateApt(string root) => _root = root;

    public static async Task<PrivateApt> CreateAsync(AptSource source, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("kubedos-apt-").FullName;
        foreach (var directory in new[] { "etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/sources.list.d", "var/lib/apt/lists/partial", "var/cache/apt/archives/partial", "var/lib/dpkg" })
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }

        await File.WriteAllTextAsync(Path.Combine(root, "etc/apt/sources.list"), source.SourcesLine + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "var/lib/dpkg/status"), string.Empty, cancellationToken);
        var apt = new PrivateApt(root);
        await apt.RunAsync("apt-get", ["-o", $"APT::Architecture={source.Architecture}", "update"], cancellationToken);
        return apt;
    }

    /// <summary>The <c>InRelease</c> file apt fetched and verified.</summary>
    public string InReleasePath => Directory.GetFiles(Path.Combine(_root, "var/lib/apt/lists"), "*_InRelease").Single();

    public Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ToolRun.RunAsync(
            "lock",
            [$"/usr/bin/{tool}", "-o", $"Dir={_root}", "-o", $"Dir::State::status={_root}/var/lib/dpkg/status", "-o", "Debug::NoLocking=1", "-o", "Acquire::Languages=none", .. arguments],
            null,
            cancellationToken);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
