using System.Text.Json.Nodes;
using Cel;
using k8s;
using k8s.Models;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>
/// Evaluates a ValidatingAdmissionPolicy the way the API server does for one request: its variables, then every
/// validation, with <c>object</c> the pod as the API server sees it (its JSON). A real CEL evaluator (the Cel package),
/// so the expressions rendered into the policy files are the ones that run.
/// </summary>
internal static class AdmissionCel
{
    private static readonly CelEnvironment Environment = new(null, null);

    /// <summary>The messages of the validations <paramref name="pod"/> fails under <paramref name="policy"/>; empty when it is admitted.</summary>
    public static IReadOnlyList<string> Denials(V1ValidatingAdmissionPolicy policy, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(pod);
        var context = new Dictionary<string, object?> { ["object"] = Plain(JsonNode.Parse(KubernetesJson.Serialize(pod))) };
        var variables = new Dictionary<string, object?>();
        foreach (var variable in policy.Spec.Variables ?? [])
        {
            variables[variable.Name] = Run(variable.Expression, context);
        }

        context["variables"] = variables;
        return [.. policy.Spec.Validations.Where(v => Run(v.Expression, context) is not true).Select(v => v.Message)];
    }

    private static object? Run(string expression, Dictionary<string, object?> context)
    {
        var result = Environment.Compile(expression)(context);

        // An expression that does not evaluate (an unknown function, a type error) must fail the test, not read as a denial.
        Assert.True(result is bool or IList<object?> or IDictionary<string, object?>, $"'{expression}' evaluated to {result ?? "null"} ({result?.GetType().Name})");
        return result;
    }

    // JSON as CEL sees it: maps, lists, strings, integers, booleans.
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v => v.GetValue<string>(),
        _ => throw new InvalidOperationException($"unexpected JSON node {node.GetType().Name}"),
    };
}
