using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Command;

/// <summary>Inputs of <c>command:remote:Command</c>.</summary>
internal sealed record RemoteCommandInputs(
    [property: ReplaceOnChange("the connection changed: the command belongs to another host")] SshConnectionArgs Connection,
    PropertyValue Create,
    PropertyValue? Update = null,
    PropertyValue? Delete = null,
    PropertyValue? Environment = null,
    [property: ReplaceOnChange("triggers changed: the command runs again")] IReadOnlyList<PropertyValue>? Triggers = null) : ICommandInputs
{
    public SecretRedactor Redactor() =>
        new(SecretInputs.Secrets(Create, Update, Delete, Environment).Append(Connection.PrivateKey));

    public bool HasSecrets() => SecretInputs.AnySecret(Create, Update, Delete, Environment);
}

/// <summary><c>command:remote:Command</c>: runs commands over SSH on a host whose key is pinned.</summary>
internal sealed class RemoteCommandHandler(Action<string>? log) : CommandHandler<RemoteCommandInputs>
{
    public override string Type => "command:remote:Command";

    protected override IEnumerable<CheckFailure> Validate(RemoteCommandInputs inputs) =>
        inputs.Connection.Endpoint().Problems().Select(p => new CheckFailure(p.Property, p.Reason)).Concat(base.Validate(inputs));

    protected override async Task<CommandResult> RunAsync(Urn urn, RemoteCommandInputs inputs, PropertyValue command, string property, CancellationToken cancellationToken)
    {
        var redactor = inputs.Redactor();
        try
        {
            using var session = await SshSession.ConnectAsync(inputs.Connection.Endpoint(), redactor, cancellationToken);
            return await session.RunAsync(
                SecretInputs.Text(command, property) ?? string.Empty,
                SecretInputs.Environment(inputs.Environment),
                log is null ? null : line => log($"{urn.Name}: {line}"),
                cancellationToken);
        }
        catch (SshHostKeyException e)
        {
            throw new ProviderException(urn, "connection.hostKeyFingerprint", e.Message);
        }
        catch (CommandFailedException e)
        {
            throw new ProviderException(urn, property, e.Message);
        }
    }
}
