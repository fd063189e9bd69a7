using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Command;

/// <summary>Outputs of the command resources: what the last run printed, secrets masked (and the whole marked secret when inputs were).</summary>
internal sealed record CommandOutputs(PropertyValue Stdout, PropertyValue Stderr)
{
    public static CommandOutputs Of(CommandResult result, bool secret) => secret
        ? new(PropertyValue.Secret(result.Stdout), PropertyValue.Secret(result.Stderr))
        : new(result.Stdout, result.Stderr);
}

/// <summary>
/// The lifecycle every command resource shares: create runs <c>create</c>, an in-place update runs <c>update</c> (else
/// <c>create</c>), delete runs <c>delete</c> if given, and a read trusts the state (nothing outside it records a command).
/// Where the command runs is the subclass's <see cref="RunAsync"/>.
/// </summary>
internal abstract class CommandHandler<TInputs> : ResourceHandler<TInputs, CommandOutputs>
    where TInputs : class, ICommandInputs
{
    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(TInputs inputs)
    {
        var failures = new List<CheckFailure>();
        Require(failures, () => SecretInputs.Text(inputs.Create, "create"), "create", required: true);
        Require(failures, () => SecretInputs.Text(inputs.Update, "update"), "update", required: false);
        Require(failures, () => SecretInputs.Text(inputs.Delete, "delete"), "delete", required: false);
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

    protected override async Task<LiveResource<CommandOutputs>> CreateAsync(Urn urn, TInputs inputs, CancellationToken cancellationToken)
    {
        var result = await RunAsync(urn, inputs, inputs.Create, "create", cancellationToken);
        return new LiveResource<CommandOutputs>(Guid.NewGuid().ToString("N"), CommandOutputs.Of(result, inputs.HasSecrets()));
    }

    protected override async Task<CommandOutputs> UpdateAsync(
        Urn urn, string id, TInputs oldInputs, CommandOutputs oldOutputs, TInputs newInputs, CancellationToken cancellationToken)
    {
        var (command, property) = newInputs.Update is null ? (newInputs.Create, "create") : (newInputs.Update, "update");
        var result = await RunAsync(urn, newInputs, command, property, cancellationToken);
        return CommandOutputs.Of(result, newInputs.HasSecrets());
    }

    protected override Task<LiveResource<CommandOutputs>?> ReadAsync(
        Urn urn, string? id, TInputs inputs, CommandOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CommandOutputs>(id, outputs));

    protected override async Task DeleteAsync(Urn urn, string id, TInputs inputs, CommandOutputs outputs, CancellationToken cancellationToken)
    {
        if (inputs.Delete is not null)
        {
            await RunAsync(urn, inputs, inputs.Delete, "delete", cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="command"/> (the input named <paramref name="property"/>); a failure is a <see cref="ProviderException"/> on that input.</summary>
    protected abstract Task<CommandResult> RunAsync(Urn urn, TInputs inputs, PropertyValue command, string property, CancellationToken cancellationToken);

    /// <summary>Adds a failure when the text input is unreadable (or missing while required).</summary>
    protected static void Require(List<CheckFailure> failures, Func<string?> read, string property, bool required)
    {
        try
        {
            if (required && string.IsNullOrWhiteSpace(read()))
            {
                failures.Add(new CheckFailure(property, "is required"));
            }
        }
        catch (ArgumentException e)
        {
            failures.Add(new CheckFailure(property, e.Message));
        }
    }
}
