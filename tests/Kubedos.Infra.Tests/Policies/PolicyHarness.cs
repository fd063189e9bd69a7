using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Validation;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>Real ClusterSpec files (stacks/lab-01.yaml, edited per test) turned into the facts and steps the pack judges.</summary>
internal sealed class PolicyHarness : IDisposable
{
    public const string Stack = "lab-01";

    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-policy-").FullName;

    public PolicyHarness(Func<string, string>? edit = null)
    {
        SpecFile = Path.Combine(directory, "lab-01.yaml");
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "stacks", "lab-01.yaml"));
        File.WriteAllText(SpecFile, edit is null ? text : edit(text));
        Loaded = SpecValidator.ValidateFile(SpecFile);
        Assert.True(Loaded.Succeeded, string.Join("\n", Loaded.Diagnostics));
        Facts = [.. SpecFacts.Of(Loaded.Document!.Spec).Select(f => new PolicyResource(
            UrnOf(PolicyContract.SpecFactType, f.Path),
            PropertyMap.Of(("path", f.Path), ("value", f.Value)))
        {
            Source = SpecFacts.Locate(Loaded.Sources, f.Path),
        })];
    }

    public string SpecFile { get; }

    public SpecLoadResult Loaded { get; }

    /// <summary>The spec's facts as registered resources, each at its spec line.</summary>
    public ImmutableArray<PolicyResource> Facts { get; }

    public static Urn UrnOf(string type, string name) => Urn.Create(Stack, "kubedos", string.Empty, type, name);

    public static PolicyResource Resource(string type, string name, PropertyMap inputs, PolicySourceLocation? source = null) =>
        new(UrnOf(type, name), inputs) { Source = source };

    /// <summary>A lab node as the substrate registers it.</summary>
    public PolicyResource Node(string name) =>
        Resource("local:lab:Node", name, PropertyMap.Of(("name", name), ("address", "10.250.1.11"), ("underlayCidr", "10.250.1.0/24")), Locate(InventoryPath(name)));

    public string InventoryPath(string node)
    {
        var inventory = Loaded.Document!.Spec.Nodes.Inventory;
        for (var i = 0; i < inventory.Count; i++)
        {
            if (inventory[i].Name == node)
            {
                return $"spec.nodes.inventory[{i}]";
            }
        }

        return "spec.nodes.inventory";
    }

    public PolicySourceLocation Locate(string path) => SpecFacts.Locate(Loaded.Sources, path);

    /// <summary>The 1-based line of the spec file holding <paramref name="text"/>.</summary>
    public int LineOf(string text)
    {
        var lines = File.ReadAllLines(SpecFile);
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the spec");
        return index + 1;
    }

    public static PolicyStep Same(PolicyResource r) => new(PolicyStepOp.Same, r.Urn, r.Inputs, r.Inputs) { Source = r.Source };

    public static PolicyStep Create(PolicyResource r) => new(PolicyStepOp.Create, r.Urn, null, r.Inputs) { Source = r.Source };

    public static PolicyStep Delete(PolicyResource r) => new(PolicyStepOp.Delete, r.Urn, r.Inputs, null) { Source = r.Source };

    public static PolicyStep Replace(PolicyResource r) => new(PolicyStepOp.Replace, r.Urn, r.Inputs, r.Inputs) { Source = r.Source };

    public static PolicyStep Update(PolicyResource old, PolicyResource @new) => new(PolicyStepOp.Update, @new.Urn, old.Inputs, @new.Inputs) { Source = @new.Source };

    /// <summary>Runs the Kube'd'OS pack over <paramref name="resources"/> (the stack after the plan) and <paramref name="steps"/>.</summary>
    public static PolicyEvaluation Evaluate(IEnumerable<PolicyResource> resources, IEnumerable<PolicyStep> steps, PolicyConfig? config = null) =>
        new PolicyEvaluator([KubedosPolicyPack.Create()], config).Evaluate(resources, steps, new PolicyContext("kubedos", Stack, IsPreview: true));

    /// <summary>Runs the pack over a plan that keeps every fact and does <paramref name="steps"/> besides.</summary>
    public PolicyEvaluation EvaluatePlan(IEnumerable<PolicyResource> extra, IEnumerable<PolicyStep> steps, PolicyConfig? config = null)
    {
        var resources = Facts.Concat(extra).ToList();
        return Evaluate(resources, Facts.Select(Same).Concat(steps), config);
    }

    public IReadOnlyList<PolicyViolation> Of(PolicyEvaluation evaluation, string policy) =>
        [.. evaluation.Violations.Where(v => v.PolicyName == policy)];

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
