using System.Text;
using Kubedos.Image.Tools;

namespace Kubedos.Image.Boot;

/// <summary>
/// A cloud-init NoCloud seed for one node (what a Proxmox, cloud or bare-metal target boots with): the node's hostname,
/// the operator user with the stack's SSH key and no password, root and password logins off. Written as the
/// <c>CIDATA</c>-labelled ISO cloud-init looks for, with <c>user-data</c> and <c>meta-data</c> at its root.
/// </summary>
/// <param name="Hostname">The node name (a DNS label).</param>
/// <param name="User">The operator user.</param>
/// <param name="AuthorizedKey">The user's OpenSSH public key line.</param>
/// <param name="ExtraCommands">Commands run once at the end of first boot (cloud-init <c>runcmd</c>), each as argv.</param>
/// <param name="FinalMessage">What cloud-init prints on the console when first boot is done (its <c>final_message</c>).</param>
public sealed record NoCloudSeed(string Hostname, string User, string AuthorizedKey, IReadOnlyList<IReadOnlyList<string>> ExtraCommands, string FinalMessage)
{
    public string MetaData => $"instance-id: kubedos-{Hostname}\nlocal-hostname: {Hostname}\n";

    public string UserData
    {
        get
        {
            var text = new StringBuilder()
                .Append("#cloud-config\n")
                .Append($"hostname: {Quote(Hostname)}\n")
                // The image carries no locales package: C.UTF-8 is in libc itself (cloud-init's default en_US.UTF-8 fails).
                .Append("locale: C.UTF-8\n")
                .Append("disable_root: true\n")
                .Append("ssh_pwauth: false\n")
                .Append("users:\n")
                .Append($"  - name: {Quote(User)}\n")
                .Append("    shell: /bin/bash\n")
                .Append("    lock_passwd: true\n")
                .Append("    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n")
                .Append($"    ssh_authorized_keys: [{Quote(AuthorizedKey)}]\n");
            text.Append($"final_message: {Quote(FinalMessage)}\n");
            if (ExtraCommands.Count > 0)
            {
                text.Append("runcmd:\n");
                foreach (var command in ExtraCommands)
                {
                    text.Append("  - [").Append(string.Join(", ", command.Select(Quote))).Append("]\n");
                }
            }

            return text.ToString();
        }
    }

    /// <summary>Writes the seed ISO (ISO 9660 with Joliet and Rock Ridge, volume id <c>CIDATA</c>) to <paramref name="isoPath"/>.</summary>
    public async Task WriteIsoAsync(string isoPath, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("kubedos-seed-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "user-data"), UserData, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "meta-data"), MetaData, cancellationToken);
            await ToolRun.RunAsync(
                "seed", ["/usr/bin/xorriso", "-as", "mkisofs", "-quiet", "-output", isoPath, "-volid", "CIDATA", "-joliet", "-rock", directory], null, cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A YAML double-quoted scalar (JSON string syntax is valid YAML).</summary>
    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
