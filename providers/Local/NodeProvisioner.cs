using System.Globalization;
using System.Net;

namespace Kubedos.Providers.Local;

/// <summary>Creates (or adopts) and removes lab nodes.</summary>
internal sealed class NodeProvisioner(ICommandRunner runner, LabOptions options, TimeProvider time)
{
    private static readonly TimeSpan HolderStartLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    // In a node's state: the digest of the image it runs, empty on the host's files.
    private const string ImageFile = "image.sha256";

    private readonly NetworkNamespaces namespaces = new(runner);

    private readonly LabImages images = new(runner, options);

    /// <summary>Makes the node exist as specified; an existing healthy node is adopted unchanged.</summary>
    public async Task<LabNode> EnsureAsync(LabNodeSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("lab nodes are Linux network namespaces");
        }

        var names = LabNames.For(spec.Stack);
        var space = names.NodeNamespace(spec.Name);
        if (!Ipv4.IsHostAddress(spec.UnderlayCidr, spec.Address) || spec.Address.Equals(Ipv4.LastUsable(spec.UnderlayCidr)))
        {
            throw new ArgumentException(
                $"node {spec.Name}: address {spec.Address} is not a free host address of the underlay {spec.UnderlayCidr} (the last usable one is the operator's)",
                nameof(spec));
        }

        if (!await namespaces.ExistsAsync(names.SwitchNamespace, cancellationToken))
        {
            throw new LabConflictException($"node {spec.Name}: the underlay of stack {spec.Stack} does not exist (no {names.SwitchNamespace})");
        }

        var state = options.NodeDirectory(spec.Stack, spec.Name);

        // A node whose holder is gone is a machine that failed. Making it again makes a new machine, never a repaired one:
        // its disk starts empty (new host keys, no old identity, no spent enrollment), as a replacement host's would.
        // A node runs the image it was made from: one on another root (or none) is not this node.
        var exists = await namespaces.ExistsAsync(space, cancellationToken);
        var adopted = exists && ImageOf(state) == spec.Image?.Sha256 ? await AdoptHolderAsync(state, space, cancellationToken) : null;
        if (adopted is null)
        {
            if (exists)
            {
                await StopAllAsync(space, state, cancellationToken);
            }

            await RemoveStateAsync(state, cancellationToken);
        }

        // Node state holds host keys and secrets: the stack's directory is root's alone.
        Directory.CreateDirectory(options.StackDirectory(spec.Stack));
        File.SetUnixFileMode(options.StackDirectory(spec.Stack), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tree = spec.Image is { } image ? await images.EnsureAsync(image, cancellationToken) : null;
        foreach (var directory in NodeHolder.Binds.Select(b => b.Directory).Concat(tree is null ? NodeHolder.OverlayDirectories : NodeHolder.ImageDirectories))
        {
            Directory.CreateDirectory(Path.Combine(state, directory));
        }

        if (adopted is null)
        {
            await File.WriteAllTextAsync(Path.Combine(state, ImageFile), spec.Image?.Sha256 ?? string.Empty, cancellationToken);
        }

        File.SetUnixFileMode(Path.Combine(state, "tmp"), UnixFileMode.StickyBit | (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(Path.Combine(state, "root"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory("/var/lib/kubedos");

        await namespaces.EnsureAsync(space, cancellationToken);
        await EnsureLinkAsync(names, spec, space, cancellationToken);
        var holder = adopted ?? await StartHolderAsync(spec, state, space, tree, cancellationToken);
        return new LabNode(runner, spec, space, state, holder);
    }

    /// <summary>The node if it exists and its holder is alive, else null.</summary>
    public async Task<LabNode?> FindAsync(string stack, string node, CancellationToken cancellationToken)
    {
        var names = LabNames.For(stack);
        var space = names.NodeNamespace(node);
        var state = options.NodeDirectory(stack, node);
        if (!await namespaces.ExistsAsync(space, cancellationToken)
            || await AdoptHolderAsync(state, space, cancellationToken) is not { } holder)
        {
            return null;
        }

        // A node whose underlay link is gone (its switch was removed) is not usable as it is.
        var addresses = await runner.RunAsync(
            cancellationToken, "ip", "-n", space, "-j", "-4", "addr", "show", "dev", LabNames.NodeInterface);
        var info = addresses.Succeeded
            ? IpJson.Array(addresses.Stdout).SelectMany(l => l.GetProperty("addr_info").EnumerateArray()).FirstOrDefault()
            : default;
        if (info.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            return null;
        }

        var address = IPAddress.Parse(info.GetProperty("local").GetString()!);
        var cidr = Ipv4.NetworkOf(address, info.GetProperty("prefixlen").GetInt32());
        return new LabNode(runner, new LabNodeSpec(stack, node, address, cidr), space, state, holder);
    }

    /// <summary>The nodes of a stack that exist in any form: a namespace or a state directory.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string stack, CancellationToken cancellationToken)
    {
        var names = LabNames.For(stack);
        var prefix = $"kd.{stack}.";
        var fromNamespaces = (await namespaces.ListAsync(cancellationToken))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n != names.SwitchNamespace)
            .Select(n => n[prefix.Length..]);
        var directory = options.StackDirectory(stack);
        var fromState = Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Select(Path.GetFileName).OfType<string>()
            : [];
        return fromNamespaces.Concat(fromState).Where(LabNames.IsName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Stops every process in the node, then removes its link, namespace, mounts and state.</summary>
    public async Task RemoveAsync(string stack, string node, CancellationToken cancellationToken)
    {
        var names = LabNames.For(stack);
        var space = names.NodeNamespace(node);
        var state = options.NodeDirectory(stack, node);
        await StopAllAsync(space, state, cancellationToken);

        if (await namespaces.ExistsAsync(names.SwitchNamespace, cancellationToken)
            && await namespaces.LinkExistsAsync(names.SwitchNamespace, names.NodePort(node), cancellationToken))
        {
            await namespaces.IpAsync(names.SwitchNamespace, cancellationToken, "link", "del", names.NodePort(node));
        }

        await namespaces.DeleteAsync(space, cancellationToken);

        // A disk still attached would hold its file (and a loop device) after the state is gone.
        await new LabDisks(runner).DetachUnderAsync(state, cancellationToken);
        await RemoveStateAsync(state, cancellationToken);
    }

    private async Task EnsureLinkAsync(LabNames names, LabNodeSpec spec, string space, CancellationToken cancellationToken)
    {
        var port = names.NodePort(spec.Name);
        if (!await namespaces.LinkExistsAsync(space, LabNames.NodeInterface, cancellationToken))
        {
            // A switch port whose node end vanished with an older namespace would block the name.
            if (await namespaces.LinkExistsAsync(names.SwitchNamespace, port, cancellationToken))
            {
                await namespaces.IpAsync(names.SwitchNamespace, cancellationToken, "link", "del", port);
            }

            await namespaces.IpAsync(
                null, cancellationToken, "link", "add", port, "netns", names.SwitchNamespace,
                "type", "veth", "peer", "name", LabNames.NodeInterface, "netns", space, "address", names.NodeMac(spec.Name));
        }

        await namespaces.IpAsync(names.SwitchNamespace, cancellationToken, "link", "set", port, "master", LabNames.Bridge, "up");
        var wanted = $"{spec.Address}/{spec.UnderlayCidr.PrefixLength}";
        var shown = await namespaces.IpAsync(space, cancellationToken, "-j", "-4", "addr", "show", "dev", LabNames.NodeInterface);
        var present = IpJson.Array(shown.Stdout)
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")
            .ToArray();
        foreach (var stale in present.Where(p => p != wanted))
        {
            await namespaces.IpAsync(space, cancellationToken, "addr", "del", stale, "dev", LabNames.NodeInterface);
        }

        if (!present.Contains(wanted))
        {
            await namespaces.IpAsync(space, cancellationToken, "addr", "add", wanted, "dev", LabNames.NodeInterface);
        }

        await namespaces.IpAsync(space, cancellationToken, "link", "set", LabNames.NodeInterface, "up");
    }

    private async Task<ProcessIdentity?> AdoptHolderAsync(string state, string space, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(state, "holder.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse(await File.ReadAllTextAsync(pidFile, cancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || ProcessIdentity.Read(pid) is not { Command: "sleep" } holder)
        {
            return null;
        }

        return await namespaces.IdentifyAsync(pid, cancellationToken) == space ? holder : null;
    }

    // The digest of the image a node's state was made for (empty: the host's files), or null for state from before images.
    private static string? ImageOf(string state)
    {
        var path = Path.Combine(state, ImageFile);
        var text = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private async Task<ProcessIdentity> StartHolderAsync(LabNodeSpec spec, string state, string space, string? image, CancellationToken cancellationToken)
    {
        // Processes left in the namespace by a holder that died belong to a lost mount namespace
        // (and may keep the /etc overlay busy): a node restarts clean.
        await StopAllAsync(space, state, cancellationToken);
        var fresh = Path.Combine(state, "holder.pid.new");
        File.Delete(fresh);
        await runner.RunCheckedAsync(
            cancellationToken, "ip", "netns", "exec", space, "setsid", "-f",
            "unshare", "--uts", "--mount", "--propagation", "private", "--",
            "sh", "-c", NodeHolder.Script, "sh", state, options.LabRoot, spec.Name, image ?? string.Empty);

        var deadline = time.GetUtcNow() + HolderStartLimit;
        while (time.GetUtcNow() < deadline)
        {
            var text = File.Exists(fresh) ? await File.ReadAllTextAsync(fresh, cancellationToken) : string.Empty;
            // The script writes its pid just before it execs sleep: the holder is what AdoptHolderAsync will know (a sleep),
            // never the shell of a moment before, or a later read of the same process would not match it.
            if (text.EndsWith('\n')
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                && ProcessIdentity.Read(pid) is { Command: "sleep" } holder)
            {
                File.Move(fresh, Path.Combine(state, "holder.pid"), overwrite: true);
                return holder;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }

        var log = Path.Combine(state, "holder.log");
        var why = File.Exists(log) ? (await File.ReadAllTextAsync(log, cancellationToken)).Trim() : "no log";
        throw new LabCommandException($"node {spec.Name} of stack {spec.Stack}: the holder did not start within {HolderStartLimit.TotalSeconds:0} s: {why}");
    }

    private async Task StopAllAsync(string space, string state, CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { "TERM", "KILL" })
        {
            var pids = await namespaces.PidsAsync(space, cancellationToken);
            if (pids.Count == 0)
            {
                break;
            }

            await runner.RunAsync(HostCommand.Of("kill", ["-" + signal, .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]), cancellationToken);
            var deadline = time.GetUtcNow() + StopGrace;
            while (time.GetUtcNow() < deadline && (await namespaces.PidsAsync(space, cancellationToken)).Count > 0)
            {
                await Task.Delay(Poll, time, cancellationToken);
            }
        }

        if (Directory.Exists(state))
        {
            File.Delete(Path.Combine(state, "holder.pid"));
        }
    }

    private async Task RemoveStateAsync(string state, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(state))
        {
            return;
        }

        // Nothing of a node is mounted in the host's namespace; if something is, it must not be deleted through.
        var mounts = await runner.RunCheckedAsync(cancellationToken, "findmnt", "-rn", "-o", "TARGET");
        foreach (var target in mounts.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                     .Where(t => t == state || t.StartsWith(state + "/", StringComparison.Ordinal))
                     .OrderByDescending(t => t.Length))
        {
            await runner.RunCheckedAsync(cancellationToken, "umount", "-l", target);
        }

        await runner.RunCheckedAsync(cancellationToken, "rm", "-rf", "--one-file-system", state);
        // Sibling nodes are removed in parallel: another may empty and delete the stack directory first,
        // or a new node may fill it again; either is fine, only an empty directory goes.
        var stackDirectory = Path.GetDirectoryName(state)!;
        try
        {
            if (!Directory.EnumerateFileSystemEntries(stackDirectory).Any())
            {
                Directory.Delete(stackDirectory);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException) when (Directory.Exists(stackDirectory) && Directory.EnumerateFileSystemEntries(stackDirectory).Any())
        {
        }
    }
}
