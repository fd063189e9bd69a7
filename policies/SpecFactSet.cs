using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary>The <see cref="SpecFact"/>s a policy sees, by spec path, with the URN each violation about them is reported on.</summary>
internal sealed class SpecFactSet
{
    private readonly Dictionary<string, (PropertyValue Value, Urn Urn)> facts = new(StringComparer.Ordinal);

    private SpecFactSet()
    {
    }

    /// <summary>The facts among <paramref name="resources"/> (the stack as it will be).</summary>
    public static SpecFactSet From(IEnumerable<PolicyResource> resources)
    {
        var set = new SpecFactSet();
        foreach (var r in resources.Where(r => r.Type == PolicyContract.SpecFactType))
        {
            set.Add(r.Urn, r.Inputs);
        }

        return set;
    }

    /// <summary>The facts after the plan (<paramref name="after"/>: true) or before it (false: a deleted fact still tells what was).</summary>
    public static SpecFactSet From(IEnumerable<PolicyStep> steps, bool after)
    {
        var set = new SpecFactSet();
        foreach (var s in steps.Where(s => s.Type == PolicyContract.SpecFactType))
        {
            var inputs = after ? s.NewInputs : s.OldInputs;
            if (inputs is not null)
            {
                set.Add(s.Urn, inputs);
            }
        }

        return set;
    }

    public PropertyValue? Value(string path) => facts.TryGetValue(path, out var f) ? f.Value : null;

    public Urn? UrnOf(string path) => facts.TryGetValue(path, out var f) ? f.Urn : null;

    public bool? Bool(string path) => PolicyValues.AsBool(Value(path));

    public string? String(string path) => PolicyValues.AsString(Value(path));

    /// <summary>Every fact under <paramref name="prefix"/> (<c>spec.nodes.inventory</c>: each node), in path order.</summary>
    public IEnumerable<(string Path, PropertyValue Value, Urn Urn)> Under(string prefix) =>
        facts.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.Length > prefix.Length && kv.Key[prefix.Length] is '.' or '[')
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, kv.Value.Value, kv.Value.Urn));

    /// <summary>Inventory node names by role (<c>control-plane</c>, <c>worker</c>).</summary>
    public IReadOnlyDictionary<string, string> Roles() =>
        Under(PolicyContract.InventoryPath)
            .Select(f => PolicyValues.AsObject(f.Value))
            .Where(o => o is not null)
            .Select(o => (Name: PolicyValues.String(o, "name"), Role: PolicyValues.String(o, "role")))
            .Where(n => n.Name is not null && n.Role is not null)
            .GroupBy(n => n.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Role!, StringComparer.Ordinal);

    private void Add(Urn urn, PropertyMap inputs)
    {
        if (PolicyValues.String(inputs, "path") is { } path && inputs.GetOrDefault("value") is { } value)
        {
            facts[path] = (value.Unwrapped, urn);
        }
    }
}
