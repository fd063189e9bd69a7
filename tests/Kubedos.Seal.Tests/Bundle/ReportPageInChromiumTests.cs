using System.Buffers.Binary;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kubedos.Seal.Bundle;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Seal.Tests.Bundle;

/// <summary>report.html as a browser builds it: what a person opening the file sees, not what the string says.</summary>
public sealed class ReportPageInChromiumTests(ITestOutputHelper output)
{
    [LabFact("chromium")]
    public async Task Report_OpenedInHeadlessChromium_DomHasVerdictGatesMatrixDrillsAndArtifacts_AndAScreenshotIsKept()
    {
        using var bundle = new SampleBundle();
        SampleBundle.AddDrillReport(bundle, "20261206T094650Z-delete-worker.json", recoverySeconds: 109.8, targetSeconds: 600);
        SampleBundle.AddDrillReport(bundle, "20261206T095500Z-delete-worker.json", recoverySeconds: 31.2, targetSeconds: 5);
        bundle.Reseal();
        var verification = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);
        var page = bundle.PathOf(BundleLayout.ReportFile);
        await File.WriteAllTextAsync(page, BundleReportPage.Render(verification));

        var dom = new HtmlParser().ParseDocument(await HeadlessChromium.DumpDomAsync(page));

        Assert.Equal("Bundle verified", Single(dom, "#bundle-verdict").TextContent);
        Assert.Contains("pass", Single(dom, "#bundle-verdict").ClassList);
        // Rows a browser would have moved out of their table (misnested markup) would not be found under it.
        var gates = dom.QuerySelectorAll("#gates tr").Skip(1).ToDictionary(r => r.Children[0].TextContent, r => r.Children[1].TextContent);
        Assert.Equal(new Dictionary<string, string> { ["backplane-matrix"] = "passed", ["security-baseline"] = "passed", ["preflight"] = "passed" }, gates);
        var matrix = Single(dom, "table.matrix[data-plane=wg1]");
        Assert.Equal(["from \\ to", "cp-1", "cp-2"], matrix.QuerySelectorAll("tr").First().Children.Select(c => c.TextContent));
        Assert.All(matrix.QuerySelectorAll("tr"), row => Assert.Equal(3, row.Children.Length));
        Assert.Equal(["self", "reached"], matrix.QuerySelectorAll("tr")[1].QuerySelectorAll("td").Select(c => c.ClassName));
        var drills = dom.QuerySelectorAll("#drills tr.drill").ToList();
        Assert.Equal(2, drills.Count);
        Assert.Contains("(within target)", drills[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("(OVER target)", drills[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("width:18.3%", drills[0].QuerySelector(".bar span.within")!.GetAttribute("style"));
        Assert.Equal("width:100%", drills[1].QuerySelector(".bar span.over")!.GetAttribute("style"));
        Assert.Contains("detected +3.3 s", drills[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("kubedos-agent/kubedos-agent.dll", dom.QuerySelectorAll("#artifacts tr")[1].Children[0].TextContent);
        Assert.Equal(verification.Checks.Count, dom.QuerySelectorAll("#checks tr").Length - 1);
        Assert.Empty(dom.QuerySelectorAll("script, link, img, iframe"));

        var png = Path.Combine(AppContext.BaseDirectory, "test-artifacts", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        File.Delete(png);
        await HeadlessChromium.ScreenshotAsync(page, png, 1280, 1600);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal((1280, 1600), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
        output.WriteLine($"screenshot of report.html: {png} ({bytes.Length} bytes)");
    }

    [LabFact("chromium")]
    public async Task Report_OfATamperedBundle_InChromium_SaysItDidNotVerifyAndThePreflightGateFailed()
    {
        using var bundle = new SampleBundle();
        await File.AppendAllTextAsync(bundle.PathOf(BundleLayout.RunbooksFile), "changed after sealing\n");
        var page = bundle.PathOf(BundleLayout.ReportFile);
        await File.WriteAllTextAsync(page, BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public)));

        var dom = new HtmlParser().ParseDocument(await HeadlessChromium.DumpDomAsync(page));

        Assert.Equal("Bundle did NOT verify", Single(dom, "#bundle-verdict").TextContent);
        Assert.Contains("runbooks.md", Single(dom, "#first-failure").TextContent, StringComparison.Ordinal);
        var preflight = Single(dom, "#gates #gate-preflight");
        Assert.Equal("failed", preflight.Children[1].TextContent);
        Assert.Contains("1 failed", preflight.TextContent, StringComparison.Ordinal);
    }

    private static IElement Single(IDocument dom, string selector) => Assert.Single(dom.QuerySelectorAll(selector));
}
