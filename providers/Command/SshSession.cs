using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Kubedos.Providers.Command;

/// <summary>An SSH connection whose server proved the pinned host key; runs commands and copies files.</summary>
internal sealed class SshSession : IDisposable
{
    private readonly SshClient _ssh;
    private readonly ConnectionInfo _connection;
    private readonly SshEndpoint _endpoint;
    private readonly SecretRedactor _redactor;

    private SshSession(SshClient ssh, ConnectionInfo connection, SshEndpoint endpoint, SecretRedactor redactor)
    {
        _ssh = ssh;
        _connection = connection;
        _endpoint = endpoint;
        _redactor = redactor;
    }

    /// <summary>Connects and authenticates; a host key other than the pinned one aborts before authentication.</summary>
    /// <exception cref="SshHostKeyException">The server's host key is not the pinned one.</exception>
    /// <exception cref="CommandFailedException">The connection or authentication failed.</exception>
    public static async Task<SshSession> ConnectAsync(SshEndpoint endpoint, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var problems = endpoint.Problems();
        if (problems.Count > 0)
        {
            throw new CommandFailedException(string.Join("; ", problems.Select(p => $"{p.Property}: {p.Reason}")));
        }

        var connection = CreateConnectionInfo(endpoint, redactor);
        var ssh = new SshClient(connection);
        try
        {
            await ConnectPinnedAsync(ssh, endpoint, redactor, cancellationToken);
            return new SshSession(ssh, connection, endpoint, redactor);
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command through the login shell; a non-zero exit is a <see cref="CommandFailedException"/>.</summary>
    public async Task<CommandResult> RunAsync(
        string command, IReadOnlyDictionary<string, string> environment, Action<string>? log, CancellationToken cancellationToken)
    {
        // Servers refuse most SetEnv requests (AcceptEnv), so variables travel as exports in front of the command.
        var text = new StringBuilder();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!IsVariableName(name))
            {
                throw new CommandFailedException($"'{name}' is not a valid environment variable name");
            }

            text.Append("export ").Append(name).Append('=').Append(ShellQuote(value)).Append("; ");
        }

        text.Append(command);
        using var ssh = _ssh.CreateCommand(text.ToString());
        await ssh.ExecuteAsync(cancellationToken);
        var result = new CommandResult(
            ssh.ExitStatus ?? -1, _redactor.Redact(ssh.Result.TrimEnd('\n')), _redactor.Redact(ssh.Error.TrimEnd('\n')));
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log?.Invoke($"stdout: {line}");
        }

        foreach (var line in result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log?.Invoke($"stderr: {line}");
        }

        if (result.ExitCode != 0)
        {
            throw new CommandFailedException(
                $"remote command '{_redactor.Redact(command)}' on {_endpoint} exited with {result.ExitCode}: {result.Stderr}", result);
        }

        return result;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="remotePath"/> over SFTP and sets its mode.</summary>
    /// <param name="content">What to write.</param>
    /// <param name="remotePath">The absolute path on the remote host.</param>
    /// <param name="mode">Octal permission digits as chmod takes them (<c>0640</c>).</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public async Task CopyAsync(Stream content, string remotePath, string mode, CancellationToken cancellationToken)
    {
        if (!IsOctalMode(mode))
        {
            throw new CommandFailedException($"mode '{mode}' is not an octal permission like 0644");
        }

        using var sftp = new SftpClient(_connection);
        await ConnectPinnedAsync(sftp, _endpoint, _redactor, cancellationToken);
        await sftp.UploadFileAsync(content, remotePath, cancellationToken);
        // SSH.NET reads the short's decimal digits as octal digits ("640" means rw-r-----).
        sftp.ChangePermissions(remotePath, short.Parse(mode, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Removes a remote file; a file already gone is not an error.</summary>
    public async Task DeleteFileAsync(string remotePath, CancellationToken cancellationToken)
    {
        using var sftp = new SftpClient(_connection);
        await ConnectPinnedAsync(sftp, _endpoint, _redactor, cancellationToken);
        if (await sftp.ExistsAsync(remotePath, cancellationToken))
        {
            await sftp.DeleteFileAsync(remotePath, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ssh.Dispose();

    private static ConnectionInfo CreateConnectionInfo(SshEndpoint endpoint, SecretRedactor redactor)
    {
        PrivateKeyFile key;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(endpoint.PrivateKey));
            key = new PrivateKeyFile(stream);
        }
        catch (SshException e)
        {
            throw new CommandFailedException($"connection.privateKey for {endpoint} is not a usable private key: {redactor.Redact(e.Message)}");
        }

        return new ConnectionInfo(endpoint.Host, endpoint.Port, endpoint.User, new PrivateKeyAuthenticationMethod(endpoint.User, key))
        {
            Timeout = endpoint.Timeout,
        };
    }

    private static async Task ConnectPinnedAsync(BaseClient client, SshEndpoint endpoint, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        string? presented = null;
        client.HostKeyReceived += (_, e) =>
        {
            presented = SshHostKeyPin.Of(e.HostKey);
            e.CanTrust = SshHostKeyPin.Matches(endpoint.HostKeyFingerprint, presented);
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (SshConnectionException) when (presented is not null && !SshHostKeyPin.Matches(endpoint.HostKeyFingerprint, presented))
        {
            throw new SshHostKeyException(
                $"{endpoint} presented host key {presented}, but {endpoint.HostKeyFingerprint} is pinned; refusing to connect (a changed host key means a different or compromised host)");
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new CommandFailedException($"could not connect to {endpoint}: {redactor.Redact(e.Message)}", e);
        }
    }

    /// <summary>True for three or four octal digits (<c>644</c>, <c>0640</c>).</summary>
    public static bool IsOctalMode(string mode) => mode is { Length: 3 or 4 } && mode.All(c => c is >= '0' and <= '7');

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
