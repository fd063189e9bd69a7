using System.CommandLine;
using Kubedos.Engine.Cli;
using Kubedos.Spec.Schema;

namespace Kubedos.Cli;

/// <summary><c>kubedos schema [--output FILE]</c>: prints or writes the ClusterSpec JSON Schema.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--output") { Description = $"Write the schema to FILE (the repository keeps it at {ClusterSpecSchema.RepositoryPath})" }.FileToWrite();
        var command = new Command("schema", "Print the ClusterSpec JSON Schema generated from the model") { output };
        command.SetAction(parse =>
        {
            var schema = ClusterSpecSchema.Generate();
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    File.WriteAllText(file, schema);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"kubedos schema: --output {Path.GetFullPath(file)}: cannot write the schema: {e.Message}");
                    return ExitCodes.OperationFailed;
                }
            }
            else
            {
                Console.Out.Write(schema);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
