using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class PinnedPayloadsPolicyTests
{
    [Theory]
    [InlineData("1.31.2")]
    [InlineData("v0.4.1")]
    [InlineData("2.40.1-1ubuntu1")]
    [InlineData("1:9.6p1-3")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void VersionProblem_ExactVersionOrDigest_IsPinned(string version) => Assert.Null(PinnedPayloadsPolicy.VersionProblem(version));

    [Theory]
    [InlineData("latest")]
    [InlineData("")]
    [InlineData("^1.2")]
    [InlineData("~1.2.0")]
    [InlineData(">=1.0")]
    [InlineData("1.x")]
    [InlineData("*")]
    [InlineData("stable")]
    [InlineData("1")]
    public void VersionProblem_LatestOrRange_IsNotPinned(string version) => Assert.NotNull(PinnedPayloadsPolicy.VersionProblem(version));

    [Theory]
    [InlineData("registry.k8s.io/etcd:3.5.15-0", null)]
    [InlineData("quay.io/prometheus/prometheus@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("grafana/loki", "has no tag (that means latest)")]
    [InlineData("localhost:5000/loki", "has no tag (that means latest)")]
    [InlineData("grafana/loki:latest", "is latest")]
    public void ImageProblem_ReadsTagsAndDigests(string image, string? problem) => Assert.Equal(problem, PinnedPayloadsPolicy.ImageProblem(image));

    [Fact]
    public void Evaluate_PinnedPayloads_Pass()
    {
        using var h = new PolicyHarness();
        var etcd = PolicyHarness.Resource("command:remote:Command", "etcd", PropertyMap.Of(
            ("image", "registry.k8s.io/etcd:3.5.15-0"),
            ("packages", PropertyValue.Array("nftables=1.0.9-1", (PropertyValue)PropertyMap.Of(("name", "wireguard-tools"), ("version", "1.0.20210914-1"))))));
        Assert.Empty(h.Of(h.EvaluatePlan([etcd], [PolicyHarness.Create(etcd)]), PinnedPayloadsPolicy.Id));
    }

    [Fact]
    public void Evaluate_LatestImageAndUnversionedPackage_AreMandatoryAtTheResourcesLine()
    {
        using var h = new PolicyHarness();
        var at = h.Locate(h.InventoryPath("cp-1"));
        var loki = PolicyHarness.Resource("command:remote:Command", "loki", PropertyMap.Of(
            ("spec", PropertyMap.Of(("image", "grafana/loki:latest"))),
            ("packages", PropertyValue.Array("nftables")),
            ("version", "^2.9")), at);

        var violations = h.Of(h.EvaluatePlan([loki], [PolicyHarness.Create(loki)]), PinnedPayloadsPolicy.Id);

        Assert.Equal(
            [
                "input packages package nftables has no version (write nftables=<exact version>)",
                "input spec.image 'grafana/loki:latest' is latest",
                "input version '^2.9' is a range or a moving tag, not an exact version",
            ],
            violations.Select(v => v.Message));
        Assert.All(violations, v =>
        {
            Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
            Assert.Equal(h.LineOf("name: cp-1"), v.Source!.Line);
        });
    }

    [Fact]
    public void Evaluate_UnknownVersionInPreview_IsNotJudged()
    {
        using var h = new PolicyHarness();
        var r = PolicyHarness.Resource("command:remote:Command", "x", PropertyMap.Of(("version", PropertyValue.Unknown)));
        Assert.Empty(h.Of(h.EvaluatePlan([r], [PolicyHarness.Create(r)]), PinnedPayloadsPolicy.Id));
    }
}
