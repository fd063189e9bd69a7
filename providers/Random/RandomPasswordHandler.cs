using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Random;

/// <summary>Inputs of <c>random:index:RandomPassword</c>; every change regenerates (there is nothing to update).</summary>
internal sealed record RandomPasswordInputs(
    int Length,
    bool Upper = true,
    bool Lower = true,
    bool Numeric = true,
    bool Special = true,
    int MinUpper = 0,
    int MinLower = 0,
    int MinNumeric = 0,
    int MinSpecial = 0,
    string? OverrideSpecial = null,
    [property: ReplaceOnChange("keepers changed: a new value is generated")] IReadOnlyDictionary<string, string>? Keepers = null)
{
    public PasswordPolicy Policy() =>
        new(Length, Upper, Lower, Numeric, Special, MinUpper, MinLower, MinNumeric, MinSpecial, OverrideSpecial);
}

/// <summary>Outputs of <c>random:index:RandomPassword</c>.</summary>
internal sealed record RandomPasswordOutputs([property: Secret] string Result, int Length);

/// <summary><c>random:index:RandomPassword</c>: a password from the OS CSPRNG, secret in state.</summary>
internal sealed class RandomPasswordHandler : ResourceHandler<RandomPasswordInputs, RandomPasswordOutputs>
{
    public override string Type => "random:index:RandomPassword";

    protected override IEnumerable<CheckFailure> Validate(RandomPasswordInputs inputs) =>
        inputs.Policy().Problems().Select(p => new CheckFailure(p.Property, p.Reason));

    protected override Task<LiveResource<RandomPasswordOutputs>> CreateAsync(Urn urn, RandomPasswordInputs inputs, CancellationToken cancellationToken) =>
        Task.FromResult(new LiveResource<RandomPasswordOutputs>(
            Guid.NewGuid().ToString("N"), new RandomPasswordOutputs(SecretGenerator.Password(inputs.Policy()), inputs.Length)));

    protected override Task<LiveResource<RandomPasswordOutputs>?> ReadAsync(
        Urn urn, string? id, RandomPasswordInputs inputs, RandomPasswordOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<RandomPasswordOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, RandomPasswordInputs inputs, RandomPasswordOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
