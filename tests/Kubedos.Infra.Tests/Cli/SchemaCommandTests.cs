using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

public sealed class SchemaCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_OutputIsADirectory_IsAUsageErrorNamingTheOption()
    {
        var root = new System.CommandLine.RootCommand("test") { SchemaCommand.Create() };

        var parse = root.Parse(["schema", "--output", _dir]);

        Assert.Contains(parse.Errors, e => e.Message == $"--output {_dir}: is a directory; give the path of a file to write");
    }

    [Fact]
    public void Parse_OutputInADirectoryThatDoesNotExist_IsAUsageErrorNamingIt()
    {
        var root = new System.CommandLine.RootCommand("test") { SchemaCommand.Create() };
        var missing = Path.Combine(_dir, "missing");

        var parse = root.Parse(["schema", "--output", Path.Combine(missing, "schema.json")]);

        Assert.Contains(parse.Errors, e => e.Message == $"--output {Path.Combine(missing, "schema.json")}: its directory {missing} does not exist");
    }
}
