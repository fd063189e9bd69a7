using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Model;

/// <summary><see cref="ResourceOptions.SourcePosition"/>: recorded in the checkpoint, handed to policies (resources and steps, deletes included) and carried on policy events.</summary>
public sealed class ResourceOptionsSourcePositionTests
{
    private static readonly PolicySourceLocation Line12 = new("stacks/lab-01.yaml", 12, 7);

    private static ResourceOptions At(PolicySourceLocation source) => new() { SourcePosition = source };

    [Fact]
    public async Task UpAsync_SourcePosition_IsStoredInTheCheckpointAndReadBack()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" }, At(Line12));
            _ = new Group("g", "v", At(new PolicySourceLocation("/abs/spec.yaml", 3)));
        });

        var json = await File.ReadAllTextAsync(t.StateFile);
        Assert.Contains("\"sourcePosition\": \"project:///stacks/lab-01.yaml#12,7\"", json, StringComparison.Ordinal);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Equal(Line12, checkpoint.Resources.Single(r => r.Urn.Name == "a").SourcePosition);
        Assert.Equal(new PolicySourceLocation("/abs/spec.yaml", 3), checkpoint.Resources.Single(r => r.Urn.Name == "g").SourcePosition);
        Assert.Null(checkpoint.Resources.Single(r => r.Urn.Name == "g-a").SourcePosition);
    }

    [Fact]
    public async Task UpAsync_OnlyTheSourcePositionMoved_RewritesStateWithoutAStep()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, At(Line12)));
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, At(Line12 with { Line = 14 })));

        Assert.Equal(1, t.Provider.Count("create"));
        Assert.Equal(0, t.Provider.Count("update"));
        Assert.DoesNotContain(result.Summary.ResourceChanges, c => c.Key != "same" && c.Value > 0);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Equal(14, checkpoint.Resources.Single(r => r.Urn.Name == "a").SourcePosition!.Line);
    }

    [Fact]
    public async Task UpAsync_OnlyWhichInputComesFromWhichResourceChanged_RewritesThePropertyDependencies()
    {
        using var t = new TestStack();
        void Program(bool both)
        {
            var a = new Thing("a", new ThingArgs { Value = "1" });
            var c = new Thing("c", new ThingArgs { Value = "2" });
            var fromA = a.Serial.Apply(_ => "x");
            var fromC = c.Serial.Apply(_ => "y");

            // The resource's dependencies stay [a, c]; only what "value" comes from changes.
            var value = both ? Output.Tuple<string, string>(fromA, fromC).Apply(_ => "x") : fromA;
            _ = new Thing("b", new ThingArgs { Value = value, Immutable = fromC });
        }

        await t.UpAsync(_ => Program(both: false));
        await t.UpAsync(_ => Program(both: true));

        Assert.Equal(0, t.Provider.Count("update"));
        var b = (await t.Stack.GetCheckpointAsync()).Resources.Single(r => r.Urn.Name == "b");
        Assert.Equal(["a", "c"], b.PropertyDependencies["value"].Select(u => u.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpAsync_SameProgramWithManyDependencies_LeavesTheStateFileAlone()
    {
        using var t = new TestStack();
        void Program(Kubedos.Engine.Model.Stack s)
        {
            var serials = Enumerable.Range(0, 8).Select(i => new Thing($"d{i}", new ThingArgs { Value = "v" }).Serial).ToList();
            _ = new Thing("b", new ThingArgs { Value = Output.All(serials).Apply(_ => "x") });
        }

        await t.UpAsync(Program);
        File.SetLastWriteTimeUtc(t.StateFile, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await t.UpAsync(Program);

        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(t.StateFile));
    }

    [Fact]
    public async Task Policies_SeeTheSourcePosition_OnResourcesStepsDeletesAndEvents()
    {
        var seen = new List<(string What, string Name, PolicySourceLocation? Source)>();
        var pack = new PolicyPack(
            "p",
            new ResourceValidationPolicy("r", "records resources", EnforcementLevel.Advisory, (args, report) =>
            {
                seen.Add(("resource", args.Resource.Name, args.Resource.Source));
                if (args.Resource.Name == "a")
                {
                    report.Violation("a is reported");
                }
            }),
            new PlanValidationPolicy("s", "records steps", EnforcementLevel.Advisory, (args, report) =>
            {
                seen.AddRange(args.Steps.Select(st => ($"step-{st.Op}", st.Urn.Name, st.Source)));
            }));
        using var t = new TestStack(configure: o => o with { PolicyPacks = [pack] });
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" }, At(Line12));
            _ = new Thing("gone", new ThingArgs { Value = "1" }, At(Line12 with { Line = 20 }));
        });

        seen.Clear();
        t.Events.Clear();
        await t.PreviewAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, At(Line12)));

        Assert.Contains(("resource", "a", Line12), seen);
        Assert.Contains(("step-Same", "a", Line12), seen);
        Assert.Contains(("step-Delete", "gone", Line12 with { Line = 20 }), seen);
        var policy = Assert.Single(t.Events.OfType<PolicyEvent>(), e => e.PolicyName == "r");
        Assert.Equal(Line12, policy.Source);
    }

    [Theory]
    [InlineData("project:///stacks/lab-01.yaml#12,7", "stacks/lab-01.yaml", 12, 7)]
    [InlineData("file:///abs/spec.yaml#3", "/abs/spec.yaml", 3, null)]
    [InlineData("project:///a#b.yaml", "a#b.yaml", null, null)]
    public void SourcePositionUri_Parse_ReadsPulumiShapedUris(string uri, string file, int? line, int? column)
    {
        Assert.Equal(new PolicySourceLocation(file, line, column), SourcePositionUri.Parse(uri));
    }

    [Fact]
    public void SourcePositionUri_ForeignScheme_IsIgnoredNotAnError()
    {
        Assert.Null(SourcePositionUri.Parse("https://example.com/x.ts#1,2"));
    }
}
