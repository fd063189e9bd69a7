using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Command;

/// <summary>Inputs of <c>command:local:Command</c>.</summary>
/// <param name="Create">Runs on create (and on update when <paramref name="Update"/> is absent).</param>
/// <param name="Update">Runs when inputs change in place.</param>
/// <param name="Delete">Runs on delete.</param>
/// <param name="Interpreter">Program and arguments the command is appended to (default <c>/bin/sh -c</c>).</param>
/// <param name="Dir">Working directory.</param>
/// <param name="Environment">Extra environment variables; secret values are masked in all output.</param>
/// <param name="Stdin">Standard input for the command.</param>
/// <param name="Triggers">Any change replaces the resource: delete runs, then create runs again.</param>
internal sealed record LocalCommandInputs(
    PropertyValue Create,
    PropertyValue? Update = null,
    PropertyValue? Delete = null,
    IReadOnlyList<string>? Interpreter = null,
    string? Dir = null,
    PropertyValue? Environment = null,
    PropertyValue? Stdin = null,
    [property: ReplaceOnChange("triggers changed: the command runs again")] IReadOnlyList<PropertyValue>? Triggers = null)
{
    public SecretRedactor Redactor() => new(SecretInputs.Secrets(Create, Update, Delete, Environment, Stdin));

    public bool HasSecrets => SecretInputs.AnySecret(Create, Update, Delete, Environment, Stdin);

    public CommandSpec Spec(PropertyValue command, string property) => new(
        SecretInputs.Text(command, property) ?? string.Empty,
        Interpreter is { Count: > 0 } ? Interpreter : CommandSpec.DefaultInterpreter,
        Dir,
        SecretInputs.Environment(Environment),
        SecretInputs.Text(Stdin, "stdin"));
}

/// <summary>Outputs of the command resources: what the last run printed, secrets masked (and the whole marked secret when inputs were).</summary>
internal sealed record CommandOutputs(PropertyValue Stdout, PropertyValue Stderr)
{
    public static CommandOutputs Of(CommandResult result, bool secret) => secret
        ? new(PropertyValue.Secret(result.Stdout), PropertyValue.Secret(result.Stderr))
        : new(result.Stdout, result.Stderr);
}

/// <summary><c>command:local:Command</c>: runs commands on the machine running kubedos.</summary>
/// <param name="log">Receives each output line, secrets masked, prefixed by the resource name.</param>
internal sealed class LocalCommandHandler(Action<string>? log) : ResourceHandler<LocalCommandInputs, CommandOutputs>
{
    public override string Type => "command:local:Command";

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(LocalCommandInputs inputs)
    {
        var failures = new List<CheckFailure>();
        Require(failures, () => SecretInputs.Text(inputs.Create, "create"), "create", required: true);
        Require(failures, () => SecretInputs.Text(inputs.Update, "update"), "update", required: false);
        Require(failures, () => SecretInputs.Text(inputs.Delete, "delete"), "delete", required: false);
        Require(failures, () => SecretInputs.Text(inputs.Stdin, "stdin"), "stdin", required: false);
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

    protected override async Task<LiveResource<CommandOutputs>> CreateAsync(Urn urn, LocalCommandInputs inputs, CancellationToken cancellationToken)
    {
        var result = await RunAsync(urn, inputs, inputs.Create, "create", cancellationToken);
        return new LiveResource<CommandOutputs>(Guid.NewGuid().ToString("N"), CommandOutputs.Of(result, inputs.HasSecrets));
    }

    protected override async Task<CommandOutputs> UpdateAsync(
        Urn urn, string id, LocalCommandInputs oldInputs, CommandOutputs oldOutputs, LocalCommandInputs newInputs, CancellationToken cancellationToken)
    {
        var (command, property) = newInputs.Update is null ? (newInputs.Create, "create") : (newInputs.Update, "update");
        var result = await RunAsync(urn, newInputs, command, property, cancellationToken);
        return CommandOutputs.Of(result, newInputs.HasSecrets);
    }

    // Nothing outside the state records a local command: what was recorded is what there is.
    protected override Task<LiveResource<CommandOutputs>?> ReadAsync(
        Urn urn, string? id, LocalCommandInputs inputs, CommandOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CommandOutputs>(id, outputs));

    protected override async Task DeleteAsync(Urn urn, string id, LocalCommandInputs inputs, CommandOutputs outputs, CancellationToken cancellationToken)
    {
        if (inputs.Delete is not null)
        {
            await RunAsync(urn, inputs, inputs.Delete, "delete", cancellationToken);
        }
    }

    internal static void Require(List<CheckFailure> failures, Func<string?> read, string property, bool required)
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

    private async Task<CommandResult> RunAsync(Urn urn, LocalCommandInputs inputs, PropertyValue command, string property, CancellationToken cancellationToken)
    {
        var redactor = inputs.Redactor();
        try
        {
            return await LocalCommandRunner.RunAsync(
                inputs.Spec(command, property), redactor, log is null ? null : line => log($"{urn.Name}: {line}"), cancellationToken);
        }
        catch (CommandFailedException e)
        {
            throw new ProviderException(urn, property, e.Message);
        }
    }
}
