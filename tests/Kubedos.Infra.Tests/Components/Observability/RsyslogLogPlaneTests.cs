using System.Diagnostics;
using Kubedos.Components.Observability;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Observability;

/// <summary>
/// The rendered forwarder and collector run for real on loopback (rsyslogd with gnutls, paths moved to a temp
/// directory): a service log line and a socket line cross TLS and are filed by sender; a forwarder whose
/// certificate comes from another CA is refused.
/// </summary>
public sealed class RsyslogLogPlaneTests
{
    private const string HubAddress = "127.0.65.14";

    private static readonly ObservabilityTopology Topology = new(
        "t",
        "wg2",
        [new ObservedNode("hub", "control-plane", HubAddress), new ObservedNode("node-a", "worker", "127.0.65.21")],
        [new ObservedNode("hub", "control-plane", HubAddress)],
        [],
        new Kubedos.Spec.Model.ObservabilityStack());

    [Fact]
    public void Render_Forwarder_SendsOverTlsToEveryHubNamingItsPeer()
    {
        var config = RsyslogForwarderRenderer.Render(Topology, Topology.Nodes[1]);

        Assert.Contains($"target=\"{HubAddress}\" port=\"6514\" protocol=\"tcp\"", config, StringComparison.Ordinal);
        Assert.Contains("StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\" StreamDriverPermittedPeers=\"hub\"", config, StringComparison.Ordinal);
        Assert.Contains("File=\"/var/log/*/current\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Collector_ListensOnItsBindAddressOnlyAndAdmitsInventoryNames()
    {
        var config = RsyslogCollectorRenderer.Render(Topology, Topology.Hubs[0]);

        Assert.Contains($"input(type=\"imtcp\" address=\"{HubAddress}\" port=\"6514\"", config, StringComparison.Ordinal);
        Assert.Contains("PermittedPeer=[\"hub\", \"node-a\"]", config, StringComparison.Ordinal);
        Assert.Contains("StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\"x509/name\"", config, StringComparison.Ordinal);
    }

    [LabFact("rsyslogd", "openssl", "logger")]
    public async Task Forwarder_ToCollectorOverTls_LinesArrive_AndAForeignCertificateIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-rsyslog-").FullName;
        var processes = new List<Process>();
        try
        {
            Certificates(dir);
            var collector = Path.Combine(dir, "collector");
            Directory.CreateDirectory(Path.Combine(collector, "data", "work"));
            var collectorConfig = RsyslogCollectorRenderer.Render(Topology, Topology.Hubs[0])
                .Replace(ObservabilityLayout.DataDirectory(ObservabilityLayout.LogCollector), Path.Combine(collector, "data"), StringComparison.Ordinal)
                .Replace(RsyslogCollectorRenderer.CaPath, Path.Combine(dir, "ca.pem"), StringComparison.Ordinal)
                .Replace(RsyslogCollectorRenderer.CertPath, Path.Combine(dir, "hub.pem"), StringComparison.Ordinal)
                .Replace(RsyslogCollectorRenderer.KeyPath, Path.Combine(dir, "hub.key"), StringComparison.Ordinal);
            processes.Add(await StartAsync(Path.Combine(collector, "rsyslog.conf"), collectorConfig));

            var good = await ForwarderAsync(dir, "good", "ca.pem", "node-a.pem", "node-a.key", processes);
            var foreign = await ForwarderAsync(dir, "foreign", "ca.pem", "foreign.pem", "foreign.key", processes);
            var nonce = Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(Path.Combine(good.Services, "demo"));
            await File.AppendAllTextAsync(Path.Combine(good.Services, "demo", "current"), $"service line {nonce}\n");
            Assert.Equal(0, (await ToolRun.RunAsync("logger", "-u", good.Socket, "-t", "probe", $"socket line {nonce}")).ExitCode);
            Assert.Equal(0, (await ToolRun.RunAsync("logger", "-u", foreign.Socket, "-t", "probe", $"foreign line {nonce}")).ExitCode);

            var filed = await WaitForAsync(Path.Combine(collector, "data", "hosts"), text => text.Contains($"demo: service line {nonce}", StringComparison.Ordinal)
                && text.Contains($"probe: socket line {nonce}", StringComparison.Ordinal));
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.True(filed, await ReadAllAsync(Path.Combine(collector, "data", "hosts")));
            Assert.DoesNotContain($"foreign line {nonce}", await ReadAllAsync(Path.Combine(collector, "data", "hosts")), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(string Socket, string Services)> ForwarderAsync(string dir, string name, string ca, string cert, string key, List<Process> processes)
    {
        var root = Path.Combine(dir, name);
        var services = Path.Combine(root, "svc");
        Directory.CreateDirectory(Path.Combine(root, "data"));
        Directory.CreateDirectory(services);
        var socket = Path.Combine(root, "log.sock");
        var config = RsyslogForwarderRenderer.Render(Topology, Topology.Nodes[1])
            .Replace(ObservabilityLayout.DataDirectory(ObservabilityLayout.LogForwarder), Path.Combine(root, "data"), StringComparison.Ordinal)
            .Replace(ObservabilityLayout.ForwarderSocket, socket, StringComparison.Ordinal)
            .Replace("/var/log/", services + "/", StringComparison.Ordinal)
            .Replace(RsyslogForwarderRenderer.CaPath, Path.Combine(dir, ca), StringComparison.Ordinal)
            .Replace(RsyslogForwarderRenderer.CertPath, Path.Combine(dir, cert), StringComparison.Ordinal)
            .Replace(RsyslogForwarderRenderer.KeyPath, Path.Combine(dir, key), StringComparison.Ordinal);
        processes.Add(await StartAsync(Path.Combine(root, "rsyslog.conf"), config));
        for (var i = 0; i < 50 && !File.Exists(socket); i++)
        {
            await Task.Delay(100);
        }

        return (socket, services);
    }

    private static async Task<Process> StartAsync(string path, string config)
    {
        await File.WriteAllTextAsync(path, config);
        var check = await ToolRun.RunAsync("rsyslogd", "-N1", "-f", path);
        Assert.True(check.ExitCode == 0, check.Output);
        var start = new ProcessStartInfo("rsyslogd") { RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (var argument in new[] { "-n", "-iNONE", "-f", path })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<bool> WaitForAsync(string directory, Func<string, bool> found)
    {
        for (var i = 0; i < 100; i++)
        {
            if (found(await ReadAllAsync(directory)))
            {
                return true;
            }

            await Task.Delay(150);
        }

        return false;
    }

    private static async Task<string> ReadAllAsync(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return string.Empty;
        }

        var text = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            text.Add($"{file}:\n{await File.ReadAllTextAsync(file)}");
        }

        return string.Join('\n', text);
    }

    // A cluster CA with the hub's serving certificate and node-a's client certificate, and a foreign CA's node-a.
    private static void Certificates(string dir)
    {
        void Ok((int ExitCode, string Output) run) => Assert.True(run.ExitCode == 0, run.Output);
        foreach (var ca in new[] { "ca", "foreign-ca" })
        {
            Ok(OpenSsl.Run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", $"{ca}.key", "-out", $"{ca}.pem",
                "-subj", $"/CN={ca}", "-days", "1", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        }

        foreach (var (file, name, ca, usage) in new[] { ("hub", "hub", "ca", "serverAuth"), ("node-a", "node-a", "ca", "clientAuth"), ("foreign", "node-a", "foreign-ca", "clientAuth") })
        {
            File.WriteAllText(Path.Combine(dir, $"{file}.ext"), $"subjectAltName=DNS:{name}\nextendedKeyUsage={usage}\nkeyUsage=critical,digitalSignature\n");
            Ok(OpenSsl.Run(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", $"{file}.key", "-out", $"{file}.csr", "-subj", $"/CN={name}"));
            Ok(OpenSsl.Run(dir, "x509", "-req", "-in", $"{file}.csr", "-CA", $"{ca}.pem", "-CAkey", $"{ca}.key", "-CAcreateserial", "-out", $"{file}.pem", "-days", "1",
                "-extfile", $"{file}.ext"));
        }
    }
}
