using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

public sealed class CheckpointIntegrityTests
{
    private const string Provider = "urn:pulumi:dev::demo::pulumi:providers:fake::default::default";

    private static readonly Urn Root = Urn.Create("dev", "demo", string.Empty, Urn.RootStackType, "demo-dev");
    private static readonly Urn Group = Urn.Create("dev", "demo", string.Empty, "kubedos:test:Group", "g");
    private static readonly Urn A = Urn.Create("dev", "demo", "kubedos:test:Group", "fake:index:Thing", "a");
    private static readonly Urn B = Urn.Create("dev", "demo", "kubedos:test:Group", "fake:index:Thing", "b");

    private static ResourceState Component(Urn urn, Urn? parent) => new(urn, urn.Type, Custom: false) { Parent = parent };

    private static ResourceState Custom(Urn urn, Urn? parent, params Urn[] dependencies) =>
        new(urn, urn.Type, Custom: true) { Id = urn.Name + "-id", Parent = parent, Dependencies = [.. dependencies], Provider = Provider };

    private static Checkpoint Of(params ResourceState[] resources) => Checkpoint.Empty(DateTimeOffset.UnixEpoch) with { Resources = [.. resources] };

    private static Checkpoint Sound() => Of(Component(Root, null), Component(Group, Root), Custom(A, Group), Custom(B, Group, A));

    private static CheckpointIntegrityViolation Only(Checkpoint checkpoint, string rule)
    {
        var violations = CheckpointIntegrity.Check(checkpoint, "demo", "dev");
        Assert.Contains(violations, v => v.Rule == rule);
        return violations.First(v => v.Rule == rule);
    }

    [Fact]
    public void Check_SoundCheckpoint_HasNoViolation()
    {
        Assert.Empty(CheckpointIntegrity.Check(Sound(), "demo", "dev"));
    }

    [Fact]
    public void Check_ParentCycle_NamesThePath()
    {
        var checkpoint = Of(Component(Root, null), Component(Group, B), Custom(A, Group), Custom(B, Group));

        var violation = Only(checkpoint, "parent-cycle");

        Assert.Contains(Group.Value, violation.Message, StringComparison.Ordinal);
        Assert.Contains(B.Value, violation.Message, StringComparison.Ordinal);
        Assert.Contains(" -> ", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SelfParent_IsAParentCycle()
    {
        Assert.Equal(A, Only(Of(Component(Root, null), Custom(A, A)), "parent-cycle").Urn);
    }

    [Fact]
    public void Check_DanglingParent_NamesTheMissingParent()
    {
        var violation = Only(Of(Component(Root, null), Custom(A, Group)), "dangling-parent");

        Assert.Equal(A, violation.Urn);
        Assert.Contains(Group.Value, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TwoLiveResourcesWithOneUrn_IsDuplicateUrn()
    {
        Assert.Equal(A, Only(Of(Component(Root, null), Component(Group, Root), Custom(A, Group), Custom(A, Group)), "duplicate-urn").Urn);
    }

    [Fact]
    public void Check_OldCopyBesideLiveOne_IsNoDuplicate()
    {
        var old = Custom(A, Group) with { Delete = true, Id = "old-id" };

        Assert.Empty(CheckpointIntegrity.Check(Of(Component(Root, null), Component(Group, Root), old, Custom(A, Group)), "demo", "dev"));
    }

    [Fact]
    public void Check_ResourceOfAnotherStack_IsOtherStack()
    {
        var foreign = Urn.Create("prod", "demo", string.Empty, "fake:index:Thing", "a");

        var violation = Only(Of(Component(Root, null), Custom(foreign, Root)), "other-stack");

        Assert.Equal(foreign, violation.Urn);
        Assert.Contains("'prod'", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ResourceOfAnotherProject_IsOtherProject()
    {
        var foreign = Urn.Create("dev", "other", string.Empty, "fake:index:Thing", "a");

        Assert.Equal(foreign, Only(Of(Component(Root, null), Custom(foreign, Root)), "other-project").Urn);
    }

    [Fact]
    public void Check_PendingOperationOfAnotherStack_IsOtherStack()
    {
        var foreign = Urn.Create("prod", "demo", string.Empty, "fake:index:Thing", "a");
        var checkpoint = Sound() with { PendingOperations = [new PendingOperation(new ResourceState(foreign, foreign.Type, Custom: true), PendingOperationKind.Creating)] };

        Assert.Equal(foreign, Only(checkpoint, "other-stack").Urn);
    }

    [Fact]
    public void Check_CustomResourceWithoutId_IsMissingId()
    {
        Assert.Equal(A, Only(Of(Component(Root, null), Component(Group, Root), Custom(A, Group) with { Id = null }), "missing-id").Urn);
    }

    [Fact]
    public void Check_TypeNotTheUrns_IsTypeMismatch()
    {
        var violation = Only(Of(Component(Root, null), Component(Group, Root), Custom(A, Group) with { Type = "fake:index:Other" }), "type-mismatch");

        Assert.Contains("fake:index:Other", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DanglingDependency_NamesIt()
    {
        var gone = Urn.Create("dev", "demo", string.Empty, "fake:index:Thing", "gone");

        Assert.Contains(gone.Value, Only(Of(Component(Root, null), Component(Group, Root), Custom(A, Group, gone)), "dangling-dependency").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DanglingPropertyDependency_NamesThePropertyAndUrn()
    {
        var gone = Urn.Create("dev", "demo", string.Empty, "fake:index:Thing", "gone");
        var a = Custom(A, Group) with { PropertyDependencies = Custom(A, Group).PropertyDependencies.Add("value", [gone]) };

        var violation = Only(Of(Component(Root, null), Component(Group, Root), a), "dangling-property-dependency");

        Assert.Contains("'value'", violation.Message, StringComparison.Ordinal);
        Assert.Contains(gone.Value, violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DependencyCycle_NamesThePath()
    {
        var violation = Only(Of(Component(Root, null), Component(Group, Root), Custom(A, Group, B), Custom(B, Group, A)), "dependency-cycle");

        Assert.Contains($"{A.Value} -> {B.Value} -> {A.Value}", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PropertyDependencyCycle_IsADependencyCycle()
    {
        var a = Custom(A, Group) with { PropertyDependencies = Custom(A, Group).PropertyDependencies.Add("value", [B]) };

        Only(Of(Component(Root, null), Component(Group, Root), a, Custom(B, Group, A)), "dependency-cycle");
    }

    [Fact]
    public void Check_ProviderReferenceToAnAbsentProviderResource_IsMissingProvider()
    {
        var a = Custom(A, Group) with { Provider = "urn:pulumi:dev::demo::pulumi:providers:fake::mine::6f1c0a4e" };

        Assert.Contains("not in the checkpoint", Only(Of(Component(Root, null), Component(Group, Root), a), "missing-provider").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProviderResourceInTheCheckpoint_IsFound()
    {
        var providerUrn = Urn.Create("dev", "demo", string.Empty, "pulumi:providers:fake", "mine");
        var provider = new ResourceState(providerUrn, providerUrn.Type, Custom: true) { Id = "6f1c0a4e" };
        var a = Custom(A, Group) with { Provider = providerUrn.Value + "::6f1c0a4e" };

        Assert.Empty(CheckpointIntegrity.Check(Of(Component(Root, null), Component(Group, Root), provider, a), "demo", "dev"));
    }

    [Fact]
    public void Check_ProviderOfAnotherPackage_IsMissingProvider()
    {
        var a = Custom(A, Group) with { Provider = "urn:pulumi:dev::demo::pulumi:providers:tls::default::default" };

        Assert.Contains("'tls'", Only(Of(Component(Root, null), Component(Group, Root), a), "missing-provider").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProviderReferenceNotAUrn_IsMalformedProvider()
    {
        Only(Of(Component(Root, null), Component(Group, Root), Custom(A, Group) with { Provider = "default" }), "malformed-provider");
    }

    [Fact]
    public void Verify_BrokenCheckpoint_ThrowsAStateErrorListingUrnAndRule()
    {
        var checkpoint = Of(Component(Root, null), Custom(A, A));

        var e = Assert.Throws<CheckpointIntegrityException>(() => CheckpointIntegrity.Verify(checkpoint, "demo", "dev", "state.json"));

        Assert.IsAssignableFrom<StateException>(e);
        Assert.Contains("snapshot integrity failure: state.json", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{A.Value}: parent-cycle", e.Message, StringComparison.Ordinal);
    }
}
