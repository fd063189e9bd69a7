using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Engine.Tests.Policy;

public sealed class PolicyEvaluatorTests
{
    private static readonly PolicyContext Preview = new("demo", "dev", IsPreview: true);

    private static readonly ResourceValidationPolicy KeySize = new(
        "key-size",
        "RSA keys have at least 3072 bits",
        EnforcementLevel.Mandatory,
        (args, report) =>
        {
            if (args.Resource.Inputs.GetOrDefault("rsaBits") is { Kind: PropertyValueKind.Number } bits && bits.AsNumber() < 3072)
            {
                report.Violation($"rsaBits is {bits.AsNumber()}, below 3072");
            }
        })
    {
        ResourceTypes = ["tls:index:PrivateKey"],
        Remediation = "set rsaBits to 3072 or more",
    };

    private static readonly ResourceValidationPolicy Named = new(
        "lowercase-names",
        "Resource names are lowercase",
        EnforcementLevel.Advisory,
        (args, report) =>
        {
            if (args.Resource.Name != args.Resource.Name.ToLowerInvariant())
            {
                report.Violation("name has capitals");
            }
        });

    private static readonly StackValidationPolicy AtMostNodes = new(
        "max-nodes",
        "A stack has at most maxNodes nodes",
        EnforcementLevel.Mandatory,
        (args, report) =>
        {
            var max = args.Config["maxNodes"]?.GetValue<int>() ?? 2;
            var nodes = args.Resources.Where(r => r.Type == "local:index:Node").ToArray();
            if (nodes.Length > max)
            {
                report.Violation($"{nodes.Length} nodes, more than {max}", nodes[^1].Urn);
            }
        });

    private static readonly PlanValidationPolicy NoDelete = new(
        "no-delete-of-keys",
        "Keys are never deleted or replaced by an update",
        EnforcementLevel.Mandatory,
        (args, report) =>
        {
            foreach (var step in args.Steps.Where(s => s.Type == "tls:index:PrivateKey" && s.Op is PolicyStepOp.Delete or PolicyStepOp.Replace))
            {
                report.Violation($"{step.Op.ToString().ToLowerInvariant()} of a key (forced by {string.Join(", ", step.ReplaceKeys)})", step.Urn);
            }
        });

    [Fact]
    public void EvaluateResource_Violating_ReportsRecordWithPackPolicyLevelUrnAndSource()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", KeySize)]);
        var source = new PolicySourceLocation("stacks/dev.yaml", 12, 5);
        var key = Resource("tls:index:PrivateKey", "ca", ("rsaBits", 2048)) with { Source = source };

        var result = evaluator.EvaluateResource(key, Preview);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("key-size", violation.PolicyName);
        Assert.Equal("kubedos", violation.PolicyPack);
        Assert.Equal(EnforcementLevel.Mandatory, violation.EnforcementLevel);
        Assert.Equal("rsaBits is 2048, below 3072", violation.Message);
        Assert.Equal(key.Urn, violation.Urn);
        Assert.Equal(source, violation.Source);
        Assert.Equal("RSA keys have at least 3072 bits", violation.Description);
        Assert.Equal("set rsaBits to 3072 or more", violation.Remediation);
        Assert.True(result.HasMandatory);
        Assert.Equal("[mandatory] kubedos/key-size: rsaBits is 2048, below 3072 (urn:pulumi:dev::demo::tls:index:PrivateKey::ca) at stacks/dev.yaml:12:5", violation.ToString());
    }

    [Fact]
    public void EvaluateResource_Compliant_NoViolations()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", KeySize)]);

        var result = evaluator.EvaluateResource(Resource("tls:index:PrivateKey", "ca", ("rsaBits", 4096)), Preview);

        Assert.Empty(result.Violations);
        Assert.False(result.HasMandatory);
    }

    [Fact]
    public void EvaluateResource_OtherType_PolicyWithTypeFilterDoesNotRun()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", KeySize)]);

        var result = evaluator.EvaluateResource(Resource("local:index:Node", "n", ("rsaBits", 1)), Preview);

        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Evaluate_AdvisoryOnly_ReportsButNotMandatory()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", Named)]);

        var result = evaluator.Evaluate([Resource("local:index:Node", "Node-1")], [], Preview);

        Assert.Equal(EnforcementLevel.Advisory, Assert.Single(result.Violations).EnforcementLevel);
        Assert.False(result.HasMandatory);
    }

    [Fact]
    public void Evaluate_ConfigDisables_PolicyDoesNotRun()
    {
        var ran = false;
        var spy = new ResourceValidationPolicy("spy", "Records that it ran", EnforcementLevel.Mandatory, (_, _) => ran = true);
        var evaluator = new PolicyEvaluator([new PolicyPack("p", spy)], PolicyConfig.Parse("""{"spy": "disabled"}"""));

        var result = evaluator.Evaluate([Resource("local:index:Node", "n")], [], Preview);

        Assert.False(ran);
        Assert.Empty(result.Violations);
        Assert.Contains(("p", "spy", EnforcementLevel.Disabled), evaluator.Levels);
    }

    [Fact]
    public void Evaluate_ConfigMakesMandatoryAdvisory_ViolationCarriesEffectiveLevel()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", KeySize)], PolicyConfig.Parse("""{"all": "disabled", "key-size": "advisory"}"""));

        var result = evaluator.Evaluate([Resource("tls:index:PrivateKey", "ca", ("rsaBits", 1024))], [], Preview);

        Assert.Equal(EnforcementLevel.Advisory, Assert.Single(result.Violations).EnforcementLevel);
        Assert.False(result.HasMandatory);
    }

    [Fact]
    public void EvaluateStack_SeesAllResourcesAndConfigSettings()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", AtMostNodes)], PolicyConfig.Parse("""{"max-nodes": {"maxNodes": 1}}"""));
        var second = Resource("local:index:Node", "n2") with { Source = new PolicySourceLocation("stacks/dev.yaml", 30) };

        var result = evaluator.EvaluateStack([Resource("local:index:Node", "n1"), second, Resource("tls:index:PrivateKey", "k")], Preview);

        var violation = Assert.Single(result.Violations);
        Assert.Equal("2 nodes, more than 1", violation.Message);
        Assert.Equal(second.Urn, violation.Urn);
        Assert.Equal(second.Source, violation.Source);
    }

    [Fact]
    public void EvaluateStack_ViolationWithoutUrn_IsStackWide()
    {
        var policy = new StackValidationPolicy("non-empty", "A stack has resources", EnforcementLevel.Advisory, (args, report) =>
        {
            if (args.Resources.IsEmpty)
            {
                report.Violation("the stack is empty");
            }
        });

        var violation = Assert.Single(new PolicyEvaluator([new PolicyPack("p", policy)]).EvaluateStack([], Preview).Violations);

        Assert.Null(violation.Urn);
        Assert.Null(violation.Source);
    }

    [Fact]
    public void EvaluatePlan_ReplaceAndDeleteOfKey_BothReportedWithSteps()
    {
        var evaluator = new PolicyEvaluator([new PolicyPack("kubedos", NoDelete)]);
        var replaced = Urn.Create("dev", "demo", string.Empty, "tls:index:PrivateKey", "ca");
        var deleted = Urn.Create("dev", "demo", string.Empty, "tls:index:PrivateKey", "old");
        var steps = new[]
        {
            new PolicyStep(PolicyStepOp.Replace, replaced, Inputs(("algorithm", "RSA")), Inputs(("algorithm", "ED25519"))) { ReplaceKeys = ["algorithm"] },
            new PolicyStep(PolicyStepOp.Delete, deleted, Inputs(), null),
            new PolicyStep(PolicyStepOp.Create, Urn.Create("dev", "demo", string.Empty, "tls:index:PrivateKey", "new"), null, Inputs()),
            new PolicyStep(PolicyStepOp.Update, Urn.Create("dev", "demo", string.Empty, "local:index:Node", "n"), Inputs(), Inputs()),
        };

        var result = evaluator.EvaluatePlan(steps, new PolicyContext("demo", "dev", IsPreview: false));

        Assert.Collection(
            result.Violations,
            v => Assert.Equal(("replace of a key (forced by algorithm)", replaced), (v.Message, v.Urn)),
            v => Assert.Equal(("delete of a key (forced by )", deleted), (v.Message, v.Urn)));
        Assert.True(result.HasMandatory);
    }

    [Fact]
    public void Evaluate_AllKinds_ReturnsEveryViolationInOrder()
    {
        var evaluator = new PolicyEvaluator(
        [
            new PolicyPack("first", KeySize, Named),
            new PolicyPack("second", AtMostNodes, NoDelete),
        ]);
        var resources = new[]
        {
            Resource("tls:index:PrivateKey", "Ca", ("rsaBits", 1024)),
            Resource("local:index:Node", "n1"),
            Resource("local:index:Node", "n2"),
            Resource("local:index:Node", "n3"),
        };
        var steps = new[] { new PolicyStep(PolicyStepOp.Delete, Urn.Create("dev", "demo", string.Empty, "tls:index:PrivateKey", "gone"), Inputs(), null) };

        var result = evaluator.Evaluate(resources, steps, Preview);

        Assert.Equal(
            ["key-size", "lowercase-names", "max-nodes", "no-delete-of-keys"],
            result.Violations.Select(v => v.PolicyName));
        Assert.Equal(["first", "first", "second", "second"], result.Violations.Select(v => v.PolicyPack));
        Assert.Equal(3, result.Mandatory.Count());
    }

    [Fact]
    public void Evaluate_PolicyThrows_ReportedAsMandatoryNamingTheError()
    {
        var broken = new ResourceValidationPolicy("broken", "Throws", EnforcementLevel.Advisory, (args, report) => report.Violation(args.Resource.Inputs["missing"].AsString()));
        var evaluator = new PolicyEvaluator([new PolicyPack("p", broken)]);
        var resource = Resource("local:index:Node", "n");

        var violation = Assert.Single(evaluator.Evaluate([resource], [], Preview).Violations);

        Assert.Equal(EnforcementLevel.Mandatory, violation.EnforcementLevel);
        Assert.Contains("failed to run: KeyNotFoundException", violation.Message, StringComparison.Ordinal);
        Assert.Equal(resource.Urn, violation.Urn);
    }

    [Fact]
    public void Constructor_ConfigNamesUnknownPolicy_Throws()
    {
        var error = Assert.Throws<PolicyConfigException>(
            () => new PolicyEvaluator([new PolicyPack("kubedos", KeySize)], PolicyConfig.Parse("""{"key-sise": "advisory"}""", "policy.json")));

        Assert.Equal("key-sise", error.Key);
        Assert.Equal("policy.json", error.File);
    }

    [Fact]
    public void EvaluateResource_ReceivesContext()
    {
        PolicyContext? seen = null;
        var policy = new ResourceValidationPolicy("ctx", "Sees the context", EnforcementLevel.Advisory, (args, _) => seen = args.Context);

        new PolicyEvaluator([new PolicyPack("p", policy)]).EvaluateResource(Resource("a:b:C", "x"), Preview);

        Assert.Equal(Preview, seen);
    }

    [Fact]
    public void PolicyPack_DuplicateOrBadNames_Throw()
    {
        Assert.Throws<ArgumentException>(() => new PolicyPack("p", Named, Named));
        Assert.Throws<ArgumentException>(() => new PolicyPack("bad name", Named));
        Assert.Throws<ArgumentException>(() => new ResourceValidationPolicy("all", "reserved", EnforcementLevel.Advisory, (_, _) => { }));
    }

    private static PolicyResource Resource(string type, string name, params (string Key, PropertyValue Value)[] inputs) =>
        new(Urn.Create("dev", "demo", string.Empty, type, name), Inputs(inputs));

    private static PropertyMap Inputs(params (string Key, PropertyValue Value)[] inputs) => PropertyMap.Of(inputs);
}
