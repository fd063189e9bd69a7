namespace Kubedos.Engine.Providers;

/// <summary>A real resource as a typed handler sees it: its id and typed outputs.</summary>
public sealed record LiveResource<TOutputs>(string Id, TOutputs Outputs)
    where TOutputs : class;
