using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

public sealed class StateSurgeryTests
{
    private static readonly Urn Root = Urn.Create("dev", "p", string.Empty, Urn.RootStackType, "p-dev");
    private static readonly Urn Provider = Urn.Create("dev", "p", string.Empty, "pulumi:providers:t", "prov");
    private static readonly Urn Component = Urn.Create("dev", "p", string.Empty, "t:c:Group", "g");
    private static readonly Urn Child = Urn.Create("dev", "p", "t:c:Group", "t:i:T", "child");
    private static readonly Urn Consumer = Urn.Create("dev", "p", string.Empty, "t:i:T", "consumer");

    private static Checkpoint Sample() => new(
        CheckpointManifest.At(DateTimeOffset.UnixEpoch),
        null,
        [
            new ResourceState(Root, Urn.RootStackType, Custom: false),
            new ResourceState(Provider, "pulumi:providers:t", Custom: true) { Id = "pid", Parent = Root },
            new ResourceState(Component, "t:c:Group", Custom: false) { Parent = Root },
            new ResourceState(Child, "t:i:T", Custom: true) { Parent = Component, Provider = $"{Provider}::pid" },
            new ResourceState(Consumer, "t:i:T", Custom: true)
            {
                Parent = Root,
                PropertyDependencies = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("v", ImmutableArray.Create(Child))]),
            },
        ],
        [new PendingOperation(new ResourceState(Child, "t:i:T", Custom: true) { Parent = Component }, PendingOperationKind.Updating)]);

    [Fact]
    public void DeleteResource_ProviderOfAResource_CountsItsUsersAsDependents()
    {
        var ex = Assert.Throws<StateSurgeryException>(() => StateSurgery.DeleteResource(Sample(), Provider, force: false, targetDependents: false));

        Assert.Contains(Child.Value, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Consumer.Value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteResource_TargetDependents_RemovesTransitiveDependentsAndTheirPendingOperations()
    {
        var (checkpoint, deleted) = StateSurgery.DeleteResource(Sample(), Component, force: false, targetDependents: true);

        Assert.Equal([Component, Child, Consumer], deleted.ToArray());
        Assert.Equal([Root, Provider], checkpoint.Resources.Select(r => r.Urn));
        Assert.Empty(checkpoint.PendingOperations);
    }

    [Fact]
    public void RenameStack_RewritesEveryReferenceAndTheRootName()
    {
        var renamed = StateSurgery.RenameStack(Sample(), "prod");

        var text = string.Join("\n", renamed.Resources.Select(r => $"{r.Urn} {r.Parent} {r.Provider} {string.Join(",", r.PropertyDependencies.Values.SelectMany(v => v))}"))
            + renamed.PendingOperations.Single().Resource.Urn;
        Assert.DoesNotContain("urn:pulumi:dev::", text, StringComparison.Ordinal);
        Assert.Equal("p-prod", renamed.Resources[0].Urn.Name);
        Assert.Equal($"{Urn.Create("prod", "p", string.Empty, "pulumi:providers:t", "prov")}::pid", renamed.Resources[3].Provider);
        Assert.Equal("t:c:Group$t:i:T", renamed.Resources[3].Urn.QualifiedType);
    }
}
