using System.Net;
using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

public sealed class UnderlayNetworkTests
{
    private static readonly IPNetwork Plane = IPNetwork.Parse("10.60.1.0/24");
    private static readonly LabOwner Owner = new("test-owner-1", "/tmp/kubedos-test");

    [Fact]
    public async Task EnsureAsync_FromNothing_InstallsFallbackRoutesBeforeAnythingElse()
    {
        var names = LabNames.For("lab-01");
        var runner = new FakeCommandRunner(command => command.Program == "nft" && command.Arguments[0] == "list"
            ? new ProcessResult(1, string.Empty, "No such file or directory")
            : null);

        var underlay = await new UnderlayNetwork(runner).EnsureAsync(
            new UnderlaySpec("lab-01", IPNetwork.Parse("10.250.7.0/24"), [Plane], Owner), CancellationToken.None);

        var metric = names.FallbackMetric.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var firstRoute = runner.IndexOf("ip -4 route add unreachable 10.250.7.0/24 metric " + metric);
        var planeRoute = runner.IndexOf("ip -4 route add unreachable 10.60.1.0/24 metric " + metric);
        var firstBuild = runner.IndexOf("ip netns add " + names.SwitchNamespace);
        Assert.True(firstRoute >= 0 && planeRoute >= 0, string.Join('\n', runner.CommandLines));
        var guard = runner.IndexOf("nft -f -");
        Assert.True(firstBuild > Math.Max(firstRoute, planeRoute), string.Join('\n', runner.CommandLines));
        Assert.InRange(guard, 0, firstBuild);
        Assert.Equal(IPAddress.Parse("10.250.7.254"), underlay.OperatorAddress);
        Assert.Equal([IPNetwork.Parse("10.250.7.0/24"), Plane], underlay.FallbackCidrs);
    }

    [Fact]
    public async Task RemoveAsync_ExistingLab_RemovesFallbackRoutesLast()
    {
        var names = LabNames.For("lab-01");
        var metric = names.FallbackMetric;
        var runner = new FakeCommandRunner(command => command.ToString() switch
        {
            "ip -j netns list" => new ProcessResult(0, $$"""[{"name":"{{names.SwitchNamespace}}"}]""", string.Empty),
            "ip -j -4 route show type unreachable" => new ProcessResult(
                0, $$"""[{"type":"unreachable","dst":"10.250.7.0/24","metric":{{metric}}},{"type":"unreachable","dst":"10.9.0.0/16","metric":4000}]""", string.Empty),
            _ => null,
        });

        await new UnderlayNetwork(runner).RemoveAsync("lab-01", CancellationToken.None);

        var lines = runner.CommandLines;
        var routeDelete = runner.IndexOf("ip -4 route del unreachable 10.250.7.0/24");
        Assert.True(routeDelete > runner.IndexOf("ip netns del " + names.SwitchNamespace), string.Join('\n', lines));
        Assert.True(routeDelete > runner.IndexOf("ip link del " + names.OperatorInterface), string.Join('\n', lines));
        Assert.All(lines.Skip(routeDelete + 1), l => Assert.StartsWith("nft ", l, StringComparison.Ordinal));
        Assert.Equal($"nft delete table inet kubedos_lab_{names.StackHash}", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains("10.9.0.0/16", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureAsync_UnderlayOverlapsHostRoute_RefusesBeforeTouchingTheHost()
    {
        var runner = new FakeCommandRunner(command => command.ToString() == "ip -j -4 route show"
            ? new ProcessResult(0, """[{"dst":"default","dev":"eth0"},{"dst":"10.250.0.0/16","dev":"vpn0"}]""", string.Empty)
            : null);

        var error = await Assert.ThrowsAsync<LabConflictException>(() => new UnderlayNetwork(runner).EnsureAsync(
            new UnderlaySpec("lab-01", IPNetwork.Parse("10.250.7.0/24"), [], Owner), CancellationToken.None));

        Assert.Contains("vpn0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runner.CommandLines, l => l.Contains(" add ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureAsync_PlaneOfAnotherLabStackThatIsUp_RefusesNamingTheCidrBeforeTouchingTheHost()
    {
        var other = LabNames.For("other").FallbackMetric;
        var runner = new FakeCommandRunner(command => command.ToString() == "ip -j -4 route show"
            ? new ProcessResult(0, $$"""[{"type":"unreachable","dst":"10.60.1.0/24","metric":{{other}}},{"dst":"10.60.1.0/24","dev":"kdw00000000"}]""", string.Empty)
            : null);

        var error = await Assert.ThrowsAsync<LabConflictException>(() => new UnderlayNetwork(runner).EnsureAsync(
            new UnderlaySpec("lab-01", IPNetwork.Parse("10.250.7.0/24"), [Plane], Owner), CancellationToken.None));

        Assert.Contains("plane 10.60.1.0/24 of stack lab-01 overlaps 10.60.1.0/24 of another lab stack", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runner.CommandLines, l => l.Contains(" add ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnsureAsync_ItsOwnRoutesFromAnEarlierUp_AreNoConflict()
    {
        var names = LabNames.For("lab-01");
        var routes = $$"""
            [{"type":"unreachable","dst":"10.60.1.0/24","metric":{{names.FallbackMetric}}},
             {"dst":"10.60.1.0/24","dev":"{{OperatorWireGuardHandler.InterfaceName("lab-01")}}"},
             {"dst":"10.250.7.0/24","dev":"{{names.OperatorInterface}}"}]
            """;
        var runner = new FakeCommandRunner(command => command.ToString() == "ip -j -4 route show"
            ? new ProcessResult(0, routes, string.Empty)
            : command.Program == "nft" && command.Arguments[0] == "list" ? new ProcessResult(1, string.Empty, "No such file or directory") : null);

        var underlay = await new UnderlayNetwork(runner).EnsureAsync(
            new UnderlaySpec("lab-01", IPNetwork.Parse("10.250.7.0/24"), [Plane], Owner), CancellationToken.None);

        Assert.Equal([IPNetwork.Parse("10.250.7.0/24"), Plane], underlay.FallbackCidrs);
    }

    [Fact]
    public async Task EnsureAsync_Ipv6Underlay_IsRefused()
    {
        var runner = new FakeCommandRunner(_ => null);

        await Assert.ThrowsAsync<ArgumentException>(() => new UnderlayNetwork(runner).EnsureAsync(
            new UnderlaySpec("lab-01", IPNetwork.Parse("fd00::/64"), [], Owner), CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_RoutesListedInHostOrder_ReportsTheFallbackCidrsAsEnsureDid()
    {
        var names = LabNames.For("lab-01");
        var metric = names.FallbackMetric;
        var routes = $"[{{\"type\":\"unreachable\",\"dst\":\"10.60.2.0/24\",\"metric\":{metric}}},{{\"type\":\"unreachable\",\"dst\":\"10.60.1.0/24\",\"metric\":{metric}}},"
            + $"{{\"type\":\"unreachable\",\"dst\":\"10.250.7.0/24\",\"metric\":{metric}}}]";
        var runner = new FakeCommandRunner(command => command.ToString() switch
        {
            "ip -j netns list" => new ProcessResult(0, $"[{{\"name\":\"{names.SwitchNamespace}\"}}]", string.Empty),
            "ip -j -4 route show type unreachable" => new ProcessResult(0, routes, string.Empty),
            "ip -j -6 route show type unreachable" => new ProcessResult(0, "[]", string.Empty),
            var line when line.StartsWith("ip -j -4 addr show dev", StringComparison.Ordinal) =>
                new ProcessResult(0, "[{\"addr_info\":[{\"local\":\"10.250.7.254\",\"prefixlen\":24}]}]", string.Empty),
            var line when line.StartsWith("nft list", StringComparison.Ordinal) => new ProcessResult(1, string.Empty, "No such file or directory"),
            _ => null,
        });
        var network = new UnderlayNetwork(runner);

        var made = await network.EnsureAsync(
            new UnderlaySpec("lab-01", IPNetwork.Parse("10.250.7.0/24"), [IPNetwork.Parse("10.60.2.0/24"), Plane], Owner), CancellationToken.None);
        var found = await network.FindAsync("lab-01", CancellationToken.None);

        Assert.Equal([IPNetwork.Parse("10.250.7.0/24"), Plane, IPNetwork.Parse("10.60.2.0/24")], found!.FallbackCidrs);
        Assert.Equal(made.FallbackCidrs, found.FallbackCidrs);
    }
}
