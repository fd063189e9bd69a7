using Kubedos.Engine.Model;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>Inputs of the contract resources a policy check test registers (null ones are omitted).</summary>
internal sealed class PolicyCheckStandInArgs : ResourceArgs
{
    public string? Name { get; init; }

    public string? Cidr { get; init; }

    public string? Mode { get; init; }

    public string? Node { get; init; }

    public string? DefaultInterPlane { get; init; }

    public string? Image { get; init; }

    public string? Password { get; init; }

    public string? Path { get; init; }

    public string? Content { get; init; }
}
