namespace Kubedos.Engine.Testing;

/// <summary>Answers a test deployment's custom resources in place of their providers (Pulumi's <c>IMocks</c>).</summary>
public interface IMocks
{
    /// <summary>The id and outputs of the custom resource <paramref name="args"/> describes; throwing fails that resource.</summary>
    Task<MockResourceResult> NewResourceAsync(MockResourceArgs args, CancellationToken cancellationToken);
}
