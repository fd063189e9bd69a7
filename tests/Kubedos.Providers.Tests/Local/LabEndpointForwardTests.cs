using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

/// <summary>
/// The stable endpoint's host side, for real, inside a network namespace of its own (never the host's tables): a listener
/// on one address answers through the endpoint's address, a new target moves it, and another state's endpoint is left alone.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LabEndpointForwardTests
{
    private static readonly LabEndpoint Sample = new("t-lab-01-endpoint", IPAddress.Parse("10.254.254.1"), [6443, 22], IPAddress.Parse("10.101.0.11"), "0123456789abcdef");

    [Fact]
    public void Ruleset_ReadsBackAsTheSameEndpoint()
    {
        var listing = """
            table ip kubedos_ep_5f0e4a1b {
            	chain output {
            		type nat hook output priority -100; policy accept;
            		ip daddr 10.254.254.1 tcp dport { 22, 6443 } dnat to 10.101.0.11 comment "kubedos endpoint t-lab-01-endpoint owner 0123456789abcdef"
            	}

            	chain postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		ct original ip daddr 10.254.254.1 masquerade
            	}
            }
            """;
        var parsed = LabEndpointForward.Parse(Sample.Name, listing)!;
        Assert.Equal((Sample.Address, Sample.Target, Sample.Owner), (parsed.Address, parsed.Target, parsed.Owner));
        Assert.Equal([22, 6443], parsed.Ports);
        Assert.Contains("ip daddr 10.254.254.1 tcp dport { 22, 6443 } dnat to 10.101.0.11", LabEndpointForward.Ruleset(Sample), StringComparison.Ordinal);
        Assert.Contains("flush table ip " + LabEndpointForward.TableName(Sample.Name), LabEndpointForward.Ruleset(Sample), StringComparison.Ordinal);
        Assert.Null(LabEndpointForward.Parse(Sample.Name, "table ip kubedos_ep_5f0e4a1b {\n}\n"));
    }

    [Fact]
    public void Names_FitTheKernelsLimits()
    {
        Assert.Equal(15, LabEndpointForward.AddressLabel("a-very-long-endpoint-stack-name-indeed").Length);
        Assert.NotEqual(LabEndpointForward.TableName("a"), LabEndpointForward.TableName("b"));
    }

    [Theory]
    [InlineData("address", "10.254.254", "is not an IPv4 address")]
    [InlineData("address", "127.0.0.9", "lies in")]
    [InlineData("target", "cp-1", "is not an IPv4 address")]
    [InlineData("ports", "", "at least one TCP port")]
    [InlineData("ports[0]", "70000", "is not a TCP port")]
    [InlineData("labOwner", "Owner!", "must be the id of the state")]
    public async Task CheckAsync_BadInput_FailsNamingTheProperty(string property, string value, string reason)
    {
        var package = LocalProvider.Create(new LocalLab(new FakeCommandRunner(_ => null), new LabOptions("/nonexistent"), TimeProvider.System));
        int[] ports = property.StartsWith("ports", StringComparison.Ordinal)
            ? [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))]
            : [22];
        var inputs = new LabEndpointInputs(
            "lab-01-endpoint",
            property == "address" ? value : "10.254.254.1",
            ports,
            property == "target" ? value : "10.101.0.11",
            "lab-01",
            property == "labOwner" ? value : "0123456789abcdef");
        var urn = Urn.Create("lab-01-endpoint", "kubedos", string.Empty, LabEndpointResource.TypeToken, "forward");

        var response = await package.CheckAsync(new CheckRequest(urn, LabEndpointResource.TypeToken, null, PropertyMapper.ToMap(inputs)), CancellationToken.None);

        var failure = Assert.Single(response.Failures);
        Assert.Equal(property, failure.Property);
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
    }

    [LabFact("ip", "nft", "nc")]
    public async Task EnsureAsync_InANamespace_ForwardsToTheTargetMovesAtOnceAndRefusesAnotherState()
    {
        var ns = "kdtest-ep-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        Run("ip", "netns", "add", ns);
        try
        {
            var runner = new NamespaceRunner(ns);
            Exec(ns, "ip", "link", "set", "lo", "up");
            Exec(ns, "ip", "address", "add", "10.77.0.2/32", "dev", "lo");
            Exec(ns, "ip", "address", "add", "10.77.0.3/32", "dev", "lo");
            var forward = new LabEndpointForward(runner);
            var endpoint = Sample with { Address = IPAddress.Parse("10.77.9.1"), Ports = [22], Target = IPAddress.Parse("10.77.0.2") };
            await forward.EnsureAsync(endpoint, CancellationToken.None);
            Assert.Equal("one", Answer(ns, "10.77.0.2", "one", "10.77.9.1"));
            Assert.Equal(endpoint.Target, (await forward.FindAsync(endpoint.Name, endpoint.Owner, CancellationToken.None))!.Target);

            // A new target: one transaction, the address stays.
            await forward.EnsureAsync(endpoint with { Target = IPAddress.Parse("10.77.0.3") }, CancellationToken.None);
            Assert.Equal("two", Answer(ns, "10.77.0.3", "two", "10.77.9.1"));

            // Another state: not found, not changed, not removed.
            Assert.Null(await forward.FindAsync(endpoint.Name, "another-state-0001", CancellationToken.None));
            var refused = await Assert.ThrowsAsync<LabConflictException>(() => forward.EnsureAsync(endpoint with { Owner = "another-state-0001" }, CancellationToken.None));
            Assert.Contains("belongs to another state", refused.Message, StringComparison.Ordinal);
            Assert.False(await forward.RemoveAsync(endpoint.Name, "another-state-0001", CancellationToken.None));
            Assert.Equal(IPAddress.Parse("10.77.0.3"), (await forward.FindAsync(endpoint.Name, endpoint.Owner, CancellationToken.None))!.Target);

            // An address something else holds is refused.
            var taken = await Assert.ThrowsAsync<LabConflictException>(() => forward.EnsureAsync(Sample with { Name = "other-endpoint", Address = IPAddress.Parse("10.77.0.2") }, CancellationToken.None));
            Assert.Contains("already on this host", taken.Message, StringComparison.Ordinal);

            Assert.True(await forward.RemoveAsync(endpoint.Name, endpoint.Owner, CancellationToken.None));
            Assert.Null(await forward.FindAsync(endpoint.Name, endpoint.Owner, CancellationToken.None));
            Assert.DoesNotContain("10.77.9.1", Exec(ns, "ip", "-4", "address", "show"), StringComparison.Ordinal);
            Assert.DoesNotContain("kubedos_ep_", Exec(ns, "nft", "list", "tables"), StringComparison.Ordinal);
        }
        finally
        {
            Run("ip", "netns", "del", ns);
        }
    }

    // A listener on listen:22 that prints text; what a client in the namespace reads from dial:22.
    private static string Answer(string ns, string listen, string text, string dial)
    {
        using var listener = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "sh", "-c", $"echo {text} | nc -l -q 1 {listen} 22"]) { RedirectStandardOutput = true })!;
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var got = Exec(ns, "sh", "-c", $"nc -w 2 {dial} 22 </dev/null || true").Trim();
                if (got.Length > 0)
                {
                    return got;
                }

                Thread.Sleep(100);
            }

            return string.Empty;
        }
        finally
        {
            if (!listener.HasExited)
            {
                listener.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Exec(string ns, params string[] argv) => Run("ip", ["netns", "exec", ns, .. argv]);

    private static string Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {text}");
    }

    // Every host command of the forward, run inside the test's namespace instead.
    private sealed class NamespaceRunner(string ns) : ICommandRunner
    {
        private readonly HostCommandRunner host = new();

        public Task<ProcessResult> RunAsync(HostCommand command, CancellationToken cancellationToken) =>
            host.RunAsync(new HostCommand("ip", ["netns", "exec", ns, command.Program, .. command.Arguments]) { Stdin = command.Stdin }, cancellationToken);
    }
}
