using System.Text.Json.Nodes;
using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Tests.Config;

public sealed class ConfigPathTests
{
    [Fact]
    public void Parse_DotsIndexesAndQuotedKeys_ReadAsPulumiPaths()
    {
        var path = ConfigPath.Parse("aws:tags[\"kubernetes.io/role\"][0].name", "demo");

        Assert.Equal(new ConfigKey("aws", "tags"), path.Key);
        Assert.Equal([ConfigPathSegment.Of("kubernetes.io/role"), ConfigPathSegment.Of(0), ConfigPathSegment.Of("name")], path.Segments.ToArray());
        Assert.Equal(new ConfigKey("demo", "names"), ConfigPath.Parse("names[1]", "demo").Key);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a[x]")]
    [InlineData("a[\"b\"")]
    [InlineData("[0].a")]
    public void Parse_Malformed_ThrowsNamingThePath(string text)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigPath.Parse(text, "demo"));
        Assert.Equal(text, ex.Key);
    }

    [Fact]
    public void Set_MissingContainers_CreatesObjectsAndLists()
    {
        var root = ConfigPath.Parse("a.b[0].c", "demo").Set(null, JsonValue.Create("v"));

        Assert.Equal("""{"b":[{"c":"v"}]}""", root.ToJsonString());
    }

    [Fact]
    public void Set_IndexPastTheEnd_ThrowsNamingTheNextIndex()
    {
        var root = JsonNode.Parse("""{"names":["a"]}""");

        var ex = Assert.Throws<ConfigException>(() => ConfigPath.Parse("x.names[3]", "demo").Set(root, JsonValue.Create("b")));

        Assert.Contains("the next index is 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("""{"names":["a","b"]}""", ConfigPath.Parse("x.names[1]", "demo").Set(root, JsonValue.Create("b")).ToJsonString());
    }

    [Fact]
    public void Set_NameIntoAList_ThrowsNamingTheSegment()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigPath.Parse("x.list.name", "demo").Set(JsonNode.Parse("""{"list":[1]}"""), JsonValue.Create(1)));

        Assert.Contains("segment 3 (name)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_PresentAndAbsent_ReportsWhetherRemoved()
    {
        var root = JsonNode.Parse("""{"a":{"b":1,"c":2},"l":[1,2]}""");

        var (removed, ok) = ConfigPath.Parse("x.a.b", "demo").Remove(root);
        var (_, missing) = ConfigPath.Parse("x.a.zz", "demo").Remove(root);
        var (fromList, _) = ConfigPath.Parse("x.l[0]", "demo").Remove(root);

        Assert.True(ok);
        Assert.False(missing);
        Assert.Equal("""{"a":{"c":2},"l":[1,2]}""", removed!.ToJsonString());
        Assert.Equal("""{"a":{"b":1,"c":2},"l":[2]}""", fromList!.ToJsonString());
    }

    [Fact]
    public void SetPath_StoreWritesNestedYamlAndGetPathReadsLeaves()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));

        store.SetPath("cluster.nodes[0].name", "n1", secret: false);
        store.SetPath("cluster.nodes[0].cpus", "4", secret: false);
        store.SetPath("cluster[\"dns.zone\"]", "lab.test", secret: false);
        store.SetPath("cluster.token", "hunter2", secret: true);

        var text = dir.Read("Pulumi.dev.yaml");
        Assert.Contains("demo:cluster:", text, StringComparison.Ordinal);
        Assert.Contains("cpus: 4", text, StringComparison.Ordinal);
        Assert.Contains("dns.zone: lab.test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Equal("n1", store.GetPath("cluster.nodes[0].name")!.Text);
        Assert.Equal("4", store.GetPath("cluster.nodes[0].cpus")!.Text);
        Assert.Equal("hunter2", store.GetPath("cluster.token")!.Text);
        Assert.Equal("""{"name":"n1","cpus":4}""", store.GetPath("cluster.nodes[0]")!.Text);
        Assert.Null(store.GetPath("cluster.nodes[5]"));
    }

    [Fact]
    public void SetPath_PlainOverSecretLeaf_RefusesNamingThePath()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        store.SetPath("db.password", "hunter2", secret: true);

        var ex = Assert.Throws<ConfigException>(() => store.SetPath("db.password", "plain", secret: false));

        Assert.Equal("db.password", ex.Key);
        Assert.Contains("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetPath_IntoScalarKey_RefusesNamingTheLine()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        store.Set("region", "eu", secret: false);

        var ex = Assert.Throws<ConfigException>(() => store.SetPath("region.zone", "a", secret: false));

        Assert.Equal("demo:region", ex.Key);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void RemovePath_Leaf_KeepsTheRest()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        store.SetPath("a.b", "1", secret: false);
        store.SetPath("a.c", "2", secret: false);

        Assert.True(store.RemovePath("a.b"));
        Assert.False(store.RemovePath("a.b"));

        Assert.Equal("""{"c":2}""", store.Get("a")!.Text);
    }

    private static TempProject Project()
    {
        var dir = new TempProject();
        dir.Write("Pulumi.yaml", "name: demo\nruntime: dotnet\n");
        return dir;
    }
}
