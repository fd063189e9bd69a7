namespace Kubedos.Testing;

/// <summary>What a lab test needs from the machine, and why it would be skipped.</summary>
public static class LabPrerequisites
{
    /// <summary>True when CI (or a person) asked that lab tests never skip.</summary>
    public static bool Required =>
        Environment.GetEnvironmentVariable("KUBEDOS_REQUIRE_LAB") is "1" or "true";

    /// <summary>Null when the lab can run, else why not.</summary>
    public static string? MissingReason(IEnumerable<string> binaries)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux network namespaces";
        }

        if (Environment.UserName != "root")
        {
            return "needs root (network namespaces, nftables, sshd)";
        }

        var missing = binaries.Where(b => FindOnPath(b) is null).ToArray();
        return missing.Length == 0
            ? null
            : $"needs {string.Join(", ", missing)} on PATH (scripts/install-host-deps.sh installs them)";
    }

    /// <summary>The full path of a program on PATH (plus the sbin folders), or null.</summary>
    public static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return dirs.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }
}
