using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Tests.Config;

public sealed class StackConfigStoreTests
{
    [Fact]
    public void Set_Secret_EncryptsCreatesSaltAndGetDecrypts()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));

        store.Set("token", "hunter2", secret: true);

        var text = dir.Read("Pulumi.dev.yaml");
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.StartsWith("encryptionsalt: v1:", text, StringComparison.Ordinal);
        Assert.Contains("demo:token:\n    secure: v1:", text, StringComparison.Ordinal);
        Assert.Equal(new ResolvedConfigValue("hunter2", true, false), store.Get("demo:token"));
    }

    [Fact]
    public void Set_SecondSecret_ReusesSalt()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        store.Set("a", "1", secret: true);
        var salt = store.Load().EncryptionSalt;

        store.Set("b", "2", secret: true);

        Assert.Equal(salt, store.Load().EncryptionSalt);
        Assert.Equal("1", store.Get("a")!.Text);
        Assert.Equal("2", store.Get("b")!.Text);
    }

    [Fact]
    public void Get_PlainKeyBesideSecretOne_NeedsNoPassphrase()
    {
        using var dir = Project();
        var writer = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        writer.Set("token", "hunter2", secret: true);
        writer.Set("region", "eu", secret: false);
        var reader = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));

        Assert.Equal(new ResolvedConfigValue("eu", false, false), reader.Get("region"));
        Assert.Throws<PassphraseMissingException>(() => reader.Get("token"));
    }

    [Fact]
    public void Get_UnsetKeyWithProjectDefault_ReturnsDefault()
    {
        using var dir = Project("""
            config:
              region:
                default: eu
            """);
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));

        Assert.Equal("eu", store.Get("region")!.Text);
        Assert.Null(store.Get("other"));
    }

    [Fact]
    public void Set_Plain_NeedsNoPassphrase()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));

        store.Set("aws:region", "eu-west-1", secret: false);

        Assert.Equal(new ResolvedConfigValue("eu-west-1", false, false), store.Get("aws:region"));
        Assert.Null(store.Load().EncryptionSalt);
    }

    [Fact]
    public void Set_SecretWithoutPassphrase_ThrowsPassphraseMissing()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));

        Assert.Throws<PassphraseMissingException>(() => store.Set("token", "x", secret: true));
        Assert.False(File.Exists(dir.PathOf("Pulumi.dev.yaml")));
    }

    [Fact]
    public void Set_PlainOverSecret_Refuses()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        store.Set("token", "hunter2", secret: true);

        var error = Assert.Throws<ConfigException>(() => store.Set("token", "plain", secret: false));

        Assert.Equal("demo:token", error.Key);
        Assert.Contains("--secret", error.Message, StringComparison.Ordinal);
        Assert.Equal("hunter2", store.Get("token")!.Text);
    }

    [Fact]
    public void Get_WrongPassphrase_ThrowsIncorrectPassphrase()
    {
        using var dir = Project();
        new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("right")).Set("token", "x", secret: true);
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("wrong"));

        Assert.Throws<IncorrectPassphraseException>(() => store.Get("token"));
    }

    [Fact]
    public void Remove_SetKey_RemovesAndReportsWhetherItWasThere()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        store.Set("a", "1", secret: false);

        Assert.True(store.Remove("a"));
        Assert.False(store.Remove("a"));
        Assert.Null(store.Get("a"));
    }

    [Fact]
    public void Resolve_AppliesProjectDefaultsUnderStackValues()
    {
        using var dir = Project("""
            config:
              region:
                default: eu
              size:
                type: integer
                default: 3
            """);
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));
        store.Set("size", "5", secret: false);

        var config = store.Resolve();

        Assert.Equal("eu", config.Require("region").Text);
        Assert.Equal("5", config.Require("demo:size").Text);
        Assert.Null(config.Get("other"));
    }

    [Fact]
    public void Resolve_PlainValueForDeclaredSecret_ThrowsWithKeyAndHowToFix()
    {
        using var dir = Project("""
            config:
              token:
                type: string
                secret: true
            """);
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));
        store.Set("token", "plain", secret: false);

        var error = Assert.Throws<ConfigException>(store.Resolve);

        Assert.Equal("demo:token", error.Key);
        Assert.Equal(store.Path, error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("config set --secret demo:token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WrongDeclaredType_ThrowsWithKey()
    {
        using var dir = Project("""
            config:
              size:
                type: integer
            """);
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));
        store.Set("size", "three", secret: false);

        var error = Assert.Throws<ConfigException>(store.Resolve);

        Assert.Equal("demo:size", error.Key);
        Assert.Contains("integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_Missing_ThrowsNamingKeyAndCommand()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", new PassphraseSource(_ => null));

        var error = Assert.Throws<MissingConfigException>(() => store.Resolve().Require("spec"));

        Assert.Equal("demo:spec", error.Key);
        Assert.Contains("kubedos config set demo:spec", error.Message, StringComparison.Ordinal);
        Assert.Contains("'dev'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SecureLeafInObject_DecryptsLeafAndMarksSecret()
    {
        using var dir = Project();
        var store = new StackConfigStore(dir.Directory, "dev", PassphraseSource.FromPassphrase("pw"));
        var secrets = store.OpenSecrets();
        var ciphertext = secrets.Encrypt("s3cret");
        File.WriteAllText(store.Path, $"encryptionsalt: {secrets.EncryptionSalt}\nconfig:\n  demo:db:\n    user: admin\n    password:\n      secure: {ciphertext}\n");

        var value = store.Resolve().Require("db");

        Assert.True(value.Secret);
        Assert.Equal("""{"user":"admin","password":"s3cret"}""", value.Text);
        Assert.Equal("[secret]", value.ToString());
    }

    private static TempProject Project(string extra = "")
    {
        var dir = new TempProject();
        dir.Write("Pulumi.yaml", "name: demo\nruntime: dotnet\n" + extra + "\n");
        return dir;
    }
}
