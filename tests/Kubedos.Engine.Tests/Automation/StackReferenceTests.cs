using System.Collections.Immutable;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

/// <summary>Stack "b" of project "proj" reads the outputs of stack "a" through <see cref="StackReference"/>.</summary>
public sealed class StackReferenceTests
{
    private const string Plain = "hunter2-plaintext";

    // One workspace program for both stacks: "a" exports what the test sets, "b" runs the test's reading program.
    private static async Task<TestStack> TwoStacksAsync(
        Func<Dictionary<string, object?>> aOutputs, string backend = StateBackends.File, ISecretsProvider? secrets = null)
    {
        var t = new TestStack(stack: "b", secrets: secrets, backend: backend);
        t.Outputs = s => s.StackName == "a" ? aOutputs() : [];
        await (await t.Workspace.CreateStackAsync("a")).UpAsync();
        return t;
    }

    private static Task<WorkspaceStack> StackA(TestStack t) => t.Workspace.SelectStackAsync("a");

    private static Dictionary<string, object?> Network(string endpoint) => new()
    {
        ["endpoint"] = endpoint,
        ["network"] = new Dictionary<string, object?> { ["cidr"] = "10.0.0.0/24", ["ports"] = new[] { 22, 443 } },
    };

    [Fact]
    public async Task UpAsync_ReferenceToAnotherStack_ReadsItsStringAndNestedOutputs()
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        ImmutableDictionary<string, object?>? all = null;
        object? missing = "not read";
        t.Outputs = s =>
        {
            var network = new StackReference("network", new StackReferenceArgs { Name = "organization/proj/a" });
            _ = network.Outputs.Apply(o => all = o);
            _ = network.GetOutput("nothing-here").Apply(v => missing = v);
            _ = new Thing("t", new ThingArgs { Value = network.RequireOutput<string>("endpoint") });
            return new()
            {
                ["endpoint"] = network.GetOutput("endpoint"),
                ["cidr"] = network.RequireOutput<ImmutableDictionary<string, object?>>("network").Apply(n => n["cidr"]),
                ["network"] = network.RequireOutput("network"),
            };
        };

        var result = await t.UpAsync(_ => { });

        Assert.Equal("10.0.0.1", result.Outputs["endpoint"].Value.AsString());
        Assert.Equal("10.0.0.0/24", result.Outputs["cidr"].Value.AsString());
        var nested = result.Outputs["network"].Value.AsObject();
        Assert.Equal([22.0, 443.0], nested["ports"].AsArray().Select(p => p.AsNumber()));
        Assert.Equal("10.0.0.1", (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("t", stack: "b"))!.Inputs["value"].AsString());
        Assert.NotNull(all);
        Assert.Equal(["endpoint", "network"], all.Keys.Order(StringComparer.Ordinal));
        Assert.IsType<ImmutableDictionary<string, object?>>(all["network"], exactMatch: false);
        Assert.Null(missing);
        var reference = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("network", StackReference.TypeToken, "b"))!;
        Assert.Equal("organization/proj/a", reference.Id);
        Assert.Equal("organization/proj/a", reference.Outputs["name"].AsString());
    }

    [Fact]
    public async Task RequireOutput_MissingName_FailsTheUpNamingOutputAndStack()
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        t.Outputs = s => new() { ["subnet"] = new StackReference("proj/a").RequireOutput("subnet") };

        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(_ => { }));

        Assert.Contains("no output 'subnet'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stack reference 'proj/a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its outputs: endpoint, network", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task GetOutput_SecretOutputOfTheReferencedStack_StaysSecretAndEncryptedAtRest(string backend)
    {
        using var t = await TwoStacksAsync(
            () => new() { ["password"] = Output.CreateSecret(Plain), ["user"] = "admin" }, backend, PassphraseSecretsProvider.Create("correct horse"));
        var a = await StackA(t);
        t.Outputs = s =>
        {
            var reference = new StackReference("a");
            var password = reference.GetOutput("password");
            var user = reference.GetOutput("user");
            _ = new Thing("t", new ThingArgs { Value = user.Apply(u => (string)u!), Password = reference.RequireOutput<string>("password") });
            return new() { ["password"] = password, ["user"] = user, ["secretNames"] = reference.SecretOutputNames };
        };

        var result = await t.UpAsync(_ => { });

        Assert.True(result.Outputs["password"].IsSecret);
        Assert.Equal(Plain, result.Outputs["password"].Value.AsString());
        Assert.False(result.Outputs["user"].IsSecret);
        Assert.Equal(["password"], result.Outputs["secretNames"].Value.AsArray().Select(v => v.AsString()));
        var thing = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("t", stack: "b"))!;
        Assert.True(thing.Inputs["password"].IsSecret);
        var stored = t.StoredState("b");
        Assert.Contains(CheckpointSecret.SignatureKey, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Plain, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Plain, await t.Stack.ExportAsync(), StringComparison.Ordinal);
        Assert.True((await a.GetOutputsAsync())["password"].IsSecret);
    }

    [Fact]
    public async Task UpAsync_ReferencedOutputsChanged_UpdatesTheReferenceInPlaceWithTheNewValue()
    {
        var endpoint = "10.0.0.1";
        using var t = await TwoStacksAsync(() => Network(endpoint));
        var a = await StackA(t);
        Dictionary<string, object?> Reader(Stack s) =>
            s.StackName == "a" ? Network(endpoint) : new() { ["endpoint"] = new StackReference("a").RequireOutput("endpoint") };
        t.Outputs = Reader;
        await t.UpAsync(_ => { });
        var unchanged = await t.UpAsync(_ => { });
        Assert.Equal(0, unchanged.Summary.Count("update"));

        endpoint = "10.0.0.2";
        await a.UpAsync();
        t.Events.Clear();
        var result = await t.UpAsync(_ => { });

        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal(0, result.Summary.Count("replace"));
        var step = Assert.Single(t.Events.OfType<ResourcePreEvent>(), e => e.Metadata.Type == StackReference.TypeToken);
        Assert.Equal(StepKind.Update, step.Metadata.Op);
        Assert.Contains("outputs", step.Metadata.Diffs);
        Assert.Equal("10.0.0.2", result.Outputs["endpoint"].Value.AsString());
    }

    [Fact]
    public async Task UpAsync_ReferenceRenamed_IsAnUpdateNotAReplacement()
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        var c = await t.Workspace.CreateStackAsync("c");
        t.Outputs = s => s.StackName switch
        {
            "a" => Network("10.0.0.1"),
            "c" => Network("10.9.9.9"),
            _ => new() { ["endpoint"] = new StackReference("ref", new StackReferenceArgs { Name = "a" }).RequireOutput("endpoint") },
        };
        await c.UpAsync();
        await t.UpAsync(_ => { });

        t.Outputs = s => s.StackName == "c"
            ? Network("10.9.9.9")
            : new() { ["endpoint"] = new StackReference("ref", new StackReferenceArgs { Name = "c" }).RequireOutput("endpoint") };
        var result = await t.UpAsync(_ => { });

        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal(0, result.Summary.Count("replace"));
        Assert.Equal("10.9.9.9", result.Outputs["endpoint"].Value.AsString());
    }

    [Fact]
    public async Task PreviewAsync_ReadsTheRealOutputs()
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        object? seen = null;
        t.Outputs = s =>
        {
            _ = new StackReference("a").GetOutput("endpoint").Apply(v => seen = v);
            return [];
        };

        var result = await t.PreviewAsync(_ => { });

        Assert.True(result.Summary.Succeeded);
        Assert.Equal("10.0.0.1", seen);
        var step = Assert.Single(t.Events.OfType<ResourcePreEvent>(), e => e.Metadata.Type == StackReference.TypeToken);
        Assert.Equal(StepKind.Create, step.Metadata.Op);
        Assert.Null((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a", StackReference.TypeToken, "b")));
    }

    [Fact]
    public async Task UpAsync_StackThatDoesNotExist_FailsNamingItAndTheStacksThatDo()
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        t.Outputs = s => new() { ["x"] = new StackReference("ghost").GetOutput("x") };

        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(_ => { }));

        Assert.Contains("no stack named 'ghost' in project 'proj'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its stacks: a, b", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other-project/a", "references across projects are not supported")]
    [InlineData("acme/proj/a", "organization 'acme'")]
    [InlineData("b", "cannot reference itself")]
    [InlineData("proj/b", "cannot reference itself")]
    [InlineData("proj/Not_A_Stack", "does not name a valid stack")]
    [InlineData("a/b/c/d", "is not a stack reference")]
    public async Task UpAsync_NameThatCannotBeRead_IsRefusedSayingWhy(string name, string reason)
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        t.Outputs = s => new() { ["x"] = new StackReference("ref", new StackReferenceArgs { Name = name }).GetOutput("endpoint") };

        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(_ => { }));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("property 'name'", ex.Message, StringComparison.Ordinal);
        Assert.Null((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("ref", StackReference.TypeToken, "b")));
    }

    [Fact]
    public async Task RefreshAsync_ReferencedStackRemoved_ForgetsTheReference()
    {
        using var t = await TwoStacksAsync(() => Network("10.0.0.1"));
        var a = await StackA(t);
        t.Outputs = s => s.StackName == "a" ? Network("10.0.0.1") : new() { ["endpoint"] = new StackReference("a").GetOutput("endpoint") };
        await t.UpAsync(_ => { });
        var urn = TestStack.UrnOf("a", StackReference.TypeToken, "b");
        Assert.NotNull((await t.Stack.GetCheckpointAsync()).Find(urn));

        await a.DestroyAsync();
        await t.Workspace.RemoveStackAsync("a", force: false);
        await t.Stack.RefreshAsync();

        Assert.Null((await t.Stack.GetCheckpointAsync()).Find(urn));
    }
}
