using Kubedos.Engine.Config;

namespace Kubedos.Engine.Tests.Config;

public sealed class ProjectFileTests
{
    [Fact]
    public void Load_FullFile_ReadsNameRuntimeDescriptionBackendAndConfig()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.yaml", """
            name: kubedos
            runtime:
              name: dotnet
              options:
                binary: bin/kubedos.dll
            description: Manufactures clusters
            backend:
              url: file://.kubedos
            config:
              spec:
                type: string
                description: Path of the ClusterSpec
                default: stacks/dev.yaml
              nodes:
                type: integer
                default: 3
              token:
                type: string
                secret: true
              aws:region: us-east-1
            """);

        var project = ProjectFile.Load(path);

        Assert.Equal("kubedos", project.Name);
        Assert.Equal("dotnet", project.Runtime);
        Assert.Equal("Manufactures clusters", project.Description);
        Assert.Equal("file://.kubedos", project.BackendUrl);
        Assert.Equal(4, project.Config.Length);
        var spec = project.Config[0];
        Assert.Equal(new ConfigKey("kubedos", "spec"), spec.Key);
        Assert.Equal("string", spec.Type);
        Assert.Equal("Path of the ClusterSpec", spec.Description);
        Assert.Equal("stacks/dev.yaml", spec.Default!.GetValue<string>());
        Assert.Equal(3, project.Config[1].Default!.GetValue<long>());
        Assert.True(project.Config[2].Secret);
        Assert.Equal(new ConfigKey("aws", "region"), project.Config[3].Key);
        Assert.Equal("us-east-1", project.Config[3].Default!.GetValue<string>());
    }

    [Fact]
    public void Save_Loaded_KeepsUnknownFieldsAndOrder()
    {
        using var dir = new TempProject();
        var text = """
            name: kubedos
            runtime: dotnet
            template:
              description: kept as is
            main: src/
            backend:
              url: file://.kubedos

            """;
        var path = dir.Write("Pulumi.yaml", text);

        ProjectFile.Load(path).Save(path);

        Assert.Equal(text, dir.Read("Pulumi.yaml"));
    }

    [Fact]
    public void Create_ThenSave_WritesPulumiShape()
    {
        using var dir = new TempProject();
        var path = dir.PathOf("Pulumi.yaml");

        ProjectFile.Create("demo", "dotnet", "A demo", "file://.kubedos").Save(path);

        Assert.Equal("""
            name: demo
            runtime: dotnet
            description: A demo
            backend:
              url: file://.kubedos

            """, dir.Read("Pulumi.yaml"));
        var reloaded = ProjectFile.Load(path);
        Assert.Equal("A demo", reloaded.Description);
        Assert.Equal("file://.kubedos", reloaded.BackendUrl);
    }

    [Fact]
    public void WithBackendUrl_Null_RemovesBackend()
    {
        using var dir = new TempProject();
        var path = dir.PathOf("Pulumi.yaml");

        ProjectFile.Create("demo", "dotnet", backendUrl: "file://x").WithBackendUrl(null).Save(path);

        Assert.Null(ProjectFile.Load(path).BackendUrl);
        Assert.DoesNotContain("backend", dir.Read("Pulumi.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRuntime_ThrowsWithFile()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.yaml", "name: demo\n");

        var error = Assert.Throws<ConfigException>(() => ProjectFile.Load(path));

        Assert.Equal(path, error.File);
        Assert.Contains("runtime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadName_ThrowsWithLine()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.yaml", "runtime: dotnet\nname: \"bad name\"\n");

        var error = Assert.Throws<ConfigException>(() => ProjectFile.Load(path));

        Assert.Equal(2, error.Line);
        Assert.StartsWith($"{path}:2: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_ThrowsWithLine()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.yaml", "name: demo\nruntime: [dotnet\n");

        var error = Assert.Throws<ConfigException>(() => ProjectFile.Load(path));

        Assert.Equal(path, error.File);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithFile()
    {
        var error = Assert.Throws<ConfigException>(() => ProjectFile.Load("/nonexistent/Pulumi.yaml"));

        Assert.Equal("/nonexistent/Pulumi.yaml", error.File);
    }

    [Fact]
    public void Load_DeeplyNestedConfig_IsRefusedInsteadOfOverflowingTheStack()
    {
        using var dir = new TempProject();
        var path = dir.Write("Pulumi.yaml", "name: hi\nruntime: dotnet\nconfig:\n  deep:\n    default:\n      " + Kubedos.Testing.HostileFiles.DeepNesting(20_000));

        var e = Assert.Throws<ConfigException>(() => ProjectFile.Load(path));

        Assert.Equal(6, e.Line);
        Assert.Contains("nested more than 64 deep", e.Message, StringComparison.Ordinal);
    }
}
