using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Trust;
using Kubedos.Engine.Automation;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Service;
using Kubedos.Pki;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// The enrollment service of a running lab, attacked from the operator's wg1 peer as a hostile client would: a client
/// certificate naming URLs, a body announced far over the limit, connections dropped mid-request; then its audit log
/// must verify against the stack's CA pin and the service must start again on it.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class HostileEnrollmentLabTests(ITestOutputHelper output)
{
    private const int RecorderPort = 18099;

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task EnrollmentService_HostileClientOverWg1_NoFetch413LogVerifiesAndServiceRestarts()
    {
        await using var project = LabProject.Create("dev", "dev.yaml");
        await project.UpAsync();
        var stack = await project.StackAsync();
        var checkpoint = await stack.GetCheckpointAsync();
        var enrollment = checkpoint.Resources.Single(r => r.Type == ClusterEnrollment.TypeToken);
        var service = new Uri(enrollment.Outputs["serviceUrl"].Unwrapped.AsString());
        var serviceNode = enrollment.Outputs["serviceNode"].Unwrapped.AsString();
        var caPin = checkpoint.Resources.Single(r => r.Type == ClusterTrust.TypeToken).Outputs["caPin"].Unwrapped.AsString();

        // A listener inside the service node's own network namespace, where a fetch of 127.0.0.1 would land.
        var recorder = await StartRecorderAsync(LabNames.For(project.Stack).NodeNamespace(serviceNode), project.Directory);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            using var foreign = ForeignCertificates.NamingUrls(serviceNode, $"http://127.0.0.1:{RecorderPort}/");
            using var newKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
            var clock = Stopwatch.StartNew();
            var renew = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
                new EnrollmentClient(TimeProvider.System).RenewAsync(service, caPin, serviceNode, foreign, newKey, guard.Token));
            output.WriteLine($"renewal with a certificate naming URLs refused in {clock.ElapsedMilliseconds} ms: {renew.Reason}");
            Assert.Equal(EnrollmentRejection.UntrustedClientCertificate, renew.Reason);

            // Headers announcing 1 GB: the answer comes before the body is sent.
            var status = await RawPostAsync(service, guard.Token, "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{");
            Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);

            // Clients that go away mid-request, all at once.
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => DropMidRequestAsync(service, guard.Token)));

            StopRecorder(recorder.Pid);

            var fetched = await File.ReadAllTextAsync(recorder.Output);
            Assert.True(fetched.Length == 0, $"the service fetched what the certificate named: {fetched}");

            var audit = await CopyAuditAsync(project, serviceNode, "before-restart");
            var verification = AuditLog.Verify(audit, caPin: caPin);
            Assert.True(verification.IsValid && verification.IsAnchored, $"line {verification.FirstBadLine}: {verification.Problem}");
            Assert.Contains(AuditLog.Read(audit), r => r.Reason == EnrollmentRejection.BodyTooLarge);

            // The service dies (as a crash would take it); refresh finds it gone and up starts it again on the log it wrote.
            var process = checkpoint.Resources.Single(r => r.Type == "local:lab:Process" && r.Urn.Name.EndsWith("enrollment", StringComparison.Ordinal));
            var pid = (int)process.Outputs["pid"].AsNumber();
            var node = await new LocalLab().FindNodeAsync(project.Stack, serviceNode, CancellationToken.None)
                ?? throw new InvalidOperationException($"{serviceNode} is not running");
            await node.StopProcessAsync(ProcessIdentity.Read(pid) ?? throw new InvalidOperationException($"the service (pid {pid}) is not running"), CancellationToken.None);
            await stack.RefreshAsync();
            await stack.UpAsync();
            var again = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
                new EnrollmentClient(TimeProvider.System).RenewAsync(service, caPin, serviceNode, foreign, newKey, guard.Token));
            Assert.Equal(EnrollmentRejection.UntrustedClientCertificate, again.Reason);
            var after = AuditLog.Verify(await CopyAuditAsync(project, serviceNode, "after-restart"), caPin: caPin);
            Assert.True(after.IsValid && after.IsAnchored, $"line {after.FirstBadLine}: {after.Problem}");
            Assert.True(after.Entries > verification.Entries, $"{after.Entries} entries after the restart, {verification.Entries} before");
            output.WriteLine($"{project.Stack}: audit log of {after.Entries} entries verifies against {caPin} after the restart");

            // Replacing the service by hand stops the old one first: both bind the same address and port.
            await stack.UpAsync(new UpdateOptions { Target = [process.Urn.Value], Replace = [process.Urn.Value] });
            var replaced = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
                new EnrollmentClient(TimeProvider.System).RenewAsync(service, caPin, serviceNode, foreign, newKey, guard.Token));
            Assert.Equal(EnrollmentRejection.UntrustedClientCertificate, replaced.Reason);
        }
        finally
        {
            StopRecorder(recorder.Pid);
        }

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    // nc writes what it is sent to a file and its pid to another, so stopping it never depends on a pipe closing.
    private static async Task<(int Pid, string Output)> StartRecorderAsync(string netns, string directory)
    {
        var pidFile = Path.Combine(directory, "recorder.pid");
        var outFile = Path.Combine(directory, "recorder.out");
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", netns, "sh", "-c", $"echo $$ > '{pidFile}'; exec nc -lk 127.0.0.1 {RecorderPort} > '{outFile}' 2>&1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start nc");
        for (var i = 0; i < 50 && !File.Exists(pidFile); i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(300);
        Assert.False(process.HasExited, $"the recorder did not start: {await process.StandardError.ReadToEndAsync()}");
        return (int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture), outFile);
    }

    private static void StopRecorder(int pid)
    {
        try
        {
            using var nc = Process.GetProcessById(pid);
            nc.Kill();
        }
        catch (ArgumentException)
        {
            // Stopped already.
        }
    }

    private static async Task<string> CopyAuditAsync(LabProject project, string serviceNode, string name)
    {
        var node = await new LocalLab().FindNodeAsync(project.Stack, serviceNode, CancellationToken.None)
            ?? throw new InvalidOperationException($"{serviceNode} is not running");
        var directory = Path.Combine(project.Directory, name);
        Directory.CreateDirectory(directory);
        var log = Path.Combine(directory, ServiceState.AuditFile);
        foreach (var file in new[] { ServiceState.AuditFile, Path.GetFileName(AuditLog.HeadPathOf(ServiceState.AuditFile)) })
        {
            var text = await node.ReadFileAsync($"{ClusterEnrollment.ServiceStateDirectory}/{file}", CancellationToken.None)
                ?? throw new InvalidOperationException($"{serviceNode} has no {file}");
            await File.WriteAllTextAsync(Path.Combine(directory, file), text);
        }

        return log;
    }

    private static async Task<(TcpClient Tcp, SslStream Tls)> ConnectAsync(Uri service, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse(service.Host), service.Port, cancellationToken);
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = service.Host }, cancellationToken);
        return (tcp, tls);
    }

    private static async Task<string> RawPostAsync(Uri service, CancellationToken cancellationToken, string headersAndBody)
    {
        var (tcp, tls) = await ConnectAsync(service, cancellationToken);
        using (tcp)
        await using (tls)
        {
            await tls.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/enroll HTTP/1.1\r\nHost: {service.Host}\r\n{headersAndBody}"), cancellationToken);
            await tls.FlushAsync(cancellationToken);
            using var reader = new StreamReader(tls, Encoding.ASCII);
            return await reader.ReadLineAsync(cancellationToken) ?? string.Empty;
        }
    }

    // Half a request, then a reset: the service must neither log a torn line nor stop serving.
    private static async Task DropMidRequestAsync(Uri service, CancellationToken cancellationToken)
    {
        var (tcp, tls) = await ConnectAsync(service, cancellationToken);
        var body = "{\"node\":\"ghost\",\"address\":\"10.0.0.1\",\"tokenId\":\"abcdef\",\"proof\":\"" + new string('A', 44) + "\",\"csr\":\"";
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/enroll HTTP/1.1\r\nHost: {service.Host}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{body}"), cancellationToken);
        await tls.FlushAsync(cancellationToken);
        tcp.LingerState = new LingerOption(true, 0);
        tcp.Dispose();
    }
}
