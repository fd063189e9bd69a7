using System.Diagnostics;
using Kubedos.Testing;

namespace Kubedos.Seal.Tests.Bundle;

/// <summary>Debian's Chromium, headless, with a throwaway profile: the DOM it builds from a page, and a screenshot of it.</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>The document as Chromium parsed it (<c>--dump-dom</c>), serialised back to HTML.</summary>
    public static Task<string> DumpDomAsync(string page) => RunAsync(["--dump-dom", new Uri(page).AbsoluteUri]);

    /// <summary>Writes a PNG of <paramref name="page"/> at <paramref name="width"/> x <paramref name="height"/> to <paramref name="png"/>.</summary>
    public static Task ScreenshotAsync(string page, string png, int width, int height) =>
        RunAsync([$"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var binary = LabPrerequisites.FindOnPath("chromium") ?? throw new InvalidOperationException("chromium is not installed (scripts/install-host-deps.sh installs Debian's)");
        var profile = Directory.CreateTempSubdirectory("kubedos-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            // As root Chromium refuses its sandbox; the page is ours and has no script. No network is asked for.
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={profile}", .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {Limit.TotalSeconds} s: {await stderr}");
            }

            return process.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stderr}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
