using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Finds the resources a delete-before-replace drags along: dependents whose inputs from the replaced resource force their own replacement.</summary>
/// <remarks>
/// As in Pulumi: the replaced resource's outputs become unknown, each dependent's provider diffs
/// its inputs with those properties unknown, and a dependent that would be replaced must go
/// before the resource it depends on can be deleted (it is created again when the program
/// registers it). Dependents that would only update are left to update.
/// </remarks>
internal static class DependentReplacements
{
    /// <summary>The dependents to delete first, nearest first (delete them in reverse).</summary>
    public static async Task<IReadOnlyList<ResourceState>> FindAsync(DeploymentRun run, Urn root)
    {
        var replaced = new HashSet<Urn> { root };
        var found = new List<ResourceState>();
        var candidates = run.Old.Values.Where(r => r.Custom && r.Urn != root).ToList();
        bool grew;
        do
        {
            grew = false;
            foreach (var dependent in candidates.Where(d => !replaced.Contains(d.Urn)).ToList())
            {
                var keys = dependent.PropertyDependencies.Where(kv => kv.Value.Any(replaced.Contains)).Select(kv => kv.Key).ToList();
                if (keys.Count == 0)
                {
                    continue;
                }

                var unknown = keys.Aggregate(dependent.Inputs, (inputs, key) => inputs.Set(key, PropertyValue.Unknown));
                var provider = run.Settings.Providers.ResolveReference(dependent.Type, dependent.Provider);
                var diff = await provider.DiffAsync(
                    new DiffRequest(dependent.Urn, dependent.Type, dependent.Id ?? string.Empty, dependent.Inputs, dependent.Outputs, unknown),
                    run.CancellationToken);
                if (StepGenerator.Decide(diff, dependent.ReplaceOnChanges, false, false, false).Kind != StepKind.Replace)
                {
                    continue;
                }

                replaced.Add(dependent.Urn);
                found.Add(dependent);
                grew = true;
            }
        }
        while (grew);
        return found;
    }
}
