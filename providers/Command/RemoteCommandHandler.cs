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
    [property: ReplaceOnChange("triggers changed: the command runs again")] IReadOnlyList<PropertyValue>? Triggers = null)
{
    public SecretRedactor Redactor() =>
        new(SecretInputs.Secrets(Create, Update, Delete, Environment).Append(Connection.PrivateKey));

    public bool HasSecrets => SecretInputs.AnySecret(Create, Update, Delete, Environment);
}

/// <summary><c>command:remote:Command</c>: runs commands over SSH on a host whose key is pinned.</summary>
internal sealed class RemoteCommandHandler(Action<string>? log) : ResourceHandler<RemoteCommandInputs, CommandOutputs>
{
    public override string Type => "command:remote:Command";

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(RemoteCommandInputs inputs)
    {
        var failures = inputs.Connection.Endpoint().Problems().Select(p => new CheckFailure(p.Property, p.Reason)).ToList();
        LocalCommandHandler.Require(failures, () => SecretInputs.Text(inputs.Create, "create"), "create", required: true);
        LocalCommandHandler.Require(failures, () => SecretInputs.Text(inputs.Update, "update"), "update", required: false);
        LocalCommandHandler.Require(failures, () => SecretInputs.Text(inputs.Delete, "delete"), "delete", required: false);
        try
        {
            SecretInputs.Environment(inputs.Environment);
        }
        catch (ArgumentException e)
        {
            failures.Add(new CheckFailure("environment", e.Message));
        }

        return failures;
    }

    protected override async Task<LiveResource<CommandOutputs>> CreateAsync(Urn urn, RemoteCommandInputs inputs, CancellationToken cancellationToken)
    {
        var result = await RunAsync(urn, inputs, inputs.Create, "create", cancellationToken);
        return new LiveResource<CommandOutputs>(Guid.NewGuid().ToString("N"), CommandOutputs.Of(result, inputs.HasSecrets));
    }

    protected override async Task<CommandOutputs> UpdateAsync(
        Urn urn, string id, RemoteCommandInputs oldInputs, CommandOutputs oldOutputs, RemoteCommandInputs newInputs, CancellationToken cancellationToken)
    {
        var (command, property) = newInputs.Update is null ? (newInputs.Create, "create") : (newInputs.Update, "update");
        var result = await RunAsync(urn, newInputs, command, property, cancellationToken);
        return CommandOutputs.Of(result, newInputs.HasSecrets);
    }

    protected override Task<LiveResource<CommandOutputs>?> ReadAsync(
        Urn urn, string? id, RemoteCommandInputs inputs, CommandOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CommandOutputs>(id, outputs));

    protected override async Task DeleteAsync(Urn urn, string id, RemoteCommandInputs inputs, CommandOutputs outputs, CancellationToken cancellationToken)
    {
        if (inputs.Delete is not null)
        {
            await RunAsync(urn, inputs, inputs.Delete, "delete", cancellationToken);
        }
    }

    private async Task<CommandResult> RunAsync(Urn urn, RemoteCommandInputs inputs, PropertyValue command, string property, CancellationToken cancellationToken)
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
