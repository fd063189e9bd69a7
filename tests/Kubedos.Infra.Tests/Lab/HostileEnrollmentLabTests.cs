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
        using var recorder = StartRecorder(LabNames.For(project.Stack).NodeNamespace(serviceNode));
        using var foreign = ForeignCertificates.NamingUrls(serviceNode, $"http://127.0.0.1:{RecorderPort}/");
        using var newKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var clock = Stopwatch.StartNew();
        var renew = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
            new EnrollmentClient(TimeProvider.System).RenewAsync(service, caPin, serviceNode, foreign, newKey, CancellationToken.None));
        output.WriteLine($"renewal with a certificate naming URLs refused in {clock.ElapsedMilliseconds} ms: {renew.Reason}");
        Assert.Equal(EnrollmentRejection.UntrustedClientCertificate, renew.Reason);

        // Headers announcing 1 GB: the answer comes before the body is sent.
        var status = await RawPostAsync(service, "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{");
        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);

        // Clients that go away mid-request, all at once.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => DropMidRequestAsync(service)));

        recorder.Kill(entireProcessTree: true);
        var fetched = await recorder.StandardOutput.ReadToEndAsync();
        Assert.True(fetched.Length == 0, $"the service fetched what the certificate named: {fetched}");

        var audit = await CopyAuditAsync(project, serviceNode, "before-restart");
        var verification = AuditLog.Verify(audit, caPin: caPin);
        Assert.True(verification.IsValid && verification.IsAnchored, $"line {verification.FirstBadLine}: {verification.Problem}");
        Assert.Contains(AuditLog.Read(audit), r => r.Reason == EnrollmentRejection.BodyTooLarge);

        // The service starts again on the log it wrote, and answers.
        var process = checkpoint.Resources.Single(r => r.Type == "local:lab:Process" && r.Urn.Name.EndsWith("enrollment", StringComparison.Ordinal));
        await stack.UpAsync(new UpdateOptions { Target = [process.Urn.Value], Replace = [process.Urn.Value] });
        var again = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
            new EnrollmentClient(TimeProvider.System).RenewAsync(service, caPin, serviceNode, foreign, newKey, CancellationToken.None));
        Assert.Equal(EnrollmentRejection.UntrustedClientCertificate, again.Reason);
        var after = AuditLog.Verify(await CopyAuditAsync(project, serviceNode, "after-restart"), caPin: caPin);
        Assert.True(after.IsValid && after.IsAnchored, $"line {after.FirstBadLine}: {after.Problem}");
        Assert.True(after.Entries > verification.Entries, $"{after.Entries} entries after the restart, {verification.Entries} before");
        output.WriteLine($"{project.Stack}: audit log of {after.Entries} entries verifies against {caPin} after the restart");

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static Process StartRecorder(string netns)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", netns, "nc", "-lk", "127.0.0.1", RecorderPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start nc");
        Thread.Sleep(300);
        Assert.False(process.HasExited, $"the recorder did not start: {process.StandardError.ReadToEnd()}");
        return process;
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

    private static async Task<SslStream> ConnectAsync(Uri service)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse(service.Host), service.Port);
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(service.Host);
        return tls;
    }

    private static async Task<string> RawPostAsync(Uri service, string headersAndBody)
    {
        await using var tls = await ConnectAsync(service);
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/enroll HTTP/1.1\r\nHost: {service.Host}\r\n{headersAndBody}"));
        await tls.FlushAsync();
        using var reader = new StreamReader(tls, Encoding.ASCII);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadLineAsync(guard.Token) ?? string.Empty;
    }

    // Half a request, then a reset: the service must neither log a torn line nor stop serving.
    private static async Task DropMidRequestAsync(Uri service)
    {
        var tls = await ConnectAsync(service);
        var body = "{\"node\":\"ghost\",\"address\":\"10.0.0.1\",\"tokenId\":\"abcdef\",\"proof\":\"" + new string('A', 44) + "\",\"csr\":\"";
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/enroll HTTP/1.1\r\nHost: {service.Host}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{body}"));
        await tls.FlushAsync();
        await tls.DisposeAsync();
    }
}
