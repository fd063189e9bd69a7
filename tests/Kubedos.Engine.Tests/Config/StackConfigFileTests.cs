using System.Text.Json.Nodes;
using Kubedos.Engine.Config;

namespace Kubedos.Engine.Tests.Config;

public sealed class StackConfigFileTests
{
    // As `pulumi config set` wrote it (project "hi").
    private const string PulumiWritten = """
        encryptionsalt: v1:nApVG/BPNYo=:v1:z9nHwmyDsdP6VFnP:L7VCw7Vi7030vC906zmeQ/RlTnjnjg==
        config:
          hi:FOO: bar
          hi:PASSWORD:
            secure: v1:bzTfJl4IRVFb9hqI:pWFaDaug9O6jdGibQ2VtnJZHr7WTjjpYFsQ=

        """;

    [Fact]
    public void Load_PulumiWrittenFile_ReadsSaltPlainAndSecure()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", PulumiWritten);

        var file = StackConfigFile.Load(path, "hi");

        Assert.Equal("v1:nApVG/BPNYo=:v1:z9nHwmyDsdP6VFnP:L7VCw7Vi7030vC906zmeQ/RlTnjnjg==", file.EncryptionSalt);
        Assert.Equal(ConfigValue.Plain("bar"), file.Get("FOO"));
        Assert.Equal(ConfigValue.Encrypted("v1:bzTfJl4IRVFb9hqI:pWFaDaug9O6jdGibQ2VtnJZHr7WTjjpYFsQ="), file.Get("hi:PASSWORD"));
        Assert.True(file.HasSecureValues);
        Assert.Equal(4, file.LineOf(new ConfigKey("hi", "PASSWORD")));
    }

    [Fact]
    public void Save_Unchanged_WritesTheSameBytes()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", PulumiWritten);

        StackConfigFile.Load(path, "hi").Save(path);

        Assert.Equal(PulumiWritten, dir.Read("Pulumi.dev.yaml"));
    }

    [Fact]
    public void Save_KeepsUnknownTopLevelFieldsAndQuotedStyles()
    {
        using var dir = new TempProject();
        var text = """
            secretsprovider: passphrase
            environment:
              - shared
            config:
              hi:list:
                - a
                - 2
              hi:port: "8080"

            """;
        var path = dir.Write("Pulumi.dev.yaml", text);

        var file = StackConfigFile.Load(path, "hi");
        file.Save(path);

        Assert.Equal(text, dir.Read("Pulumi.dev.yaml"));
        Assert.Equal("8080", file.Get("port")!.Text);
        Assert.True(file.Get("list")!.IsStructured);
        Assert.Equal("""["a",2]""", file.Get("list")!.Text);
    }

    [Fact]
    public void Set_NewValues_WrittenSortedInPulumiShape()
    {
        using var dir = new TempProject();
        var path = dir.PathOf("Pulumi.dev.yaml");

        StackConfigFile.Empty("hi")
            .WithEncryptionSalt("v1:c2FsdA==:v1:bm9uY2U=:Y3Q=")
            .Set(new ConfigKey("hi", "zeta"), ConfigValue.Plain("last"))
            .Set(new ConfigKey("hi", "alpha"), ConfigValue.Encrypted("v1:abc:def"))
            .Set(new ConfigKey("aws", "region"), ConfigValue.Plain("us-east-1"))
            .Set(new ConfigKey("hi", "count"), ConfigValue.Plain("3"))
            .Set(new ConfigKey("hi", "spaced"), ConfigValue.Plain("needs: quotes"))
            .Set(new ConfigKey("hi", "obj"), ConfigValue.Structured(new JsonObject { ["a"] = "true", ["b"] = true }))
            .Save(path);

        Assert.Equal("""
            encryptionsalt: v1:c2FsdA==:v1:bm9uY2U=:Y3Q=
            config:
              aws:region: us-east-1
              hi:alpha:
                secure: v1:abc:def
              hi:count: "3"
              hi:obj:
                a: "true"
                b: true
              hi:spaced: "needs: quotes"
              hi:zeta: last

            """, dir.Read("Pulumi.dev.yaml"));

        var reloaded = StackConfigFile.Load(path, "hi");
        Assert.Equal("3", reloaded.Get("count")!.Text);
        Assert.Equal("needs: quotes", reloaded.Get("spaced")!.Text);
        Assert.Equal("""{"a":"true","b":true}""", reloaded.Get("obj")!.Text);
    }

    [Fact]
    public void Remove_LastValue_DropsConfigBlock()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", "encryptionsalt: v1:x\nconfig:\n  hi:a: b\n");

        StackConfigFile.Load(path, "hi").Remove(new ConfigKey("hi", "a")).Save(path);

        Assert.Equal("encryptionsalt: v1:x\n", dir.Read("Pulumi.dev.yaml"));
    }

    [Fact]
    public void Set_DoesNotChangeTheOriginal()
    {
        var empty = StackConfigFile.Empty("hi");

        var set = empty.Set(new ConfigKey("hi", "a"), ConfigValue.Plain("b"));

        Assert.Null(empty.Get("a"));
        Assert.NotNull(set.Get("a"));
    }

    [Fact]
    public void Load_SecureObjectLeaf_IsSecureStructured()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", "config:\n  hi:db:\n    user: admin\n    password:\n      secure: v1:a:b\n");

        var value = StackConfigFile.Load(path, "hi").Get("db")!;

        Assert.True(value.IsStructured);
        Assert.True(value.Secure);
    }

    [Fact]
    public void Load_BadKey_ThrowsWithFileLineAndKey()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", "config:\n  hi:a: 1\n  a:b:c: 2\n");

        var error = Assert.Throws<ConfigException>(() => StackConfigFile.Load(path, "hi"));

        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal("a:b:c", error.Key);
    }

    [Fact]
    public void Load_SameKeyQualifiedAndNot_ThrowsSetTwice()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", "config:\n  hi:a: 1\n  a: 2\n");

        var error = Assert.Throws<ConfigException>(() => StackConfigFile.Load(path, "hi"));

        Assert.Equal("hi:a", error.Key);
        Assert.Contains("set twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrEmpty_Missing_IsEmpty()
    {
        using var dir = new TempProject();

        var file = StackConfigFile.LoadOrEmpty(dir.PathOf("Pulumi.none.yaml"), "hi");

        Assert.Empty(file.Values);
        Assert.Null(file.EncryptionSalt);
    }

    [Fact]
    public void Load_EmptyFile_IsEmpty()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", string.Empty);

        Assert.Empty(StackConfigFile.Load(path, "hi").Values);
    }

    [Fact]
    public void FileNameFor_Stack_IsPulumiName()
    {
        Assert.Equal("Pulumi.lab-01.yaml", StackConfigFile.FileNameFor("lab-01"));
    }

    [Fact]
    public void Load_AliasBombInAStructuredValue_IsRefusedAtItsLine()
    {
        using var dir = new TempProject();
        var bomb = Kubedos.Testing.HostileFiles.AliasBomb().Replace("\n", "\n    ", StringComparison.Ordinal).TrimEnd();
        var path = dir.Write("Pulumi.dev.yaml", $"config:\n  hi:bomb:\n    {bomb}\n");

        var e = Assert.Throws<ConfigException>(() => StackConfigFile.Load(path, "hi"));

        Assert.Equal(8, e.Line);
        Assert.Contains("alias bomb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ByteOrderMark_IsSkipped()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.dev.yaml", "config:\n  hi:FOO: bar\n");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);

        Assert.Equal(ConfigValue.Plain("bar"), StackConfigFile.Load(path, "hi").Get("FOO"));
    }

    [Fact]
    public void Load_Fifo_IsRefusedAsNotARegularFile()
    {
        using var dir = new TempProject();
        var path = Kubedos.Testing.HostileFiles.Fifo(dir.PathOf("Pulumi.dev.yaml"));

        var e = Assert.Throws<ConfigException>(() => StackConfigFile.LoadOrEmpty(path, "hi"));

        Assert.Contains("not a regular file (a FIFO)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ValueEndingInNewline_ReadsBackWithTheNewline()
    {
        using var dir = new TempProject();
        var path = dir.PathOf("Pulumi.dev.yaml");

        StackConfigFile.Empty("hi").Set(new ConfigKey("hi", "motd"), ConfigValue.Plain("hello\n")).Save(path);

        Assert.Equal(ConfigValue.Plain("hello\n"), StackConfigFile.Load(path, "hi").Get("motd"));
    }
}
