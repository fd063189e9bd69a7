namespace Kubedos.Providers.Tests.Local;

/// <summary>Lab tests run one at a time: they share the host's routing table and two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection
{
    public const string Name = "lab";
}
