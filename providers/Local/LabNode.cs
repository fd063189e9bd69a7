using System.Globalization;
using System.Net;
using System.Text;
using Kubedos.Pki;

namespace Kubedos.Providers.Local;

/// <summary>
/// A running lab node: a network namespace with its own hostname and private mounts, held open by
/// a long-lived holder process whose namespaces every command on the node enters.
/// </summary>
public sealed class LabNode
{
    private static readonly Dictionary<string, string> BaseEnvironment = new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["HOME"] = "/root",
        ["LANG"] = "C.UTF-8",
    };

    private static readonly TimeSpan StartupGrace = TimeSpan.FromMilliseconds(300);

    private readonly ICommandRunner runner;

    internal LabNode(ICommandRunner runner, LabNodeSpec spec, string networkNamespace, string stateDirectory, ProcessIdentity holder)
    {
        this.runner = runner;
        Stack = spec.Stack;
        Name = spec.Name;
        Address = spec.Address;
        Namespace = networkNamespace;
        StateDirectory = stateDirectory;
        Holder = holder;
    }

    /// <summary>The stack the node belongs to.</summary>
    public string Stack { get; }

    /// <summary>The node name, also its hostname.</summary>
    public string Name { get; }

    /// <summary>The node's underlay address (on <see cref="LabNames.NodeInterface"/>).</summary>
    public IPAddress Address { get; }

    /// <summary>The node's network namespace (see <c>ip netns list</c>).</summary>
    public string Namespace { get; }

    /// <summary>The host directory behind the node's private /etc overlay, /var/lib/kubedos, /root, /home, /tmp and /var/log.</summary>
    public string StateDirectory { get; }

    /// <summary>The process holding the node's hostname and mount namespaces.</summary>
    public ProcessIdentity Holder { get; }

    /// <summary>
    /// Which incarnation of the node this is: its holder's <see cref="ProcessIdentity.Incarnation"/>. A node made again
    /// (after its holder died) is a new machine with an empty disk, and a new instance.
    /// </summary>
    public string Instance => Holder.Incarnation;

    /// <summary>Runs a program inside the node (its network, hostname and filesystem) and returns what it printed.</summary>
    /// <exception cref="LabNodeGoneException">The node's holder process is gone.</exception>
    public Task<ProcessResult> ExecAsync(NodeInvocation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Arguments.Count == 0)
        {
            throw new ArgumentException("a node command needs a program", nameof(command));
        }

        // Entering by PID is only safe while the PID is still the holder's, not a successor's.
        if (!Holder.IsAlive())
        {
            throw new LabNodeGoneException(Stack, Name);
        }

        var environment = new Dictionary<string, string>(BaseEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in command.Environment)
        {
            environment[key] = value;
        }

        string[] enter = ["-t", Holder.Pid.ToString(CultureInfo.InvariantCulture), "-n", "-u", "-m", "--"];
        var host = new HostCommand("nsenter", [.. enter, .. command.Arguments])
        {
            Stdin = command.Stdin,
            Environment = environment,
            CleanEnvironment = true,
            Timeout = command.Timeout,
        };
        return runner.RunAsync(host, cancellationToken);
    }

    /// <summary>Runs a program inside the node and throws <see cref="LabCommandException"/> unless it exits 0.</summary>
    public async Task<ProcessResult> ExecCheckedAsync(NodeInvocation command, CancellationToken cancellationToken)
    {
        var result = await ExecAsync(command, cancellationToken);
        return result.Succeeded
            ? result
            : throw new LabCommandException(Namespace, new HostCommand(command.Arguments[0], command.Arguments.Skip(1).ToArray()), result);
    }

    /// <summary>Runs argv inside the node and throws <see cref="LabCommandException"/> unless it exits 0.</summary>
    public Task<ProcessResult> ExecCheckedAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExecCheckedAsync(NodeInvocation.Of(arguments), cancellationToken);

    /// <summary>Writes a file into the node's private filesystem (creating its directory) with a mode such as "0600".</summary>
    public Task WriteFileAsync(string path, byte[] content, string mode, CancellationToken cancellationToken) =>
        WriteFileAsync(path, content, mode, null, cancellationToken);

    /// <summary>Writes UTF-8 text into the node's private filesystem.</summary>
    public Task WriteFileAsync(string path, string content, string mode, CancellationToken cancellationToken) =>
        WriteFileAsync(path, Encoding.UTF8.GetBytes(content), mode, null, cancellationToken);

    /// <summary>Writes a file owned by <paramref name="owner"/> (<c>user</c> or <c>user:group</c> on the node; null keeps root).</summary>
    /// <remarks>
    /// The file appears whole (written aside, then renamed) and never readable beyond its mode;
    /// missing directories are created 0755 and root-owned. The copy aside must hash to the content's SHA-256
    /// before it is renamed: a writer killed mid-stream closes the pipe, and the shell on the node would otherwise
    /// rename a truncated file into place.
    /// </remarks>
    public Task WriteFileAsync(string path, byte[] content, string mode, string? owner, CancellationToken cancellationToken)
    {
        CheckAbsolute(path);
        if (mode.Length is < 3 or > 4 || !mode.All(c => c is >= '0' and <= '7'))
        {
            throw new ArgumentException($"mode '{mode}' must be octal, e.g. 0644", nameof(mode));
        }

        if (owner is not null && !IsOwner(owner))
        {
            throw new ArgumentException($"owner '{owner}' must be user or user:group", nameof(owner));
        }

        // Written from inside the node so the path resolves in its mount namespace (symlinks included).
        const string Script = """
            set -e
            (umask 022; mkdir -p "$(dirname "$1")")
            umask 077
            cat >"$1.kubedos-tmp"
            if [ "$(sha256sum <"$1.kubedos-tmp")" != "$4  -" ]; then
              rm -f "$1.kubedos-tmp"
              echo "$1: the content arrived incomplete; the file was left as it was" >&2
              exit 1
            fi
            chmod "$2" "$1.kubedos-tmp"
            if [ -n "$3" ]; then chown "$3" "$1.kubedos-tmp"; fi
            mv -f "$1.kubedos-tmp" "$1"
            """;
        return ExecCheckedAsync(new NodeInvocation(["sh", "-c", Script, "sh", path, mode, owner ?? string.Empty, Sha256Hex.Of(content)]) { Stdin = content }, cancellationToken);
    }

    /// <summary>
    /// Replaces <paramref name="directory"/> in the node's private filesystem with the contents of a tar
    /// <paramref name="archive"/>: unpacked beside it, then swapped in, so a failed unpack leaves the old one.
    /// </summary>
    public Task UnpackAsync(string directory, byte[] archive, CancellationToken cancellationToken)
    {
        CheckAbsolute(directory);
        ArgumentNullException.ThrowIfNull(archive);
        const string Script = """
            set -e
            umask 022
            rm -rf "$1.kubedos-new"
            mkdir -p "$1.kubedos-new"
            tar -x -f - -C "$1.kubedos-new" --no-same-owner
            rm -rf "$1"
            mv "$1.kubedos-new" "$1"
            """;
        return ExecCheckedAsync(new NodeInvocation(["sh", "-c", Script, "sh", directory.TrimEnd('/')]) { Stdin = archive }, cancellationToken);
    }

    /// <summary>True for <c>user</c> or <c>user:group</c> with POSIX-portable names.</summary>
    public static bool IsOwner(string owner) =>
        owner.Split(':') is { Length: 1 or 2 } parts
        && parts.All(p => p.Length is > 0 and <= 32 && (char.IsAsciiLetterLower(p[0]) || p[0] == '_')
            && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'));

    /// <summary>Reads a file from the node's private filesystem, or null when it does not exist.</summary>
    public async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        CheckAbsolute(path);
        var result = await ExecAsync(NodeInvocation.Of("sh", "-c", "[ -f \"$1\" ] || exit 3; cat \"$1\"", "sh", path), cancellationToken);
        return result.ExitCode switch
        {
            0 => result.Stdout,
            3 => null,
            _ => throw new LabCommandException(Namespace, HostCommand.Of("cat", path), result),
        };
    }

    /// <summary>
    /// Starts a long-lived program in the node, detached from the caller, logging to
    /// <c>/var/log/kubedos/NAME.log</c> on the node; the program must stay in the foreground
    /// (<c>sshd -D</c>, <c>wireguard-go -f</c>) so that the returned identity is the program's.
    /// </summary>
    /// <exception cref="LabCommandException">The program did not start or exited at once (its log is in the message).</exception>
    public Task<ProcessIdentity> StartProcessAsync(
        string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        StartProcessAsync(name, arguments, environment, StartupGrace, cancellationToken);

    /// <summary>Starts a process; <paramref name="startupGrace"/> is how long it must survive to count as started.</summary>
    /// <remarks>Callers that check readiness themselves (a socket answering) pass zero and skip the wait.</remarks>
    internal async Task<ProcessIdentity> StartProcessAsync(
        string name,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan startupGrace,
        CancellationToken cancellationToken)
    {
        LabNames.CheckName(name, "process");
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("a process needs a program", nameof(arguments));
        }

        const string Launch = """
            name=$1; shift
            mkdir -p /run/kubedos/processes /var/log/kubedos
            rm -f "/run/kubedos/processes/$name.pid"
            setsid -f sh -c 'echo $$ >"$0"; exec "$@"' "/run/kubedos/processes/$name.pid" "$@" </dev/null >>"/var/log/kubedos/$name.log" 2>&1
            """;
        var launch = new NodeInvocation(["sh", "-c", Launch, "sh", name, .. arguments])
        {
            Environment = environment ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
        await ExecCheckedAsync(launch, cancellationToken);

        var pidFile = $"/run/kubedos/processes/{name}.pid";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var text = await ReadFileAsync(pidFile, cancellationToken);
            if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                && ProcessIdentity.Read(pid) is { } started)
            {
                // A program that dies on a bad configuration usually does so at once: report it here.
                await Task.Delay(startupGrace, cancellationToken);
                if (started.IsAlive())
                {
                    return started;
                }

                var log = await ReadFileAsync($"/var/log/kubedos/{name}.log", cancellationToken);
                throw new LabCommandException($"process {name} on node {Name} exited right after starting: {log?.Trim()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        throw new LabCommandException($"process {name} on node {Name} did not report its PID");
    }

    /// <summary>Stops a process started with StartProcessAsync: TERM, then KILL after a grace period.</summary>
    public async Task StopProcessAsync(ProcessIdentity process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        foreach (var signal in new[] { "TERM", "KILL" })
        {
            if (!process.IsAlive())
            {
                return;
            }

            await runner.RunAsync(HostCommand.Of("kill", "-" + signal, process.Pid.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            for (var waited = 0; waited < 100 && process.IsAlive(); waited++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(30), cancellationToken);
            }
        }

        if (process.IsAlive())
        {
            throw new LabCommandException($"process {process.Pid} ({process.Command}) on node {Name} survived SIGKILL");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Namespace} ({Address})";

    private static void CheckAbsolute(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"node path '{path}' must be absolute", nameof(path));
        }
    }
}
