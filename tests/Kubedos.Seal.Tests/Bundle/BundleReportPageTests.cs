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

    [Fact]
    public void Render_PreflightGate_PassedBesideTheGatesWhenEveryStaticCheckHolds_FailedOtherwise()
    {
        using var bundle = new SampleBundle();

        var verified = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));
        File.Delete(bundle.PathOf("sbom/kubedos-agent.spdx.json"));
        bundle.Reseal();
        var incomplete = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.Matches("<tr id=\"gate-preflight\"><td>preflight</td><td class=\"reached\">passed</td><td>\\d+ static checks</td>", verified);
        Assert.Matches("<tr id=\"gate-preflight\"><td>preflight</td><td class=\"failed\">failed</td><td>\\d+ static checks, 1 failed</td>", incomplete);
        Assert.Contains("manifest-complete", incomplete, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DrillReports_TimelineAndRecoveryAgainstTarget_NoDrillsSaysSo()
    {
        using var bundle = new SampleBundle();
        var none = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));
        SampleBundle.AddDrillReport(bundle, "20261206T094650Z-delete-worker.json", recoverySeconds: 42, targetSeconds: 30);
        bundle.Reseal();

        var html = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.Contains("<p id=\"no-drills\">", none, StringComparison.Ordinal);
        Assert.Contains("fault +0 s &rarr; detected +3.3 s &rarr; recovered +42 s &rarr; verified +42.1 s", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"over\" style=\"width:100%\"></span></div>42 s of 30 s (OVER target)", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"failed\">failed</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RunbookReports_EachStepOnTheTimelineWithItsVerdict()
    {
        using var bundle = new SampleBundle();
        Directory.CreateDirectory(bundle.PathOf(BundleLayout.RunbookReportsDirectory));
        File.WriteAllText(bundle.PathOf($"{BundleLayout.RunbookReportsDirectory}/20261206T100000Z-rotate.json"), """
            {"runbook":"rotate","what":"wireguard","startedAt":"2026-12-06T10:00:00Z","seconds":41.5,"verdict":"failed","steps":[
              {"subject":"cp-1","kind":"wireguard","finishedAt":"2026-12-06T10:00:20Z","verdict":"passed"},
              {"subject":"cp-2","kind":"wireguard","finishedAt":"2026-12-06T10:00:41.5Z","verdict":"failed"}]}
            """);
        bundle.Reseal();

        var html = BundleReportPage.Render(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public));

        Assert.Contains("<span class=\"reached\">wireguard cp-1 +20 s</span> &rarr; <span class=\"failed\">wireguard cp-2 +41.5 s</span>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"runbook\" data-runbook=\"rotate\"><td>rotate wireguard", html, StringComparison.Ordinal);
    }
}
