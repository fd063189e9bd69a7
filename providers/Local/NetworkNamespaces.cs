using System.Globalization;

namespace Kubedos.Providers.Local;

/// <summary>The <c>ip netns</c> and <c>ip link</c> operations the lab is built from, all idempotent.</summary>
internal sealed class NetworkNamespaces(ICommandRunner runner)
{
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Contains(name);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunCheckedAsync(cancellationToken, "ip", "-j", "netns", "list");
        return IpJson.Array(result.Stdout)
            .Select(n => n.TryGetProperty("name", out var v) ? v.GetString() : null)
            .OfType<string>()
            .ToArray();
    }

    public async Task EnsureAsync(string name, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(name, cancellationToken))
        {
            await runner.RunCheckedAsync(cancellationToken, "ip", "netns", "add", name);
        }

        await runner.RunCheckedAsync(cancellationToken, "ip", "-n", name, "link", "set", "lo", "up");
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(name, cancellationToken))
        {
            await runner.RunCheckedAsync(cancellationToken, "ip", "netns", "del", name);
        }
    }

    /// <summary>The processes whose network namespace is this one.</summary>
    public async Task<IReadOnlyList<int>> PidsAsync(string name, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(name, cancellationToken))
        {
            return [];
        }

        var result = await runner.RunCheckedAsync(cancellationToken, "ip", "netns", "pids", name);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>The namespace a process lives in, or null (root namespace, or the process is gone).</summary>
    public async Task<string?> IdentifyAsync(int pid, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(
            cancellationToken, "ip", "netns", "identify", pid.ToString(CultureInfo.InvariantCulture));
        var name = result.Stdout.Trim();
        return result.Succeeded && name.Length > 0 ? name : null;
    }

    /// <summary>True when the link exists; <paramref name="space"/> null means the root namespace.</summary>
    public async Task<bool> LinkExistsAsync(string? space, string link, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(HostCommand.Of("ip", In(space, "-j", "link", "show", "dev", link)), cancellationToken);
        return result.Succeeded;
    }

    /// <summary>Runs <c>ip [-n space] args...</c> and throws unless it succeeds.</summary>
    public Task<ProcessResult> IpAsync(string? space, CancellationToken cancellationToken, params string[] arguments) =>
        runner.RunCheckedAsync(HostCommand.Of("ip", In(space, arguments)), cancellationToken);

    private static string[] In(string? space, params string[] arguments) =>
        space is null ? arguments : ["-n", space, .. arguments];
}
