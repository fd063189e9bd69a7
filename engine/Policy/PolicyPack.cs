using System.Collections.Immutable;

namespace Kubedos.Engine.Policy;

/// <summary>A named set of policies, evaluated together by <see cref="PolicyEvaluator"/>.</summary>
public sealed class PolicyPack
{
    /// <summary>A pack named <paramref name="name"/>; policy names must be unique within it.</summary>
    public PolicyPack(string name, IEnumerable<Policy> policies)
    {
        CheckName(name, "policy pack");
        ArgumentNullException.ThrowIfNull(policies);
        Name = name;
        Policies = [.. policies];
        var duplicate = Policies.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"policy pack '{name}' has two policies named '{duplicate.Key}'", nameof(policies));
        }
    }

    /// <summary>A pack of the given policies.</summary>
    public PolicyPack(string name, params Policy[] policies)
        : this(name, (IEnumerable<Policy>)policies)
    {
    }

    /// <summary>The pack's name (reported with each violation).</summary>
    public string Name { get; }

    /// <summary>The policies, in declaration order.</summary>
    public ImmutableArray<Policy> Policies { get; }

    internal static void CheckName(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Names are ids in config files, events and SARIF: keep them to a portable alphabet.
        if (name == "all" || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"{what} name '{name}' may contain only ASCII letters, digits, '-', '_' and '.', and may not be 'all'", nameof(name));
        }
    }
}
