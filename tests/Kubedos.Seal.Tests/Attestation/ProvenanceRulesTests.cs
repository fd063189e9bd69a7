using System.Text.Json.Nodes;
using Kubedos.Seal.Attestation;

namespace Kubedos.Seal.Tests.Attestation;

public sealed class ProvenanceRulesTests
{
    internal static SlsaProvenance Sample() => new(
        "urn:kubedos:buildtype:seal:v1",
        new JsonObject { ["stack"] = "lab-01" },
        new JsonObject(),
        [new ResourceDescriptor("stacks/lab-01.yaml", new string('a', 64))],
        "urn:kubedos:builder:local",
        new Dictionary<string, string> { ["kubedos"] = "1.0.0" },
        "run-1",
        DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        DateTimeOffset.FromUnixTimeSeconds(1_700_000_005));

    private static byte[] Statement() => InTotoStatement.Render([new ResourceDescriptor("manifest.json", new string('b', 64))], SlsaProvenance.PredicateType, Sample().ToPredicate());

    [Fact]
    public void Check_RenderedStatement_Holds()
    {
        Assert.Empty(ProvenanceRules.Check(Statement()));
    }

    [Theory]
    [InlineData("_type")]
    [InlineData("subject")]
    [InlineData("predicateType")]
    [InlineData("predicate")]
    public void Check_RequiredFieldDropped_NamesIt(string field)
    {
        var statement = JsonNode.Parse(Statement())!.AsObject();
        statement.Remove(field);

        var faults = ProvenanceRules.Check(System.Text.Encoding.UTF8.GetBytes(statement.ToJsonString()));

        Assert.Contains(faults, f => f.StartsWith("/" + field, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_BuilderIdDropped_NamesIt()
    {
        var statement = JsonNode.Parse(Statement())!.AsObject();
        statement["predicate"]!["runDetails"]!["builder"]!.AsObject().Remove("id");

        var faults = ProvenanceRules.Check(System.Text.Encoding.UTF8.GetBytes(statement.ToJsonString()));

        Assert.Contains("/predicate/runDetails/builder/id: required (a non-empty string)", faults);
    }

    [Fact]
    public void ToPredicate_TimestampsAreRfc3339Utc()
    {
        var predicate = Sample().ToPredicate();

        Assert.Equal("2023-11-14T22:13:20Z", predicate["runDetails"]!["metadata"]!["startedOn"]!.GetValue<string>());
    }
}
