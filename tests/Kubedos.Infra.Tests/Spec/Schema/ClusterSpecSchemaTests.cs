using System.Text.Json.Nodes;
using Kubedos.Spec.Schema;

namespace Kubedos.Infra.Tests.Spec.Schema;

public sealed class ClusterSpecSchemaTests
{
    [Fact]
    public void Generate_MatchesTheCommittedSchema()
    {
        var committed = RepositoryFiles.Read(ClusterSpecSchema.RepositoryPath);

        // When this fails, regenerate: ./kubedos schema --output schema/clusterspec.schema.json
        Assert.Equal(ClusterSpecSchema.Generate(), committed);
    }

    [Fact]
    public void Generate_IsStrictAboutUnknownKeysAndRequiredFields()
    {
        var schema = JsonNode.Parse(ClusterSpecSchema.Generate())!;

        var ha = schema["$defs"]!["HaSpec"]!;
        Assert.False((bool)ha["additionalProperties"]!);
        Assert.Contains("controlPlaneReplicas", ha["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("kubedos.ca/v1alpha1", (string?)schema["$defs"]!["ClusterDocument"]!["properties"]!["apiVersion"]!["const"]);
        Assert.Contains("control-plane", schema["$defs"]!["NodeSpec"]!["properties"]!["role"]!["enum"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("stacks/lab-01.yaml")]
    [InlineData("stacks/lab-01-proxmox.yaml")]
    [InlineData("stacks/dev.yaml")]
    public void Stack_CarriesTheSchemaModeline(string stack)
    {
        var first = RepositoryFiles.Read(stack).Split('\n')[0];

        Assert.Equal("# yaml-language-server: $schema=../schema/clusterspec.schema.json", first);
    }
}
