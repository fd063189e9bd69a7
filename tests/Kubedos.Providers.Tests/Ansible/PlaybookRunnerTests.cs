using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kubedos.Providers.Ansible;
using Kubedos.Providers.Tests.Command;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Ansible;

/// <summary>The runner against a real sshd on loopback: pinned host keys, the event callback, check mode, failures, secrets.</summary>
public sealed class PlaybookRunnerTests : IDisposable
{
    private readonly string _content = Directory.CreateTempSubdirectory("kubedos-playbook-").FullName;

    public void Dispose() => Directory.Delete(_content, recursive: true);

    [LabFact("ansible-playbook", "sshd", "ssh", "ssh-keygen")]
    public async Task RunAsync_PinnedHost_ConvergesThenChangesNothingAndCheckModeFindsAHandEdit()
    {
        using var sshd = LoopbackSshd.Start();
        var target = Path.Combine(sshd.Directory, "managed.txt");
        Write("site.yml", """
            - hosts: all
              roles: [files]
            """);
        Write("roles/files/tasks/main.yml", $$$"""
            - name: managed file
              ansible.builtin.copy:
                content: "managed by {{ kubedos_owner }}\n"
                dest: {{{target}}}
                mode: "0644"
            """);

        var first = await RunAsync(sshd, PlaybookMode.Apply);
        var second = await RunAsync(sshd, PlaybookMode.Apply);
        await File.AppendAllTextAsync(target, "edited by hand\n");
        var check = await RunAsync(sshd, PlaybookMode.Check);

        Assert.True(first.Succeeded, first.Explain());
        Assert.Equal(1, first.Progress.Recap["loop"].Changed);
        Assert.Equal(0, second.Progress.Recap["loop"].Changed);
        Assert.Equal([new PlaybookChange("loop", "files", "managed file")], check.Progress.Changes);
        Assert.Contains("-edited by hand", check.Progress.Diffs.Single(), StringComparison.Ordinal);
        Assert.Equal("managed by kubedos\nedited by hand\n", await File.ReadAllTextAsync(target));
    }

    [LabFact("ansible-playbook", "sshd", "ssh", "ssh-keygen")]
    public async Task RunAsync_HostKeyNotThePinnedOne_IsUnreachableAndNothingRuns()
    {
        using var sshd = LoopbackSshd.Start();
        var target = Path.Combine(sshd.Directory, "never.txt");
        Write("site.yml", $$"""
            - hosts: all
              tasks:
                - name: never
                  ansible.builtin.copy: { content: "x", dest: {{target}} }
            """);
        var otherKey = "ssh-ed25519 " + Convert.ToBase64String([0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 32, .. new byte[32]]);

        var result = await RunAsync(sshd, PlaybookMode.Apply, knownHostsKey: otherKey);

        var failure = Assert.Single(result.Progress.Failures);
        Assert.True(failure.Unreachable);
        Assert.Contains("Host key verification failed", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [LabFact("ansible-playbook", "sshd", "ssh", "ssh-keygen")]
    public async Task RunAsync_FailingTask_IsHostRoleTaskAndMessage_SecretsMaskedAndNothingLeftBehind()
    {
        using var sshd = LoopbackSshd.Start();
        Write("site.yml", """
            - hosts: all
              roles: [checks]
            """);
        Write("roles/checks/tasks/main.yml", """
            - name: the variables file is the owner's alone
              ansible.builtin.stat:
                path: "{{ inventory_dir }}/host_vars/loop.json"
              delegate_to: localhost
              register: vars_file
            - name: refuse
              ansible.builtin.fail:
                msg: "mode {{ vars_file.stat.mode }} in {{ inventory_dir }} with {{ kubedos_token }}"
            """);

        var result = await RunAsync(sshd, PlaybookMode.Apply, variables: new Dictionary<string, string> { ["kubedos_token"] = "s3cret-token-value" });

        var failure = Assert.Single(result.Progress.Failures);
        Assert.Equal(("loop", "checks", "refuse"), (failure.Host, failure.Role, failure.Task));
        Assert.StartsWith("mode 0600 in ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith(" with [secret]", failure.Message, StringComparison.Ordinal);
        var runDirectory = failure.Message.Split(' ')[3];
        Assert.False(Directory.Exists(runDirectory), $"{runDirectory} outlived the run");
    }

    [Fact]
    public async Task RunAsync_FilesChangedSinceTheyWereRead_IsRefused()
    {
        Write("site.yml", "- hosts: all\n  tasks: []\n");
        var request = Request(Digest(["site.yml"]), "127.0.0.1 ssh-ed25519 AAAA", "{}", "key", PlaybookMode.Apply, new Dictionary<string, string>());
        Write("site.yml", "- hosts: all\n  tasks: [changed]\n");

        var error = await Assert.ThrowsAsync<PlaybookException>(() => new PlaybookRunner("ansible-playbook").RunAsync(request, null, CancellationToken.None));

        Assert.Contains("changed since the program read them", error.Message, StringComparison.Ordinal);
    }

    private async Task<PlaybookResult> RunAsync(
        LoopbackSshd sshd, PlaybookMode mode, string? knownHostsKey = null, IReadOnlyDictionary<string, string>? variables = null)
    {
        Write("ansible.cfg", "[defaults]\ngathering = explicit\ninterpreter_python = /usr/bin/python3\n[ssh_connection]\npipelining = True\n");
        var files = Directory.EnumerateFiles(_content, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_content, f)).ToList();
        var key = knownHostsKey ?? string.Join(' ', File.ReadAllText(Path.Combine(sshd.Directory, "host_ed25519.pub")).Split(' ').Take(2));
        var inventory = new JsonObject
        {
            ["all"] = new JsonObject
            {
                ["vars"] = new JsonObject { ["kubedos_owner"] = "kubedos" },
                ["hosts"] = new JsonObject { ["loop"] = new JsonObject { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = sshd.Port } },
            },
        };
        var request = Request(Digest(files), $"[127.0.0.1]:{sshd.Port} {key}", inventory.ToJsonString(), sshd.ClientKey, mode, variables ?? new Dictionary<string, string>());
        return await new PlaybookRunner("ansible-playbook").RunAsync(request with { Files = files }, null, CancellationToken.None);
    }

    // Every variable a test gives is a secret one.
    private PlaybookRequest Request(string digest, string knownHosts, string inventory, string key, PlaybookMode mode, IReadOnlyDictionary<string, string> variables) => new(
        _content,
        ["site.yml"],
        digest,
        "site.yml",
        inventory,
        knownHosts,
        Environment.UserName,
        key,
        new Dictionary<string, IReadOnlyDictionary<string, string>> { ["loop"] = variables },
        [.. variables.Values],
        mode,
        TimeSpan.FromSeconds(120));

    private string Digest(IEnumerable<string> files)
    {
        var manifest = new StringBuilder();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            manifest.Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_content, file))))).Append("  ").Append(file).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_content, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
