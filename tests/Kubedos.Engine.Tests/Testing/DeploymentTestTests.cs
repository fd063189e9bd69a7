using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Testing;

/// <summary>The in-memory harness runs a program against mocks, with the real engine's wiring and no project or backend.</summary>
public sealed class DeploymentTestTests
{
    private static readonly IMocks Serials = Mocks.From(args =>
        new MockResourceResult($"id-{args.Name}", args.Inputs.Set("serial", $"serial-of-{args.Name}")));

    [Fact]
    public async Task RunAsync_Component_RecordsEachRegistrationWithParentAndInputs()
    {
        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack => { _ = new Group("g", "v"); }), Serials);

        Assert.Null(result.ProgramError);
        Assert.Equal(
            [Thing.TypeToken, Thing.TypeToken, "pulumi:pulumi:Stack", "test:components:Group"],
            result.Resources.Select(r => r.Type).Order(StringComparer.Ordinal));
        var group = result.Single("test:components:Group", "g");
        var first = result.Single(Thing.TypeToken, "g-a");
        Assert.False(group.Custom);
        Assert.Null(group.Id);
        Assert.Equal(group.Urn, first.Parent);
        Assert.Equal("urn:pulumi:test::project::test:components:Group$fake:index:Thing::g-a", first.Urn);
        Assert.Equal("v", first.Inputs["value"].AsString());
        Assert.Equal("id-g-a", first.Id);
    }

    [Fact]
    public async Task RunAsync_OutputFeedsInput_DependentSeesTheMocksOutputAndRecordsTheEdge()
    {
        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack => { _ = new Group("g", "v"); }), Serials);

        var first = result.Single(Thing.TypeToken, "g-a");
        var second = result.Single(Thing.TypeToken, "g-b");
        Assert.Equal("serial-of-g-a", second.Inputs["value"].AsString());
        Assert.Equal(first.Urn, Assert.Single(second.Dependencies));
        Assert.Equal("serial-of-g-b", result.Single("test:components:Group", "g").Outputs["second"].AsString());
    }

    [Fact]
    public async Task RunAsync_StackOutputs_AreRecorded()
    {
        var program = StackProgram.Create(stack =>
        {
            var thing = new Thing("t", new ThingArgs { Value = "x" });
            return new Dictionary<string, object?> { ["serial"] = thing.Serial, ["plain"] = "p" };
        });

        var result = await DeploymentTest.RunAsync(program, Serials);

        Assert.Equal("serial-of-t", result.StackOutputs["serial"].AsString());
        Assert.Equal("p", result.StackOutputs["plain"].AsString());
    }

    [Fact]
    public async Task RunAsync_MockThrows_ResourceFailsAndItsDependentIsSkippedNamingIt()
    {
        var mocks = Mocks.From(args => args.Name == "g-a"
            ? throw new InvalidOperationException("quota exceeded")
            : MockResourceResult.EchoInputs(args));

        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack => { _ = new Group("g", "v"); }), mocks);

        var first = result.Single(Thing.TypeToken, "g-a");
        Assert.Equal("the mock failed: quota exceeded", first.Error);
        Assert.Null(first.Id);
        Assert.Contains(first.Urn, result.Single(Thing.TypeToken, "g-b").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Preview_MocksAreToldAndIdsAreEmpty()
    {
        var seen = new List<bool>();
        var mocks = Mocks.From(args =>
        {
            lock (seen)
            {
                seen.Add(args.IsPreview);
            }

            return MockResourceResult.EchoInputs(args);
        });

        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack => { _ = new Thing("t", new ThingArgs { Value = "x" }); }), mocks, new TestOptions { IsPreview = true });

        Assert.Equal([true], seen);
        Assert.Equal(string.Empty, result.Single(Thing.TypeToken, "t").Id);
    }

    [Fact]
    public async Task RunAsync_ConfigAndNames_ReachTheProgram()
    {
        var options = new TestOptions { ProjectName = "kubedos", StackName = "lab-01", Config = new Dictionary<string, string> { ["kubedos:spec"] = "stacks/lab-01.yaml" } };

        var result = await DeploymentTest.RunAsync(
            StackProgram.Create(stack => new Dictionary<string, object?> { ["spec"] = stack.RequireConfig("spec"), ["name"] = stack.StackName }),
            Mocks.EchoInputs,
            options);

        Assert.Equal("stacks/lab-01.yaml", result.StackOutputs["spec"].AsString());
        Assert.Equal("lab-01", result.StackOutputs["name"].AsString());
        Assert.Equal("urn:pulumi:lab-01::kubedos::pulumi:pulumi:Stack::kubedos-lab-01", result.Resources.Single().Urn);
    }

    [Fact]
    public async Task RunAsync_DuplicateUrn_IsTheProgramsError()
    {
        var result = await DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                _ = new Thing("t", new ThingArgs { Value = "x" });
                _ = new Thing("t", new ThingArgs { Value = "y" });
            }),
            Mocks.EchoInputs);

        Assert.Contains("another resource already has this URN", result.ProgramError, StringComparison.Ordinal);
        Assert.Single(result.OfType(Thing.TypeToken));
    }

    [Fact]
    public async Task RunAsync_ProgramThrows_ErrorIsReturnedAndWhatItRegisteredIsKept()
    {
        var result = await DeploymentTest.RunAsync(
            StackProgram.Create(new Action<Stack>(stack =>
            {
                _ = new Thing("t", new ThingArgs { Value = "x" });
                throw new InvalidOperationException("spec missing");
            })),
            Mocks.EchoInputs);

        Assert.Equal("spec missing", result.ProgramError);
        Assert.Single(result.OfType(Thing.TypeToken));
    }

    [Fact]
    public async Task RunAsync_ComponentWaitingOnItsInputs_ItsChildIsRegisteredOnlyAfterIt()
    {
        // The component's own input comes from a slow resource; its child has no inputs at all. A child recorded before
        // its parent would be a checkpoint the integrity check refuses, so the child waits for its parent.
        var order = new List<string>();
        var mocks = Mocks.From(args =>
        {
            if (args.Name == "slow")
            {
                Thread.Sleep(200);
            }

            lock (order)
            {
                order.Add(args.Name);
            }

            return MockResourceResult.EchoInputs(args);
        });

        var result = await DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                var slow = new Thing("slow", new ThingArgs { Value = "x" });
                var parent = new ComponentResource("test:components:Waiting", "parent", new ThingArgs { Value = slow.Value });
                _ = new Thing("child", new ThingArgs(), new ResourceOptions { Parent = parent });
            }),
            mocks);

        Assert.Null(result.ProgramError);
        Assert.Equal(["slow", "child"], order);
    }

    [Fact]
    public async Task RunAsync_ParentFails_ChildIsSkippedNamingIt()
    {
        var mocks = Mocks.From(args => args.Name == "broken" ? throw new InvalidOperationException("no") : MockResourceResult.EchoInputs(args));

        var result = await DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                var broken = new Thing("broken", new ThingArgs { Value = "x" });
                _ = new Thing("child", new ThingArgs(), new ResourceOptions { Parent = broken });
            }),
            mocks);

        var child = result.Single(Thing.TypeToken, "child");
        Assert.Contains(result.Single(Thing.TypeToken, "broken").Urn, child.Error, StringComparison.Ordinal);
        Assert.Null(child.Id);
    }
}
