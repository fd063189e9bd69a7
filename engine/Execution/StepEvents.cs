using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Builds the metadata events carry for a step.</summary>
internal static class StepEvents
{
    public static StepEventMetadata Metadata(StepKind op, Urn urn, string type, ResourceState? old, ResourceState? @new, StepDecision? decision = null, IEnumerable<string>? outputDiffKeys = null)
    {
        var changed = decision?.ChangedKeys ?? [.. outputDiffKeys ?? []];
        var reasons = decision?.ReplaceReasons ?? [];
        var detailed = ImmutableSortedDictionary.CreateBuilder<string, PropertyDiff>(StringComparer.Ordinal);
        foreach (var key in changed)
        {
            var reason = reasons.FirstOrDefault(r => r.Property == key || r.Property == "*");
            var replace = reason is not null;
            var inOld = (outputDiffKeys is null ? old?.Inputs : old?.Outputs)?.ContainsKey(key) ?? false;
            var inNew = (outputDiffKeys is null ? @new?.Inputs : @new?.Outputs)?.ContainsKey(key) ?? false;
            var kind = (inOld, inNew) switch
            {
                (false, _) => replace ? PropertyDiffKind.AddReplace : PropertyDiffKind.Add,
                (true, false) => replace ? PropertyDiffKind.DeleteReplace : PropertyDiffKind.Delete,
                _ => replace ? PropertyDiffKind.UpdateReplace : PropertyDiffKind.Update,
            };
            detailed[key] = new PropertyDiff(kind, outputDiffKeys is null, reason?.Reason);
        }

        foreach (var reason in reasons.Where(r => !detailed.ContainsKey(r.Property)))
        {
            detailed[reason.Property] = new PropertyDiff(PropertyDiffKind.UpdateReplace, true, reason.Reason);
        }

        // As in Pulumi's events: keys are the properties forcing a replacement, diffs every changed one.
        return new StepEventMetadata(
            op, urn, type, State(old), State(@new), [.. reasons.Select(r => r.Property).Distinct()], changed, detailed.ToImmutable(), @new?.Provider ?? old?.Provider);
    }

    public static StepEventStateMetadata? State(ResourceState? r) =>
        r is null ? null : new StepEventStateMetadata(r.Type, r.Urn, r.Custom, r.Id, r.Parent, r.Protect, r.Inputs, r.Outputs);

    /// <summary>Outputs with secrecy carried over from secret inputs of the same name and the AdditionalSecretOutputs option.</summary>
    public static PropertyMap SecureOutputs(PropertyMap outputs, PropertyMap inputs, IReadOnlyCollection<string> additionalSecrets)
    {
        var result = outputs;
        foreach (var (key, value) in outputs)
        {
            if (!value.IsSecret && ((inputs.GetOrDefault(key)?.IsSecret ?? false) || additionalSecrets.Contains(key)))
            {
                result = result.Set(key, PropertyValue.Secret(value));
            }
        }

        return result;
    }

    public static string Describe(IEnumerable<ReplaceReason> reasons) =>
        string.Join("; ", reasons.Select(r => r.Property == "*" ? r.Reason : $"{r.Property}: {r.Reason}"));
}
