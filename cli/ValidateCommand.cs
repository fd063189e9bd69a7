using System.CommandLine;
using System.Text.Json;
using Kubedos.Engine.Automation;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;

namespace Kubedos.Cli;

/// <summary><c>kubedos validate [SPEC] [--json]</c>: convergence stage 0 only.</summary>
internal static class ValidateCommand
{
    public static Command Create(Option<string?> stackOption)
    {
        var spec = new Argument<string?>("spec")
        {
            Description = "ClusterSpec file (default: the kubedos:spec of the stack's Pulumi.<stack>.yaml)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object" };
        var command = new Command("validate", "Validate and normalise a ClusterSpec (stage 0); exit 0 valid, 1 invalid")
        {
            spec,
            json,
            stackOption,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(spec);
            if (path is { Length: > 1 } && path[0] == '-')
            {
                Console.Error.WriteLine($"kubedos validate: unknown option '{path}'");
                return ExitCodes.Usage;
            }

            if (path is null)
            {
                var stack = parse.GetValue(stackOption) ?? Environment.GetEnvironmentVariable("KUBEDOS_STACK");
                if (stack is null)
                {
                    Console.Error.WriteLine("kubedos validate: give a SPEC file or --stack S (or set KUBEDOS_STACK)");
                    return ExitCodes.Usage;
                }

                if (StackNameRule.Problem(stack) is { } invalid)
                {
                    Console.Error.WriteLine($"kubedos validate: {invalid}");
                    return ExitCodes.Usage;
                }

                path = StackSpecLocator.Locate(Directory.GetCurrentDirectory(), stack, out var error);
                if (path is null)
                {
                    Console.Error.WriteLine($"kubedos validate: {error}");
                    return ExitCodes.InvalidSpec;
                }
            }

            return Run(path, parse.GetValue(json), Console.Out);
        });
        return command;
    }

    /// <summary>Validates <paramref name="path"/> and writes the verdict to <paramref name="output"/>.</summary>
    public static int Run(string path, bool json, TextWriter output)
    {
        var result = SpecValidator.ValidateFile(path);
        var cluster = result.Succeeded ? SpecNormaliser.Normalise(result.Document!) : null;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                file = path,
                valid = result.Succeeded,
                cluster = cluster?.Name,
                nodes = cluster?.Nodes.Count,
                diagnostics = result.Diagnostics.Select(d => new
                {
                    file = d.Location.File,
                    line = d.Location.Line,
                    column = d.Location.Column,
                    rule = d.RuleId,
                    path = d.Path,
                    message = d.Message,
                }),
            }));
        }
        else
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine(diagnostic.ToString());
            }

            output.WriteLine(cluster is not null
                ? $"{path}: valid: cluster {cluster.Name}, {cluster.Nodes.Count} node{(cluster.Nodes.Count == 1 ? string.Empty : "s")}, planes {string.Join(", ", cluster.Planes.Select(p => $"{p.Name} {p.Cidr}"))}"
                : $"{path}: invalid: {result.Diagnostics.Count} error{(result.Diagnostics.Count == 1 ? string.Empty : "s")}");
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.InvalidSpec;
    }
}
