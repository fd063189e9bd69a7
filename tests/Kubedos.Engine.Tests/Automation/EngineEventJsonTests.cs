using System.Collections.Immutable;
using System.Text.Json;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class EngineEventJsonTests
{
    [Fact]
    public async Task Serialize_UpEvents_ArePulumiShapedJsonLines()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        var lines = t.Events.Select(EngineEventJson.Serialize).ToList();
        Assert.All(lines, l => Assert.DoesNotContain('\n', l));
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, docs.Count).Select(i => (long)i), docs.Select(d => d.GetProperty("sequence").GetInt64()));
        Assert.True(docs[0].TryGetProperty("preludeEvent", out _));
        Assert.True(docs[^1].TryGetProperty("summaryEvent", out var summary));
        Assert.Equal(2, summary.GetProperty("resourceChanges").GetProperty("create").GetInt32());
        var pre = docs.First(d => d.TryGetProperty("resourcePreEvent", out var p) && p.GetProperty("metadata").GetProperty("type").GetString() == Thing.TypeToken)
            .GetProperty("resourcePreEvent").GetProperty("metadata");
        Assert.Equal("create", pre.GetProperty("op").GetString());
        Assert.Equal(TestStack.UrnOf("a").Value, pre.GetProperty("urn").GetString());
        Assert.Equal("x", pre.GetProperty("new").GetProperty("inputs").GetProperty("value").GetString());
        Assert.Contains(docs, d => d.TryGetProperty("resOutputsEvent", out _));
    }

    [Fact]
    public void Serialize_FailureAndDiagnostic_CarryMessage()
    {
        var diag = EngineEventJson.Serialize(new DiagnosticEvent(TestStack.UrnOf("a"), "boom", DiagnosticSeverity.Error) { Sequence = 7 });
        var root = JsonDocument.Parse(diag).RootElement;
        Assert.Equal(7, root.GetProperty("sequence").GetInt64());
        Assert.Equal("error", root.GetProperty("diagnosticEvent").GetProperty("severity").GetString());
        var policy = EngineEventJson.Serialize(new PolicyEvent(null, "m", "p", "pack", "mandatory"));
        Assert.Equal("pack", JsonDocument.Parse(policy).RootElement.GetProperty("policyEvent").GetProperty("policyPackName").GetString());
        var summary = EngineEventJson.Serialize(new SummaryEvent(false, 1.2, ImmutableSortedDictionary<string, int>.Empty.Add("same", 3)));
        Assert.Equal(3, JsonDocument.Parse(summary).RootElement.GetProperty("summaryEvent").GetProperty("resourceChanges").GetProperty("same").GetInt32());
    }
}
