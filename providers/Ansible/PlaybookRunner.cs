using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Pki;
using Kubedos.Providers.Command;

namespace Kubedos.Providers.Ansible;

/// <summary>
/// Runs ansible-playbook for one request in a private directory (0700) made for the run and deleted after it: a copy of
/// the playbook's files checked against their digest, the inventory, per-host variable files (0600), a known_hosts
/// that pins every host (strict checking, never trust-on-first-use), the key (0600) and the event callback.
/// </summary>
/// <param name="program">The ansible-playbook to run.</param>
public sealed class PlaybookRunner(string program)
{
    private const string CallbackName = "kubedos_events";

    /// <summary>Runs the request; <paramref name="report"/> receives the status after each event (secrets masked).</summary>
    /// <exception cref="PlaybookException">The files changed since the caller read them, ansible-playbook cannot start, or the run timed out.</exception>
    public async Task<PlaybookResult> RunAsync(PlaybookRequest request, Action<string>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redactor = new SecretRedactor(request.HostVariables.Values.SelectMany(v => v.Values).Append(request.PrivateKey));
        var run = Directory.CreateTempSubdirectory("kubedos-ansible-").FullName;
        try
        {
            var content = Path.Combine(run, "content");
            CopyContent(request, content);
            var inventory = await WriteInventoryAsync(request, run, cancellationToken);
            var knownHosts = Path.Combine(run, "ssh", "known_hosts");
            var key = Path.Combine(run, "ssh", "id");
            Directory.CreateDirectory(Path.Combine(run, "ssh"));
            await OwnerOnlyFile.CreateNewAsync(knownHosts, request.KnownHosts.EndsWith('\n') ? request.KnownHosts : request.KnownHosts + "\n", cancellationToken);
            await OwnerOnlyFile.CreateNewAsync(key, request.PrivateKey.EndsWith('\n') ? request.PrivateKey : request.PrivateKey + "\n", cancellationToken);
            WriteCallback(Path.Combine(run, "callback"));
            Directory.CreateDirectory(Path.Combine(run, "cp"));
            Directory.CreateDirectory(Path.Combine(run, "tmp"));
            try
            {
                return await ExecuteAsync(request, run, content, inventory, knownHosts, key, redactor, report, cancellationToken);
            }
            finally
            {
                await CloseMastersAsync(Path.Combine(run, "cp"));
            }
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    private async Task<PlaybookResult> ExecuteAsync(
        PlaybookRequest request, string run, string content, string inventory, string knownHosts, string key, SecretRedactor redactor,
        Action<string>? report, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = content,
        };
        foreach (var argument in (string[])["-i", inventory, request.Path, .. request.Mode == PlaybookMode.Check ? ["--check", "--diff"] : (string[])[]])
        {
            start.ArgumentList.Add(argument);
        }

        // The run's own paths win over anything ansible.cfg or the environment says: nothing of it outlives the run.
        var environment = start.Environment;
        environment["ANSIBLE_CONFIG"] = Path.Combine(content, "ansible.cfg");
        environment["ANSIBLE_STDOUT_CALLBACK"] = CallbackName;
        environment["ANSIBLE_CALLBACK_PLUGINS"] = Path.Combine(run, "callback");
        environment["ANSIBLE_LOAD_CALLBACK_PLUGINS"] = "True";
        environment["ANSIBLE_REMOTE_USER"] = request.User;
        environment["ANSIBLE_PRIVATE_KEY_FILE"] = key;
        environment["ANSIBLE_HOST_KEY_CHECKING"] = "True";
        environment["ANSIBLE_SSH_CONTROL_PATH_DIR"] = Path.Combine(run, "cp");
        environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(run, "tmp");
        environment["ANSIBLE_HOME"] = Path.Combine(run, "tmp");
        environment["ANSIBLE_RETRY_FILES_ENABLED"] = "False";
        environment["ANSIBLE_NOCOLOR"] = "True";
        environment["ANSIBLE_SSH_COMMON_ARGS"] = string.Join(' ',
            "-F /dev/null",
            "-o StrictHostKeyChecking=yes",
            $"-o UserKnownHostsFile={knownHosts}",
            "-o GlobalKnownHostsFile=/dev/null",
            "-o HostKeyAlgorithms=ssh-ed25519",
            "-o IdentitiesOnly=yes",
            "-o BatchMode=yes",
            "-o ConnectTimeout=10");
        environment["PYTHONUNBUFFERED"] = "1";

        using var process = new Process { StartInfo = start };
        // Failure messages and diffs come from the nodes: a secret variable can come back in one.
        var progress = new PlaybookProgress(redactor.Redact);
        var stderr = new Queue<string>();
        var gate = new object();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (gate)
            {
                if (progress.Take(e.Data) is { } status)
                {
                    report?.Invoke(status);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (gate)
            {
                stderr.Enqueue(redactor.Redact(e.Data));
                while (stderr.Count > 40)
                {
                    stderr.Dequeue();
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PlaybookException($"could not start {program}: {e.Message} (scripts/install-host-deps.sh installs ansible-core)", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new PlaybookException($"{program} {request.Path} did not finish within {request.Timeout.TotalSeconds:0} s; at: {redactor.Redact(progress.Status())}");
        }

        lock (gate)
        {
            return new PlaybookResult(process.ExitCode, progress, string.Join('\n', stderr));
        }
    }

    private static void CopyContent(PlaybookRequest request, string content)
    {
        var manifest = new StringBuilder();
        foreach (var file in request.Files.Order(StringComparer.Ordinal))
        {
            if (file.Length == 0 || file.StartsWith('/') || file.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new PlaybookException($"playbook file '{file}' must be a relative path without empty, '.' or '..' parts");
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(Path.Combine(request.Source, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PlaybookException($"cannot read {Path.Combine(request.Source, file)}: {e.Message}", e);
            }

            var target = Path.Combine(content, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
            manifest.Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append("  ").Append(file).Append('\n');
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
        if (digest != request.Digest)
        {
            throw new PlaybookException($"the files in {request.Source} changed since the program read them (digest {request.Digest}, now {digest}); run again");
        }

        if (!File.Exists(Path.Combine(content, request.Path)))
        {
            throw new PlaybookException($"the playbook {request.Path} is not among the files of {request.Source}");
        }
    }

    private static async Task<string> WriteInventoryAsync(PlaybookRequest request, string run, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(run, "inventory");
        Directory.CreateDirectory(Path.Combine(directory, "host_vars"));
        var inventory = Path.Combine(directory, "hosts.json");
        await OwnerOnlyFile.CreateNewAsync(inventory, request.Inventory, cancellationToken);
        foreach (var (host, variables) in request.HostVariables)
        {
            if (host.Length == 0 || host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || host.StartsWith('.'))
            {
                throw new PlaybookException($"host '{host}' of the host variables is not an inventory host name");
            }

            var vars = new JsonObject();
            foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                vars[name] = value;
            }

            await OwnerOnlyFile.CreateNewAsync(Path.Combine(directory, "host_vars", host + ".json"), vars.ToJsonString(), cancellationToken);
        }

        return inventory;
    }

    private static void WriteCallback(string directory)
    {
        Directory.CreateDirectory(directory);
        using var source = typeof(PlaybookRunner).Assembly.GetManifestResourceStream($"{typeof(PlaybookRunner).Namespace}.{CallbackName}.py")
            ?? throw new PlaybookException($"the {CallbackName} callback is missing from {typeof(PlaybookRunner).Assembly.GetName().Name}");
        using var target = File.Create(Path.Combine(directory, CallbackName + ".py"));
        source.CopyTo(target);
    }

    // ansible's ssh masters (ControlPersist) outlive ansible-playbook: each is told to exit, so no process holds the run's
    // directory or a session to a node once the run is over.
    private static async Task CloseMastersAsync(string directory)
    {
        foreach (var socket in Directory.Exists(directory) ? Directory.GetFiles(directory) : [])
        {
            var stop = new ProcessStartInfo("ssh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["-F", "/dev/null", "-o", $"ControlPath={socket}", "-O", "exit", "kubedos-ansible-master"])
            {
                stop.ArgumentList.Add(argument);
            }

            try
            {
                using var process = Process.Start(stop)!;
                await process.WaitForExitAsync(CancellationToken.None);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return;
            }
        }
    }
}
