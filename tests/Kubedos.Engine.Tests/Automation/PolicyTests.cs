using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class PolicyTests
{
    private static PolicyPack Pack(EnforcementLevel level) => new(
        "test-pack",
        new ResourceValidationPolicy("no-forbidden", "values may not be 'forbidden'", level, (args, report) =>
        {
            if (args.Resource.Inputs.GetOrDefault("value") is { Kind: Kubedos.Engine.Model.PropertyValueKind.String } v && v.AsString() == "forbidden")
            {
                report.Violation("the value is forbidden");
            }
        }),
        new PlanValidationPolicy("no-delete-keep", "resources named keep are never deleted", level, (args, report) =>
        {
            foreach (var step in args.Steps.Where(s => s.Op == PolicyStepOp.Delete && s.Urn.Name == "keep"))
            {
                report.Violation("deleting 'keep' is not allowed", step.Urn);
            }
        }));

    private static TestStack WithPolicies(EnforcementLevel level) =>
        new(configure: o => o with { PolicyPacks = [Pack(level)] });

    [Fact]
    public async Task UpAsync_MandatoryViolation_StopsBeforeAnyRealChange()
    {
        using var t = WithPolicies(EnforcementLevel.Mandatory);
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s =>
        {
            _ = new Thing("fine", new ThingArgs { Value = "ok" });
            _ = new Thing("bad", new ThingArgs { Value = "forbidden" });
        }));
        Assert.Contains("test-pack/no-forbidden", ex.Message, StringComparison.Ordinal);
        Assert.Empty(t.Provider.Live);
        Assert.Equal(0, t.Provider.Count("create"));
        var policy = Assert.Single(t.Events.OfType<PolicyEvent>());
        Assert.Equal("mandatory", policy.EnforcementLevel);
        Assert.Equal("bad", policy.ResourceUrn!.Name);
    }

    [Fact]
    public async Task UpAsync_AdvisoryViolation_IsReportedAndUpGoesOn()
    {
        using var t = WithPolicies(EnforcementLevel.Advisory);
        await t.UpAsync(s => _ = new Thing("bad", new ThingArgs { Value = "forbidden" }));
        Assert.Single(t.Events.OfType<PolicyEvent>());
        Assert.NotNull(t.Provider.LiveByName("bad"));
    }

    [Fact]
    public async Task PreviewAsync_MandatoryViolation_FailsAtEndAfterReportingAll()
    {
        using var t = WithPolicies(EnforcementLevel.Mandatory);
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.PreviewAsync(s =>
        {
            _ = new Thing("bad1", new ThingArgs { Value = "forbidden" });
            _ = new Thing("bad2", new ThingArgs { Value = "forbidden" });
        }));
        Assert.Equal(2, ex.Result!.Summary.Failures.Length);
        Assert.All(ex.Result.Summary.Failures, f => Assert.True(f.MandatoryPolicy, f.ToString()));
        Assert.Equal(3, t.Events.OfType<ResourcePreEvent>().Count());
    }

    [Fact]
    public async Task PlanPolicy_ForbiddenDelete_StopsUpAndDestroy()
    {
        using var t = WithPolicies(EnforcementLevel.Mandatory);
        await t.UpAsync(s => _ = new Thing("keep", new ThingArgs { Value = "1" }));
        await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => { }));
        await Assert.ThrowsAsync<UpdateFailedException>(() => t.Stack.DestroyAsync());
        Assert.NotNull(t.Provider.LiveByName("keep"));
    }

    [Fact]
    public async Task PolicyConfig_DisablesPolicy()
    {
        using var t = WithPolicies(EnforcementLevel.Mandatory);
        var workspace = Workspace.Create(t.Workspace.Options with
        {
            PolicyConfig = PolicyConfig.Parse("""{"all": "disabled"}"""),
            Providers = ProviderRegistry.Of(t.Provider),
        });
        var stack = await workspace.SelectStackAsync("dev");
        t.Program(s => _ = new Thing("bad", new ThingArgs { Value = "forbidden" }));
        await stack.UpAsync();
        Assert.NotNull(t.Provider.LiveByName("bad"));
    }
}
