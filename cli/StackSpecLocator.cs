using Kubedos.Input;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Cli;

/// <summary>Finds a stack's ClusterSpec: the <c>kubedos:spec</c> value of <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
internal static class StackSpecLocator
{
    public const string SpecKey = "kubedos:spec";

    /// <summary>The spec path of <paramref name="stack"/>, or an error saying what is missing.</summary>
    public static string? Locate(string projectDirectory, string stack, out string error)
    {
        var stackFile = Path.Combine(projectDirectory, $"Pulumi.{stack}.yaml");
        error = string.Empty;
        if (!File.Exists(stackFile))
        {
            error = $"stack '{stack}' has no stack file {stackFile}";
            return null;
        }

        YamlStream yaml;
        try
        {
            yaml = YamlInput.LoadFile(stackFile);
        }
        catch (InputFileException e)
        {
            error = $"{stackFile}:{e.Line}:{e.Column}: {e.Problem}";
            return null;
        }

        if (yaml.Documents.Count == 1
            && yaml.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("config"), out var config)
            && config is YamlMappingNode values
            && values.Children.TryGetValue(new YamlScalarNode(SpecKey), out var spec)
            && spec is YamlScalarNode { Value: { Length: > 0 } path })
        {
            return Path.GetFullPath(Path.Combine(projectDirectory, path));
        }

        error = $"{stackFile} does not set config '{SpecKey}' (the path of the stack's ClusterSpec)";
        return null;
    }
}
