namespace Kubedos.Components.Firstboot;

/// <summary>Reads the <c>SHA256:...</c> fingerprint out of <c>ssh-keygen -l -E sha256</c> output.</summary>
internal static class HostKeyFingerprint
{
    public static string Parse(string keygenOutput)
    {
        ArgumentNullException.ThrowIfNull(keygenOutput);
        var token = keygenOutput.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(t => t.StartsWith("SHA256:", StringComparison.Ordinal));
        return token ?? throw new FormatException($"no SHA256 fingerprint in ssh-keygen output '{keygenOutput.Trim()}'");
    }

    /// <summary>The <c>ssh-ed25519 AAAA...</c> key (type and base64, no comment) from the printed public key file.</summary>
    public static string PublicKey(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("ssh-ed25519 ", StringComparison.Ordinal))
            ?? throw new FormatException($"no ssh-ed25519 public key in '{output.Trim()}'");
        return string.Join(' ', line.Split(' ').Take(2));
    }
}
