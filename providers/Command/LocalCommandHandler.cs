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
/// <param name="Verify">Run at every diff of an unchanged resource (read-only); a non-zero exit replaces the resource.</param>
internal sealed record LocalCommandInputs(
    PropertyValue Create,
    PropertyValue? Update = null,
    PropertyValue? Delete = null,
    IReadOnlyList<string>? Interpreter = null,
    string? Dir = null,
    PropertyValue? Environment = null,
    PropertyValue? Stdin = null,
    [property: ReplaceOnChange("triggers changed: the command runs again")] IReadOnlyList<PropertyValue>? Triggers = null,
    PropertyValue? Verify = null) : ICommandInputs
{
    public SecretRedactor Redactor() => new(SecretInputs.Secrets(Create, Update, Delete, Environment, Stdin, Verify));

    public bool HasSecrets() => SecretInputs.AnySecret(Create, Update, Delete, Environment, Stdin, Verify);

    public CommandSpec Spec(PropertyValue command, string property) => new(
        SecretInputs.Text(command, property) ?? string.Empty,
        Interpreter is { Count: > 0 } ? Interpreter : CommandSpec.DefaultInterpreter,
        Dir,
        SecretInputs.Environment(Environment),
        SecretInputs.Text(Stdin, "stdin"));
}

/// <summary><c>command:local:Command</c>: runs commands on the machine running kubedos.</summary>
/// <param name="log">Receives each output line, secrets masked, prefixed by the resource name.</param>
internal sealed class LocalCommandHandler(Action<string>? log) : CommandHandler<LocalCommandInputs>
{
    public override string Type => "command:local:Command";

    protected override IEnumerable<CheckFailure> Validate(LocalCommandInputs inputs)
    {
        var failures = base.Validate(inputs).ToList();
        Require(failures, () => SecretInputs.Text(inputs.Stdin, "stdin"), "stdin", required: false);
        Require(failures, () => SecretInputs.Text(inputs.Verify, "verify"), "verify", required: false);
        return failures;
    }

    /// <summary>An unchanged command with a <c>verify</c> runs it: a failure means its last result is stale, and the command runs again.</summary>
    protected override async Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diff = Diff(request);
        if (diff.Changes != DiffChanges.None || request.NewInputs.ContainsUnknowns || request.NewInputs.GetOrDefault("verify") is not { } verify
            || verify.Kind == PropertyValueKind.Null)
        {
            return diff;
        }

        var inputs = PropertyMapper.FromMap<LocalCommandInputs>(request.NewInputs);
        try
        {
            await LocalCommandRunner.RunAsync(inputs.Spec(inputs.Verify!, "verify"), inputs.Redactor(), null, cancellationToken);
            return diff;
        }
        catch (CommandFailedException e)
        {
            // What the check said is the reason; its script (often long) is not.
            var said = e.Result is { Stderr.Length: > 0 } result ? result.Stderr.Trim() : e.Message;
            return new DiffResponse(DiffChanges.Some, ["verify"], [new ReplaceReason("verify", $"verify failed, so the command runs again: {said}")]);
        }
    }

    protected override async Task<CommandResult> RunAsync(Urn urn, LocalCommandInputs inputs, PropertyValue command, string property, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalCommandRunner.RunAsync(
                inputs.Spec(command, property), inputs.Redactor(), log is null ? null : line => log($"{urn.Name}: {line}"), cancellationToken);
        }
        catch (CommandFailedException e)
        {
            throw new ProviderException(urn, property, e.Message);
        }
    }
}
