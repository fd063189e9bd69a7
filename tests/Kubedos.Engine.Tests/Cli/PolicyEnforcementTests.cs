using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

/// <summary>Policy packs through the verbs: violations shown, mandatory ones fail with exit code 4, levels overridden by --policy-config.</summary>
public sealed class PolicyEnforcementTests
{
    private static readonly PolicyPack Pack = new(
        "guards",
        new ResourceValidationPolicy("no-forbidden", "Things never hold the value 'forbidden'", EnforcementLevel.Mandatory, (args, report) =>
        {
            if (args.Resource.Inputs.GetOrDefault("value") is { Kind: PropertyValueKind.String } v && v.AsString() == "forbidden")
            {
                report.Violation("value is 'forbidden'");
            }
        })
        {
            ResourceTypes = [Thing.TypeToken],
        });

    [Fact]
    public async Task Preview_MandatoryViolation_ReportedAndExitsPolicyViolation()
    {
        using var p = await InitAsync();

        var code = await p.RunAsync("preview");

        Assert.Equal(EngineExitCodes.PolicyViolation, code);
        Assert.Contains("Policy Violations:", p.Screen, StringComparison.Ordinal);
        Assert.Contains("[mandatory]  guards  no-forbidden  (fake:index:Thing: bad)", p.Screen, StringComparison.Ordinal);
        Assert.Contains("value is 'forbidden'", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_MandatoryViolation_ChangesNothing()
    {
        using var p = await InitAsync();

        var code = await p.RunAsync("up", "--yes");

        Assert.Equal(EngineExitCodes.PolicyViolation, code);
        Assert.Empty(p.Provider.Live);
    }

    [Fact]
    public async Task Up_PolicyConfigMakesItAdvisory_RunsAndStillReports()
    {
        using var p = await InitAsync();
        File.WriteAllText(Path.Combine(p.Dir, "policy.json"), """{"all": "mandatory", "no-forbidden": "advisory"}""");

        await p.RunOkAsync("up", "--yes", "--policy-config", "policy.json");

        Assert.Equal(2, p.Provider.Live.Count);
        Assert.Contains("[advisory]  guards  no-forbidden", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_PolicyConfigNamesUnknownPolicy_ExitsConfigError()
    {
        using var p = await InitAsync();
        File.WriteAllText(Path.Combine(p.Dir, "policy.json"), """{"no-forbiden": "disabled"}""");

        var code = await p.RunAsync("preview", "--policy-config", "policy.json");

        Assert.Equal(EngineExitCodes.ConfigError, code);
        Assert.Contains("no-forbiden", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_Json_MandatoryViolation_IsAPolicyEventAndExitsPolicyViolation()
    {
        using var p = await InitAsync();

        var code = await p.RunAsync("preview", "--json");

        Assert.Equal(EngineExitCodes.PolicyViolation, code);
        Assert.Contains("\"policyEvent\"", p.Out, StringComparison.Ordinal);
        Assert.Contains("\"enforcementLevel\":\"mandatory\"", p.Out, StringComparison.Ordinal);
    }

    private static async Task<CliProject> InitAsync()
    {
        var p = new CliProject();
        p.Host = p.Host with { PolicyPacks = [Pack] };
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s =>
        {
            _ = new Thing("bad", new ThingArgs { Value = "forbidden" });
            _ = new Thing("fine", new ThingArgs { Value = "ok" });
        });
        return p;
    }
}
