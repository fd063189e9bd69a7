namespace Kubedos.Infra.Tests.Lab;

/// <summary>Lab tests share the host's namespaces, routes and CPU: they run one at a time.</summary>
[CollectionDefinition(nameof(LabCollection), DisableParallelization = true)]
public sealed class LabCollection;
