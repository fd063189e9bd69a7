using System.Text.RegularExpressions;
using Kubedos.Seal.Bundle;

namespace Kubedos.Seal.Tests.Bundle;

public sealed class BundleReportPageTests
{
    [Fact]
    public void Render_VerifiedBundle_VerdictGatesMatrixAndFiles()
    {
        using var bundle = new SampleBundle();

        var html = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.Contains("<p id=\"bundle-verdict\" class=\"verdict pass\">Bundle verified</p>", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"matrix\" data-plane=\"wg1\">", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"filtered\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>security-baseline</td><td class=\"reached\">passed</td>", html, StringComparison.Ordinal);
        Assert.Contains("sbom/node-software.spdx.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TamperedBundle_SaysSoAndNamesTheFile()
    {
        using var bundle = new SampleBundle();
        File.WriteAllText(bundle.PathOf("clusterspec.yaml"), File.ReadAllText(bundle.PathOf("clusterspec.yaml")).Replace("v1", "v2", StringComparison.Ordinal));

        var html = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.Contains("Bundle did NOT verify", html, StringComparison.Ordinal);
        Assert.Contains("<code>clusterspec.yaml</code>: digest", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SelfContained_NoScriptNoExternalResource()
    {
        using var bundle = new SampleBundle();

        var html = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.DoesNotMatch(new Regex("<script|<link|<img|src=|href=|@import|url\\(", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void Render_HostileTextInTheReport_Escaped()
    {
        using var bundle = new SampleBundle();
        File.WriteAllText(bundle.PathOf(BundleLayout.AcceptanceReportFile), SampleBundle.AcceptanceReport.Replace("\"cp-1\"", "\"<script>x</script>\"", StringComparison.Ordinal));

        var html = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
