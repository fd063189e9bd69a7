using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Command;

/// <summary>Inputs of <c>command:remote:CopyToRemote</c>: exactly one of <paramref name="Content"/> and <paramref name="LocalPath"/>.</summary>
/// <param name="Connection">Where to copy to.</param>
/// <param name="RemotePath">Absolute destination path.</param>
/// <param name="Content">The file's text (may be secret: a key or a config with credentials).</param>
/// <param name="LocalPath">A local file to copy instead.</param>
/// <param name="Mode">Octal permissions of the remote file.</param>
/// <param name="Triggers">Any change replaces the resource (copies again).</param>
internal sealed record CopyToRemoteInputs(
    [property: ReplaceOnChange("the connection changed: the file belongs to another host")] SshConnectionArgs Connection,
    [property: ReplaceOnChange("the remote path changed: the old file is removed and the new one written")] string RemotePath,
    PropertyValue? Content = null,
    string? LocalPath = null,
    string Mode = "0644",
    [property: ReplaceOnChange("triggers changed: the file is copied again")] IReadOnlyList<PropertyValue>? Triggers = null);

/// <summary>Outputs of <c>command:remote:CopyToRemote</c>.</summary>
/// <param name="RemotePath">Where the file is.</param>
/// <param name="Sha256">Hex SHA-256 of what was written (secret when the content is, so a guessable secret cannot be confirmed).</param>
/// <param name="Size">Bytes written.</param>
internal sealed record CopyToRemoteOutputs(string RemotePath, PropertyValue Sha256, long Size);

/// <summary><c>command:remote:CopyToRemote</c>: writes a file over SFTP to a host whose key is pinned; delete removes it.</summary>
internal sealed class CopyToRemoteHandler : ResourceHandler<CopyToRemoteInputs, CopyToRemoteOutputs>
{
    public override string Type => "command:remote:CopyToRemote";

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(CopyToRemoteInputs inputs)
    {
        var failures = inputs.Connection.Endpoint().Problems().Select(p => new CheckFailure(p.Property, p.Reason)).ToList();
        if ((inputs.Content is null) == (inputs.LocalPath is null))
        {
            failures.Add(new CheckFailure("content", "give exactly one of content and localPath"));
        }

        if (!inputs.RemotePath.StartsWith('/'))
        {
            failures.Add(new CheckFailure("remotePath", $"must be absolute, got '{inputs.RemotePath}'"));
        }

        if (!SshSession.IsOctalMode(inputs.Mode))
        {
            failures.Add(new CheckFailure("mode", $"must be octal permissions like 0644, got '{inputs.Mode}'"));
        }

        return failures;
    }

    protected override async Task<LiveResource<CopyToRemoteOutputs>> CreateAsync(Urn urn, CopyToRemoteInputs inputs, CancellationToken cancellationToken) =>
        new(inputs.RemotePath, await CopyAsync(urn, inputs, cancellationToken));

    protected override Task<CopyToRemoteOutputs> UpdateAsync(
        Urn urn, string id, CopyToRemoteInputs oldInputs, CopyToRemoteOutputs oldOutputs, CopyToRemoteInputs newInputs, CancellationToken cancellationToken) =>
        CopyAsync(urn, newInputs, cancellationToken);

    protected override Task<LiveResource<CopyToRemoteOutputs>?> ReadAsync(
        Urn urn, string? id, CopyToRemoteInputs inputs, CopyToRemoteOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CopyToRemoteOutputs>(id, outputs));

    protected override async Task DeleteAsync(Urn urn, string id, CopyToRemoteInputs inputs, CopyToRemoteOutputs outputs, CancellationToken cancellationToken)
    {
        var redactor = Redactor(inputs);
        await WithSessionAsync(urn, redactor, inputs, session => session.DeleteFileAsync(inputs.RemotePath, cancellationToken), cancellationToken);
    }

    private static async Task<CopyToRemoteOutputs> CopyAsync(Urn urn, CopyToRemoteInputs inputs, CancellationToken cancellationToken)
    {
        // Checked here, not in Check: an earlier resource of the same run may be what creates the file.
        if (inputs.LocalPath is not null && !File.Exists(inputs.LocalPath))
        {
            throw new ProviderException(urn, "localPath", $"'{inputs.LocalPath}' does not exist");
        }

        var bytes = inputs.LocalPath is not null
            ? await File.ReadAllBytesAsync(inputs.LocalPath, cancellationToken)
            : System.Text.Encoding.UTF8.GetBytes(SecretInputs.Text(inputs.Content, "content") ?? string.Empty);
        var redactor = Redactor(inputs);
        await WithSessionAsync(urn, redactor, inputs, async session =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await session.CopyAsync(stream, inputs.RemotePath, inputs.Mode, cancellationToken);
        }, cancellationToken);
        var digest = Sha256Hex.Of(bytes);
        var secret = SecretInputs.AnySecret(inputs.Content);
        return new CopyToRemoteOutputs(inputs.RemotePath, secret ? PropertyValue.Secret(digest) : digest, bytes.LongLength);
    }

    private static SecretRedactor Redactor(CopyToRemoteInputs inputs) =>
        new(SecretInputs.Secrets(inputs.Content).Append(inputs.Connection.PrivateKey));

    private static async Task WithSessionAsync(
        Urn urn, SecretRedactor redactor, CopyToRemoteInputs inputs, Func<SshSession, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            using var session = await SshSession.ConnectAsync(inputs.Connection.Endpoint(), redactor, cancellationToken);
            await action(session);
        }
        catch (SshHostKeyException e)
        {
            throw new ProviderException(urn, "connection.hostKeyFingerprint", e.Message);
        }
        catch (CommandFailedException e)
        {
            throw new ProviderException(urn, null, e.Message);
        }
        catch (Renci.SshNet.Common.SshException e)
        {
            throw new ProviderException(urn, "remotePath", $"copy to {inputs.Connection}:{inputs.RemotePath} failed: {redactor.Redact(e.Message)}");
        }
    }
}
