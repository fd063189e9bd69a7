using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Pki;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>
/// A real etcd 3.4 member on loopback, started with the flags the etcd role gives it (client-certificate auth, the etcd CA's
/// revocation list): a client certificate put on the list is refused at its next connection, with no restart, while another
/// client of the same CA goes on. What the compromised-node runbook relies on when it revokes a control plane's etcd pairs.
/// </summary>
public sealed class EtcdRevocationTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-etcd-crl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LabFact("etcd", "etcdctl")]
    public async Task Etcd_ClientOnTheRevocationList_IsRefusedAtItsNextConnection_AnotherClientGoesOn_NoRestart()
    {
        using var caKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var ca = CertificateIssuer.SelfSign(caKey, CertificateProfile.Authority("etcd-ca", 24, 0), Now);
        Write("ca.crt", CertificateIssuer.ToPem(ca));
        Issue(ca, caKey, "server", "kube-etcd", [CertificateUses.DigitalSignature, CertificateUses.ServerAuth, CertificateUses.ClientAuth], ["127.0.0.1"]);
        using var compromised = Issue(ca, caKey, "compromised", "kube-apiserver-etcd-client", [CertificateUses.DigitalSignature, CertificateUses.ClientAuth], []);
        using var other = Issue(ca, caKey, "other", "kube-etcd-healthcheck-client", [CertificateUses.DigitalSignature, CertificateUses.ClientAuth], []);
        Write("crl.pem", RevocationListIssuer.Issue(ca, caKey, [], 1, Now, Now.AddDays(1)));
        var (client, peer) = (FreePort(), FreePort());
        var endpoint = $"https://127.0.0.1:{client}";

        using var etcd = Start("etcd",
            "--name=crl-test", $"--data-dir={Path.Combine(_dir, "data")}",
            $"--listen-client-urls={endpoint}", $"--advertise-client-urls={endpoint}",
            $"--listen-peer-urls=http://127.0.0.1:{peer}", $"--initial-advertise-peer-urls=http://127.0.0.1:{peer}", $"--initial-cluster=crl-test=http://127.0.0.1:{peer}",
            "--client-cert-auth", $"--trusted-ca-file={Path.Combine(_dir, "ca.crt")}",
            $"--cert-file={Path.Combine(_dir, "server.crt")}", $"--key-file={Path.Combine(_dir, "server.key")}",
            $"--client-crl-file={Path.Combine(_dir, "crl.pem")}", "--logger=zap", "--log-outputs=stderr");
        try
        {
            await WaitHealthyAsync(endpoint, "other");
            Assert.Equal(0, Ctl(endpoint, "compromised", "put", "before", "revocation").ExitCode);

            Write("crl.pem", RevocationListIssuer.Issue(ca, caKey, [new(compromised.SerialNumber, Now)], 2, Now, Now.AddDays(1)));

            var refused = Ctl(endpoint, "compromised", "get", "before");
            Assert.NotEqual(0, refused.ExitCode);
            var allowed = Ctl(endpoint, "other", "get", "before", "--print-value-only");
            Assert.True(allowed.ExitCode == 0, allowed.Output);
            Assert.Equal("revocation", allowed.Output.Trim());
            Assert.False(etcd.HasExited, "etcd restarted or died: the list must apply without a restart");
        }
        finally
        {
            etcd.Kill(entireProcessTree: true);
            await etcd.WaitForExitAsync();
        }
    }

    private X509Certificate2 Issue(X509Certificate2 ca, PrivateKeyMaterial caKey, string file, string name, string[] uses, string[] ips)
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var profile = CertificateProfile.Leaf(name, 12) with { AllowedUses = uses, IpAddresses = ips };
        var certificate = CertificateIssuer.Sign(PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _), profile, ca, caKey, Now);
        Write($"{file}.crt", CertificateIssuer.ToPem(certificate));
        Write($"{file}.key", key.ExportPrivateKeyPem());
        return certificate;
    }

    private async Task WaitHealthyAsync(string endpoint, string as_)
    {
        var last = (ExitCode: -1, Output: string.Empty);
        for (var i = 0; i < 60; i++)
        {
            last = Ctl(endpoint, as_, "endpoint", "health");
            if (last.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"etcd did not become healthy: {last.Output}");
    }

    private (int ExitCode, string Output) Ctl(string endpoint, string as_, params string[] args)
    {
        using var process = Start("etcdctl", [
            $"--endpoints={endpoint}", $"--cacert={Path.Combine(_dir, "ca.crt")}",
            $"--cert={Path.Combine(_dir, $"{as_}.crt")}", $"--key={Path.Combine(_dir, $"{as_}.key")}", "--dial-timeout=3s", "--command-timeout=5s", .. args]);
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ETCDCTL_API"] = "3";
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        if (file == "etcd")
        {
            // Drained, so a chatty member never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_dir, file), text);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
