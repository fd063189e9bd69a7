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
}
