using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kubedos.Providers.Command;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Command;

/// <summary>A real sshd on 127.0.0.1 and a high port, with a throwaway host key and client key.</summary>
internal sealed class LoopbackSshd : IDisposable
{
    private readonly Process _sshd;

    private LoopbackSshd(string directory, int port, Process sshd, string clientKey, string hostKeyFingerprint)
    {
        Directory = directory;
        Port = port;
        _sshd = sshd;
        ClientKey = clientKey;
        HostKeyFingerprint = hostKeyFingerprint;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ClientKey { get; }

    public string HostKeyFingerprint { get; }

    public SshEndpoint Endpoint(string? fingerprint = null) =>
        new("127.0.0.1", Port, Environment.UserName, ClientKey, fingerprint ?? HostKeyFingerprint, TimeSpan.FromSeconds(10));

    public static LoopbackSshd Start()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("kubedos-sshd-").FullName;
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", Path.Combine(dir, "host_ed25519"));
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", Path.Combine(dir, "client_ed25519"));
        File.Copy(Path.Combine(dir, "client_ed25519.pub"), Path.Combine(dir, "authorized_keys"));
        System.IO.Directory.CreateDirectory("/run/sshd"); // sshd's privilege-separation directory
        var port = FreePort();
        var config = Path.Combine(dir, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {dir}/host_ed25519
            PidFile {dir}/sshd.pid
            AuthorizedKeysFile {dir}/authorized_keys
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password
            Subsystem sftp internal-sftp
            """);
        var start = new ProcessStartInfo(LabPrerequisites.FindOnPath("sshd")!, ["-D", "-e", "-f", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var sshd = Process.Start(start)!;
        sshd.ErrorDataReceived += (_, _) => { };
        sshd.BeginErrorReadLine();
        WaitForPort(port, sshd);
        var fingerprint = SshHostKeyPin.OfPublicKeyLine(File.ReadAllText(Path.Combine(dir, "host_ed25519.pub")));
        return new LoopbackSshd(dir, port, sshd, File.ReadAllText(Path.Combine(dir, "client_ed25519")), fingerprint);
    }

    public void Dispose()
    {
        if (!_sshd.HasExited)
        {
            _sshd.Kill(entireProcessTree: true);
            _sshd.WaitForExit();
        }

        _sshd.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>What ssh-keygen -l says the fingerprint of a public key file is.</summary>
    public static string KeygenFingerprint(string publicKeyFile)
    {
        var output = Run("ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile);
        return output.Split(' ')[1];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port, Process sshd)
    {
        for (var i = 0; i < 100; i++)
        {
            if (sshd.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {sshd.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"sshd did not listen on 127.0.0.1:{port}");
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {error}");
        }

        return output;
    }
}
