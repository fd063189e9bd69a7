using System.Diagnostics;
using Kubedos.Image.Build;

namespace Kubedos.Image.Tests;

public sealed class BootMenuTests
{
    public static TheoryData<string, string> Menus => new()
    {
        { "disk", BootFiles.All().Single(f => f.Path == "/boot/grub/grub.cfg").Content is var bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty },
        { "iso", IsoWriter.LiveMenu },
    };

    // GRUB's own parser: a quote GRUB cannot read drops a machine at the grub> prompt instead of booting.
    [Theory]
    [MemberData(nameof(Menus))]
    public async Task Menu_IsValidGrubScriptAndBootsTheKernelWithASerialConsole(string target, string menu)
    {
        var (exitCode, errors) = await GrubScriptCheckAsync(menu);

        Assert.True(exitCode == 0, $"{target}: {errors}");
        Assert.Contains("console=ttyS0,115200n8", menu, StringComparison.Ordinal);
        Assert.Contains("no_timer_check", menu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrubScriptCheck_RefusesAQuoteGrubCannotRead()
    {
        // GRUB has no escape inside single quotes: this title dropped the first built image at the grub> prompt.
        var (exitCode, _) = await GrubScriptCheckAsync("menuentry 'Kube\\'d\\'OS' {\n  linux /vmlinuz\n}\n");

        Assert.NotEqual(0, exitCode);
    }

    private static async Task<(int ExitCode, string Errors)> GrubScriptCheckAsync(string menu)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, menu);
            using var check = Process.Start(new ProcessStartInfo("grub-script-check", [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var errors = await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            return (check.ExitCode, errors);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
