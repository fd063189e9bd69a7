using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Planning;

/// <summary>Which resources an operation may change: all, or those named by <c>--target</c> (URNs, <c>*</c> wildcards) and, with <c>--target-dependents</c>, what depends on them.</summary>
public sealed class TargetSet
{
    private readonly ImmutableArray<string> _patterns;
    private readonly bool _dependents;
    private readonly HashSet<Urn> _included = [];
    private readonly object _gate = new();

    public TargetSet(IEnumerable<string>? targets, bool includeDependents)
    {
        _patterns = [.. targets ?? []];
        _dependents = includeDependents;
    }

    /// <summary>True when no targets were given: everything is in play.</summary>
    public bool IsAll => _patterns.IsEmpty;

    /// <summary>Whether <paramref name="urn"/> is targeted, given the URNs it depends on (and its parent).</summary>
    /// <remarks>Call in registration order: a dependent is included once one of its dependencies was.</remarks>
    public bool Includes(Urn urn, IEnumerable<Urn> dependencies)
    {
        ArgumentNullException.ThrowIfNull(urn);
        if (IsAll)
        {
            return true;
        }

        lock (_gate)
        {
            if (_included.Contains(urn) || _patterns.Any(p => Matches(p, urn.Value))
                || (_dependents && dependencies.Any(_included.Contains)))
            {
                _included.Add(urn);
                return true;
            }

            return false;
        }
    }

    /// <summary>True when <paramref name="urn"/> is named by a pattern (no dependents considered).</summary>
    public bool Names(Urn urn) => IsAll || _patterns.Any(p => Matches(p, urn.Value));

    private static bool Matches(string pattern, string urn)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return pattern == urn;
        }

        var parts = pattern.Split('*');
        if (!urn.StartsWith(parts[0], StringComparison.Ordinal) || !urn.EndsWith(parts[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = urn.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return at <= urn.Length - parts[^1].Length;
    }
}
