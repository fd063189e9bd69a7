using System.Diagnostics;

namespace Kubedos.Components.Seal;

/// <summary>The project's git commit and whether its work tree differs from it (tracked changes or untracked files).</summary>
/// <param name="Commit">The commit hash, or <c>unknown</c> outside a git work tree.</param>
/// <param name="Dirty">True when the tree differs from the commit; null when unknown.</param>
internal sealed record SourceRevision(string Commit, bool? Dirty)
{
    public static SourceRevision Unknown { get; } = new("unknown", null);

    /// <summary>Asks git (read-only: <c>rev-parse</c>, <c>status --porcelain</c>) about <paramref name="directory"/>.</summary>
    public static SourceRevision Read(string directory)
    {
        var commit = Git(directory, "rev-parse", "HEAD");
        if (commit is null)
        {
            return Unknown;
        }

        var status = Git(directory, "status", "--porcelain", "--untracked-files=normal");
        return new SourceRevision(commit.Trim(), status is null ? null : status.Trim().Length > 0);
    }

    private static string? Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
