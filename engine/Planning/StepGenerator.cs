using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Planning;

/// <summary>Decides a registered resource's step from the provider's diff and the resource options; pure.</summary>
public static class StepGenerator
{
    /// <summary>The step for a resource that exists in state, given the provider's diff of old state against new inputs.</summary>
    /// <param name="diff">The provider's answer.</param>
    /// <param name="replaceOnChanges">The ReplaceOnChanges option; <c>"*"</c> means any changed property.</param>
    /// <param name="forceReplace">The resource is named by <c>--replace</c>.</param>
    /// <param name="providerChanged">The provider reference differs from the recorded one.</param>
    /// <param name="deleteBeforeReplace">The DeleteBeforeReplace option.</param>
    public static StepDecision Decide(DiffResponse diff, IReadOnlyList<string> replaceOnChanges, bool forceReplace, bool providerChanged, bool deleteBeforeReplace)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(replaceOnChanges);
        var changed = diff.Changes == DiffChanges.Some ? diff.ChangedKeys.ToImmutableArray() : [];
        var reasons = diff.Changes == DiffChanges.Some ? diff.ReplaceKeys.ToImmutableArray() : [];
        foreach (var key in changed)
        {
            if (reasons.Any(r => r.Property == key))
            {
                continue;
            }

            if (replaceOnChanges.Contains("*") || replaceOnChanges.Any(p => Matches(p, key)))
            {
                reasons = reasons.Add(new ReplaceReason(key, "the resource's ReplaceOnChanges option names it"));
            }
        }

        if (providerChanged)
        {
            reasons = reasons.Add(new ReplaceReason("provider", "the resource's provider changed"));
        }

        if (forceReplace)
        {
            reasons = reasons.Add(new ReplaceReason("*", "replacement was requested (--replace)"));
        }

        if (!reasons.IsEmpty)
        {
            return new StepDecision(StepKind.Replace, changed, reasons, deleteBeforeReplace || diff.DeleteBeforeReplace);
        }

        return changed.IsEmpty ? StepDecision.Same : new StepDecision(StepKind.Update, changed, [], false);
    }

    /// <summary>New inputs with the IgnoreChanges paths reset to their old values (absent old values stay absent).</summary>
    /// <remarks>Paths are top-level keys or dotted paths into objects (<c>tags.owner</c>); <c>"*"</c> ignores every input.</remarks>
    public static PropertyMap ApplyIgnoreChanges(PropertyMap oldInputs, PropertyMap newInputs, IReadOnlyList<string> ignoreChanges)
    {
        ArgumentNullException.ThrowIfNull(oldInputs);
        ArgumentNullException.ThrowIfNull(newInputs);
        ArgumentNullException.ThrowIfNull(ignoreChanges);
        if (ignoreChanges.Contains("*"))
        {
            return oldInputs;
        }

        var result = newInputs;
        foreach (var path in ignoreChanges)
        {
            result = Reset(oldInputs, result, path.Split('.'));
        }

        return result;
    }

    private static PropertyMap Reset(PropertyMap olds, PropertyMap news, ReadOnlySpan<string> path)
    {
        var key = path[0];
        if (path.Length == 1)
        {
            return olds.TryGetValue(key, out var old) ? news.Set(key, old) : news.Remove(key);
        }

        if (olds.GetOrDefault(key)?.Unwrapped is { Kind: PropertyValueKind.Object } oldChild
            && news.GetOrDefault(key) is { } newValue && newValue.Unwrapped.Kind == PropertyValueKind.Object)
        {
            var inner = Reset(oldChild.AsObject(), newValue.Unwrapped.AsObject(), path[1..]);
            return news.Set(key, newValue.IsSecret ? PropertyValue.Secret(inner) : PropertyValue.Of(inner));
        }

        return news;
    }

    private static bool Matches(string pattern, string key) =>
        pattern == key || pattern.StartsWith(key + ".", StringComparison.Ordinal) || pattern.StartsWith(key + "[", StringComparison.Ordinal);
}
