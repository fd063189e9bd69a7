using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Model;

public sealed class OutputTests
{
    private static Output<T> Unknown<T>(bool secret = false) => Output<T>.FromData(OutputData<T>.Unknown(secret, []));

    [Fact]
    public async Task Apply_Known_Transforms()
    {
        Assert.Equal(4, await Output.Create(2).Apply(v => v * 2).GetValueAsync());
    }

    [Fact]
    public async Task Apply_Unknown_DoesNotRunAndStaysUnknown()
    {
        var ran = false;
        var result = Unknown<int>().Apply(v =>
        {
            ran = true;
            return v;
        });
        var data = await result.DataTask;
        Assert.False(data.IsKnown);
        Assert.False(ran);
    }

    [Fact]
    public async Task Secrecy_FlowsThroughApplyAllTupleAndFormat()
    {
        var secret = Output.CreateSecret("s");
        Assert.True((await secret.Apply(v => v + "!").DataTask).IsSecret);
        Assert.True((await Output.All(secret, Output.Create("x")).DataTask).IsSecret);
        Assert.True((await Output.Tuple<string, int>(secret, 1).DataTask).IsSecret);
        var formatted = await Output.Format($"a {secret} b {3}").DataTask;
        Assert.True(formatted.IsSecret);
        Assert.Equal("a s b 3", formatted.Value);
    }

    [Fact]
    public async Task Unsecret_DropsTheMarkOnly_KeepingValueKnownnessAndDependencies()
    {
        var derived = Output.CreateSecret("key").Apply(k => k.Length);

        var plain = await Output.Unsecret(derived).DataTask;
        var unknown = await Output.Unsecret(Unknown<int>().AsSecret()).DataTask;

        Assert.False(plain.IsSecret);
        Assert.Equal(3, plain.Value);
        Assert.False(unknown.IsKnown);
        Assert.False(unknown.IsSecret);
        Assert.True((await derived.DataTask).IsSecret);
    }

    [Fact]
    public async Task All_OneUnknown_IsUnknown()
    {
        Assert.False((await Output.All(Output.Create(1), Unknown<int>()).DataTask).IsKnown);
        Assert.False((await Output.Format($"{Unknown<string>()}").DataTask).IsKnown);
    }

    [Fact]
    public async Task Tuple_ThreeValues_Combine()
    {
        Assert.Equal(("a", 1, true), await Output.Tuple<string, int, bool>("a", 1, true).GetValueAsync());
    }

    [Fact]
    public async Task ApplyReturningOutput_Flattens()
    {
        Assert.Equal("inner-1", await Output.Create(1).Apply(v => Output.CreateSecret($"inner-{v}")).GetValueAsync());
        Assert.True((await Output.Create(1).Apply(v => Output.CreateSecret(v)).DataTask).IsSecret);
    }

    [Fact]
    public void Resource_OutsideProgram_FailsWithReason()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new CustomResource("fake:index:Thing", "x", null));
        Assert.Contains("outside a stack program", ex.Message, StringComparison.Ordinal);
    }
}
